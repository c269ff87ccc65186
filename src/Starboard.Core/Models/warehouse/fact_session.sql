SELECT s.session_key, s.session_id, s.origin, {{ date_key(s.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM {{ local_ts(s.started_at) }}) * 100 + EXTRACT(MINUTE FROM {{ local_ts(s.started_at) }}) AS SMALLINT) AS time_key,
       {{ hash_key(s.user_id) }} AS user_key, u.user_sk, s.user_id, s.started_at, s.ended_at,
       ({{ epoch_micros(s.ended_at) }} - {{ epoch_micros(s.started_at) }}) / 1000000.0 AS duration_seconds,
       s.actions, s.screens, s.platform, s.device, s.app_version, s.country
FROM {{ ref('int_sessions') }} AS s
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = s.user_id AND s.started_at >= u.valid_from AND s.started_at < u.valid_to
WHERE s.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
