SELECT event_id, user_id, name, ts, {{ local_ts(ts) }} AS local_ts, {{ local_date(ts) }} AS local_date, session_id, platform,
       device, app_version, country, feature, properties, load_id
FROM (
    SELECT r.event_id, COALESCE(a.user_id, r.user_id) AS user_id, r.name, r.ts, r.session_id, r.platform, r.device,
           r.app_version, r.country, r.feature, r.properties, r.load_id,
           row_number() OVER (PARTITION BY r.event_id ORDER BY r.load_id, r.line) AS pick
    FROM {{ source('raw_events') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS received
WHERE pick = 1
