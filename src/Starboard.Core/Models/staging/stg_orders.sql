SELECT order_id, user_id, ts, {{ local_date(ts) }} AS local_date, status, amount, currency, updated_at, items, versions, load_id
FROM (
    SELECT r.order_id, COALESCE(a.user_id, r.user_id) AS user_id, r.ts, r.status, r.amount, r.currency, r.updated_at, r.items,
           r.load_id, count(*) OVER (PARTITION BY r.order_id) AS versions,
           row_number() OVER (
               PARTITION BY r.order_id
               ORDER BY COALESCE(r.updated_at, r.ts) DESC, r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_orders') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS received
WHERE pick = 1
