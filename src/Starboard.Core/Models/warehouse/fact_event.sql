SELECT {{ hash_key(e.event_id) }} AS event_key, e.event_id, {{ date_key(e.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM e.local_ts) * 100 + EXTRACT(MINUTE FROM e.local_ts) AS SMALLINT) AS time_key,
       e.ts, {{ hash_key(e.user_id) }} AS user_key, u.user_sk, e.user_id, a.action_key, e.name, a.category, a.is_core_action,
       {{ hash_key(COALESCE(e.session_id, d.session_id)) }} AS session_key,
       {{ hash_key(COALESCE(e.platform, 'unknown')) }} AS platform_key, {{ hash_key(COALESCE(e.device, 'unknown')) }} AS device_key,
       {{ hash_key(COALESCE(e.app_version, 'unknown')) }} AS app_version_key, {{ hash_key(COALESCE(e.country, 'unknown')) }} AS geo_key,
       CASE WHEN e.feature IS NOT NULL THEN {{ hash_key(e.feature) }} END AS feature_key,
       e.platform, e.device, e.app_version, e.country, e.feature
FROM {{ ref('stg_events') }} AS e
JOIN {{ ref('dim_action') }} AS a ON a.name = e.name
-- The window's events lie within a day of its UTC days, and int_event_sessions is stored in time order: only its
-- rows of those days are read.
LEFT JOIN {{ ref('int_event_sessions') }} AS d
       ON d.event_id = e.event_id
      AND d.ts_us BETWEEN {{ epoch_micros(add_days(var('start_date'), -1)) }} AND {{ epoch_micros(add_days(var('end_date'), 2)) }}
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = e.user_id AND e.ts >= u.valid_from AND e.ts < u.valid_to
WHERE e.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
