SELECT {{ hash_key(f.refund_id) }} AS refund_key, f.refund_id, {{ hash_key(f.payment_id) }} AS payment_key,
       {{ date_key(f.local_date) }} AS date_key, f.ts, {{ hash_key(f.user_id) }} AS user_key, u.user_sk, f.user_id,
       f.amount, f.currency, r.rate AS fx_rate, CAST(CAST(f.amount AS DECIMAL(38,6)) * r.rate AS DECIMAL(38,16)) AS amount_reporting
FROM {{ ref('stg_refunds') }} AS f
LEFT JOIN {{ ref('int_fx_rates') }} AS r ON r.currency = f.currency AND f.local_date BETWEEN r.rate_date AND r.valid_to
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = f.user_id AND f.ts >= u.valid_from AND f.ts < u.valid_to
WHERE f.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
