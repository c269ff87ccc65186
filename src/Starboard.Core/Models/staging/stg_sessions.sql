WITH fresh AS (
    -- Session records of the loads not yet staged; the one loaded last wins, over any staged before too.
    SELECT r.session_id, COALESCE(a.user_id, r.user_id) AS user_id, r.started_at, r.ended_at, r.platform, r.device,
           r.app_version, r.country, r.load_id,
           row_number() OVER (PARTITION BY r.session_id ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_sessions') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
    WHERE {{ new_loads(r.load_id) }}
)
SELECT session_id, user_id, started_at, ended_at, {{ local_date(started_at) }} AS local_date, platform, device, app_version, country, load_id
FROM fresh
WHERE pick = 1
UNION ALL
-- Sessions staged before an alias of their user arrived now belong to the user it resolves to.
SELECT t.session_id, a.user_id, t.started_at, t.ended_at, t.local_date, t.platform, t.device, t.app_version, t.country, t.load_id
FROM {{ this() }} AS t
JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = t.user_id
WHERE NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.session_id = t.session_id)
