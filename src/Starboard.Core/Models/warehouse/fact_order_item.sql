SELECT {{ hash_key(o.order_id, i.line_no) }} AS order_item_key, {{ hash_key(o.order_id) }} AS order_key, o.order_id, i.line_no,
       {{ date_key(o.local_date) }} AS date_key, {{ hash_key(o.user_id) }} AS user_key, u.user_sk, o.user_id,
       {{ hash_key('sku', i.sku) }} AS product_key, i.sku, o.status AS order_status, i.quantity, i.unit_price,
       CAST(i.quantity * i.unit_price AS DECIMAL(38,6)) AS line_amount, o.currency, r.rate AS fx_rate,
       CAST(CAST(i.quantity * i.unit_price AS DECIMAL(38,6)) * r.rate AS DECIMAL(38,16)) AS line_amount_reporting
FROM {{ ref('stg_order_items') }} AS i
JOIN {{ ref('stg_orders') }} AS o ON o.order_id = i.order_id
LEFT JOIN {{ ref('int_fx_rates') }} AS r ON r.currency = o.currency AND o.local_date BETWEEN r.rate_date AND r.valid_to
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = o.user_id AND o.ts >= u.valid_from AND o.ts < u.valid_to
WHERE o.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
