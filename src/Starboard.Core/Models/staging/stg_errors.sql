SELECT error_id, ts, {{ local_ts(ts) }} AS local_ts, {{ local_date(ts) }} AS local_date, code, severity, user_id, session_id,
       message, platform, app_version, load_id
FROM (
    SELECT r.error_id, r.ts, r.code, r.severity, COALESCE(a.user_id, r.user_id) AS user_id, r.session_id, r.message,
           r.platform, r.app_version, r.load_id,
           row_number() OVER (PARTITION BY r.error_id ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_errors') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS received
WHERE pick = 1
