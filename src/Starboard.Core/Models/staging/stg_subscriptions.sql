SELECT subscription_id, ts, action, user_id, {{ local_date(ts) }} AS local_date, plan, mrr, currency, load_id
FROM (
    SELECT r.subscription_id, r.ts, r.action, COALESCE(a.user_id, r.user_id) AS user_id, r.plan, r.mrr, r.currency, r.load_id,
           row_number() OVER (PARTITION BY r.subscription_id, r.ts, r.action ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_subscriptions') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS received
WHERE pick = 1
