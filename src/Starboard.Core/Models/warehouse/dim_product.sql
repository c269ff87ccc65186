SELECT {{ hash_key(product_type, product_code) }} AS product_key, product_type, product_code,
       product_type = 'plan' AS is_recurring, product_code = 'free' AS is_free, first_seen_at
FROM (
    SELECT product_type, product_code, min(first_seen_at) AS first_seen_at
    FROM (
        SELECT 'plan' AS product_type, plan AS product_code, min(ts) AS first_seen_at
        FROM {{ ref('stg_subscriptions') }} GROUP BY plan
        UNION ALL
        SELECT 'plan', plan, min(created_at) FROM {{ ref('stg_users') }} WHERE plan IS NOT NULL GROUP BY plan
        UNION ALL
        SELECT 'sku', i.sku, min(o.ts)
        FROM {{ ref('stg_order_items') }} AS i
        JOIN {{ ref('stg_orders') }} AS o ON o.order_id = i.order_id
        GROUP BY i.sku
    ) AS seen
    GROUP BY product_type, product_code
) AS products
