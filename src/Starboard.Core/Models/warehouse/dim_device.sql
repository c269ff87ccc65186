SELECT {{ hash_key(device) }} AS device_key, device,
       CASE WHEN device = 'unknown' THEN 'unknown'
            WHEN lower(device) LIKE '%ipad%' OR lower(device) LIKE '%tab%' THEN 'tablet'
            WHEN lower(device) LIKE '%tv%' OR lower(device) LIKE '%console%' THEN 'tv'
            WHEN lower(device) LIKE '%windows%' OR lower(device) LIKE '%macos%' OR lower(device) LIKE '%linux%'
                 OR lower(device) LIKE '%desktop%' OR lower(device) LIKE '% app' THEN 'desktop'
            ELSE 'phone' END AS form_factor,
       first_seen_at
FROM (
    SELECT device, min(first_seen_at) AS first_seen_at
    FROM (
        SELECT device, min(started_at) AS first_seen_at FROM {{ ref('int_sessions') }} WHERE device IS NOT NULL GROUP BY device
        UNION ALL
        SELECT device, min(ts) FROM {{ ref('stg_events') }} WHERE device IS NOT NULL GROUP BY device
        UNION ALL
        SELECT 'unknown', NULL
    ) AS seen
    GROUP BY device
) AS devices
