WITH lines AS (
    SELECT order_id, count(*) AS item_lines, sum(quantity) AS item_quantity
    FROM {{ ref('stg_order_items') }}
    GROUP BY order_id
)
SELECT {{ hash_key(o.order_id) }} AS order_key, o.order_id, {{ date_key(o.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM {{ local_ts(o.ts) }}) * 100 + EXTRACT(MINUTE FROM {{ local_ts(o.ts) }}) AS SMALLINT) AS time_key,
       o.ts, o.updated_at, {{ hash_key(o.user_id) }} AS user_key, u.user_sk, o.user_id, o.status,
       o.status = 'completed' AS is_completed, o.versions, o.amount, o.currency, r.rate AS fx_rate,
       CAST(CAST(o.amount AS DECIMAL(38,6)) * r.rate AS DECIMAL(38,16)) AS amount_reporting,
       COALESCE(l.item_lines, 0) AS item_lines, l.item_quantity
FROM {{ ref('stg_orders') }} AS o
LEFT JOIN lines AS l ON l.order_id = o.order_id
LEFT JOIN {{ ref('int_fx_rates') }} AS r ON r.currency = o.currency AND o.local_date BETWEEN r.rate_date AND r.valid_to
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = o.user_id AND o.ts >= u.valid_from AND o.ts < u.valid_to
WHERE o.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
