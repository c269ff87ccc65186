WITH seen AS (
    SELECT app_version, min(first_seen_at) AS first_seen_at
    FROM (
        SELECT app_version, min(started_at) AS first_seen_at FROM {{ ref('int_sessions') }} WHERE app_version IS NOT NULL GROUP BY app_version
        UNION ALL
        SELECT app_version, min(ts) FROM {{ ref('stg_events') }} WHERE app_version IS NOT NULL GROUP BY app_version
        UNION ALL
        SELECT app_version, min(ts) FROM {{ ref('stg_errors') }} WHERE app_version IS NOT NULL GROUP BY app_version
        UNION ALL
        SELECT 'unknown', NULL
    ) AS versions
    GROUP BY app_version
)
SELECT {{ hash_key(app_version) }} AS app_version_key, app_version,
       CASE WHEN app_version = 'unknown' THEN 'unknown' ELSE {{ split_part(app_version, '.', 1) }} END AS major_version,
       CASE WHEN app_version = 'unknown' THEN 'unknown'
            ELSE {{ split_part(app_version, '.', 1) }} || '.' || {{ split_part(app_version, '.', 2) }} END AS minor_version,
       first_seen_at,
       COALESCE(first_seen_at = (SELECT max(first_seen_at) FROM seen), FALSE) AS is_latest
FROM seen
