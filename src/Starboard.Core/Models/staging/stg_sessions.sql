SELECT session_id, user_id, started_at, ended_at, {{ local_date(started_at) }} AS local_date, platform, device, app_version, country
FROM (
    SELECT r.session_id, COALESCE(a.user_id, r.user_id) AS user_id, r.started_at, r.ended_at, r.platform, r.device,
           r.app_version, r.country,
           row_number() OVER (PARTITION BY r.session_id ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_sessions') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS received
WHERE pick = 1
