WITH by_session_id AS (
    SELECT e.error_id, s.session_key
    FROM {{ ref('stg_errors') }} AS e
    JOIN {{ ref('int_sessions') }} AS s ON s.session_id = e.session_id
),
by_span AS (
    -- No session by that id: the user's session whose span contains the error (the latest started, if several).
    SELECT error_id, session_key
    FROM (
        SELECT e.error_id, s.session_key,
               row_number() OVER (PARTITION BY e.error_id ORDER BY s.started_at DESC, s.session_key) AS pick
        FROM {{ ref('stg_errors') }} AS e
        JOIN {{ ref('int_sessions') }} AS s ON s.user_id = e.user_id AND e.ts BETWEEN s.started_at AND s.ended_at
        WHERE NOT EXISTS (SELECT 1 FROM by_session_id AS b WHERE b.error_id = e.error_id)
    ) AS containing
    WHERE pick = 1
)
SELECT e.error_id, e.ts, e.local_ts, e.local_date, e.code, e.severity, e.user_id, e.session_id,
       COALESCE(b.session_key, c.session_key) AS session_key,
       CASE WHEN b.session_key IS NOT NULL THEN 'session_id' WHEN c.session_key IS NOT NULL THEN 'span' ELSE 'none' END AS session_match,
       e.platform, e.app_version
FROM {{ ref('stg_errors') }} AS e
LEFT JOIN by_session_id AS b ON b.error_id = e.error_id
LEFT JOIN by_span AS c ON c.error_id = e.error_id
