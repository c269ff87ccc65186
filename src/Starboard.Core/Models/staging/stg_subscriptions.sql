WITH touched AS (
    -- Actions staged again in this run: those with a copy in a load not yet staged, and those whose user an alias
    -- (re)names since. Each is staged from all its copies, as a full build would stage it.
    SELECT subscription_id, ts, action FROM {{ source('raw_subscriptions') }} WHERE {{ new_loads(load_id) }}
    UNION
    SELECT subscription_id, ts, action FROM {{ this() }} WHERE user_id IN (SELECT distinct_id FROM {{ ref('stg_aliases') }})
    UNION
    SELECT subscription_id, ts, action FROM {{ source('raw_subscriptions') }}
    WHERE user_id IN (SELECT distinct_id FROM {{ source('raw_aliases') }} WHERE {{ new_loads(load_id) }})
)
SELECT subscription_id, ts, action, user_id, {{ local_date(ts) }} AS local_date, plan, mrr, currency, load_id
FROM (
    SELECT r.subscription_id, r.ts, r.action, COALESCE(a.user_id, r.user_id) AS user_id, r.plan, r.mrr, r.currency, r.load_id,
           row_number() OVER (PARTITION BY r.subscription_id, r.ts, r.action ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_subscriptions') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
    WHERE (r.subscription_id, r.ts, r.action) IN (SELECT subscription_id, ts, action FROM touched)
) AS received
WHERE pick = 1
