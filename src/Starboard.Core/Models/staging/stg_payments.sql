SELECT payment_id, user_id, ts, {{ local_date(ts) }} AS local_date, amount, currency, status, updated_at, order_id, method, source
FROM (
    SELECT r.payment_id, COALESCE(a.user_id, r.user_id) AS user_id, r.ts, r.amount, r.currency, r.status, r.updated_at,
           r.order_id, r.method, COALESCE(r.source, 'other') AS source,
           row_number() OVER (
               PARTITION BY r.payment_id
               ORDER BY COALESCE(r.updated_at, r.ts) DESC, r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_payments') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS versions
WHERE pick = 1
