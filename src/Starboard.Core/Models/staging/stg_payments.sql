-- Payments arrive in separate feeds (web, ios, android, other), each in its own raw table; they are combined
-- with UNION ALL before de-duplication, so a payment reported by two feeds is still one payment.
WITH feeds AS (
    SELECT 'web' AS feed, payment_id, user_id, ts, amount, currency, status, updated_at, order_id, method, load_id, line
    FROM {{ source('raw_payments_web') }}
    UNION ALL
    SELECT 'ios' AS feed, payment_id, user_id, ts, amount, currency, status, updated_at, order_id, method, load_id, line
    FROM {{ source('raw_payments_ios') }}
    UNION ALL
    SELECT 'android' AS feed, payment_id, user_id, ts, amount, currency, status, updated_at, order_id, method, load_id, line
    FROM {{ source('raw_payments_android') }}
    UNION ALL
    SELECT 'other' AS feed, payment_id, user_id, ts, amount, currency, status, updated_at, order_id, method, load_id, line
    FROM {{ source('raw_payments_other') }}
),
touched AS (
    -- Payments staged again in this run: those with a version in a load not yet staged, and those whose user an
    -- alias (re)names since. Each is staged from all its versions, as a full build would stage it.
    SELECT payment_id FROM feeds WHERE {{ new_loads(load_id) }}
    UNION
    SELECT payment_id FROM {{ this() }} WHERE user_id IN (SELECT distinct_id FROM {{ ref('stg_aliases') }})
    UNION
    SELECT payment_id FROM feeds
    WHERE user_id IN (SELECT distinct_id FROM {{ source('raw_aliases') }} WHERE {{ new_loads(load_id) }})
)
SELECT payment_id, user_id, ts, {{ local_date(ts) }} AS local_date, amount, currency, status, updated_at, order_id, method, source, load_id
FROM (
    SELECT r.payment_id, COALESCE(a.user_id, r.user_id) AS user_id, r.ts, r.amount, r.currency, r.status, r.updated_at,
           r.order_id, r.method, r.feed AS source, r.load_id,
           row_number() OVER (
               PARTITION BY r.payment_id
               ORDER BY COALESCE(r.updated_at, r.ts) DESC, r.load_id DESC, r.line DESC) AS pick
    FROM feeds AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
    WHERE r.payment_id IN (SELECT payment_id FROM touched)
) AS versions
WHERE pick = 1
