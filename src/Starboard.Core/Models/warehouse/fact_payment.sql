SELECT {{ hash_key(p.payment_id) }} AS payment_key, p.payment_id, {{ date_key(p.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM {{ local_ts(p.ts) }}) * 100 + EXTRACT(MINUTE FROM {{ local_ts(p.ts) }}) AS SMALLINT) AS time_key,
       p.ts, {{ hash_key(p.user_id) }} AS user_key, u.user_sk, p.user_id, p.status, p.amount, p.currency, r.rate AS fx_rate,
       CAST(CAST(p.amount AS DECIMAL(38,6)) * r.rate AS DECIMAL(38,16)) AS amount_reporting, p.method, p.source, p.order_id,
       {{ hash_key(COALESCE(p.method, 'unknown')) }} AS payment_method_key, {{ hash_key(p.source) }} AS platform_key,
       CASE WHEN p.order_id IS NOT NULL THEN {{ hash_key(p.order_id) }} END AS order_key
FROM {{ ref('stg_payments') }} AS p
LEFT JOIN {{ ref('int_fx_rates') }} AS r ON r.currency = p.currency AND p.local_date BETWEEN r.rate_date AND r.valid_to
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = p.user_id AND p.ts >= u.valid_from AND p.ts < u.valid_to
WHERE p.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
