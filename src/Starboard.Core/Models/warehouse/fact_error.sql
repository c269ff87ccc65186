SELECT {{ hash_key(e.error_id) }} AS error_key, e.error_id, {{ date_key(e.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM e.local_ts) * 100 + EXTRACT(MINUTE FROM e.local_ts) AS SMALLINT) AS time_key,
       e.ts, {{ hash_key(e.code, e.severity) }} AS error_type_key, e.code, e.severity, e.severity = 'fatal' AS is_fatal,
       CASE WHEN e.user_id IS NOT NULL THEN {{ hash_key(e.user_id) }} END AS user_key, u.user_sk, e.user_id,
       e.session_key, e.session_match,
       {{ hash_key(COALESCE(e.platform, 'unknown')) }} AS platform_key, {{ hash_key(COALESCE(e.app_version, 'unknown')) }} AS app_version_key,
       1 AS occurrences
FROM {{ ref('int_errors') }} AS e
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = e.user_id AND e.ts >= u.valid_from AND e.ts < u.valid_to
WHERE e.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
