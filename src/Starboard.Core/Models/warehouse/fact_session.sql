WITH session_errors AS (
    SELECT session_key, count(*) AS errors, sum(CASE WHEN severity = 'fatal' THEN 1 ELSE 0 END) AS fatal_errors
    FROM {{ ref('int_errors') }}
    WHERE session_key IS NOT NULL
    GROUP BY session_key
)
SELECT s.session_key, s.session_id, s.origin, {{ date_key(s.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM {{ local_ts(s.started_at) }}) * 100 + EXTRACT(MINUTE FROM {{ local_ts(s.started_at) }}) AS SMALLINT) AS time_key,
       {{ hash_key(s.user_id) }} AS user_key, u.user_sk, s.user_id, s.started_at, s.ended_at,
       ({{ epoch_micros(s.ended_at) }} - {{ epoch_micros(s.started_at) }}) / 1000000.0 AS duration_seconds,
       s.actions, s.screens, COALESCE(r.errors, 0) AS errors, COALESCE(r.fatal_errors, 0) AS fatal_errors,
       COALESCE(r.fatal_errors, 0) > 0 AS has_fatal_error,
       {{ hash_key(COALESCE(s.platform, 'unknown')) }} AS platform_key, {{ hash_key(COALESCE(s.device, 'unknown')) }} AS device_key,
       {{ hash_key(COALESCE(s.app_version, 'unknown')) }} AS app_version_key, {{ hash_key(COALESCE(s.country, 'unknown')) }} AS geo_key,
       s.platform, s.device, s.app_version, s.country
FROM {{ ref('int_sessions') }} AS s
LEFT JOIN session_errors AS r ON r.session_key = s.session_key
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = s.user_id AND s.started_at >= u.valid_from AND s.started_at < u.valid_to
WHERE s.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
