SELECT refund_id, payment_id, user_id, ts, {{ local_date(ts) }} AS local_date, amount, currency
FROM (
    SELECT r.refund_id, r.payment_id, COALESCE(a.user_id, r.user_id) AS user_id, r.ts, r.amount, r.currency,
           row_number() OVER (PARTITION BY r.refund_id ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_refunds') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS received
WHERE pick = 1
