WITH touched AS (
    -- Orders staged again in this run: those with a version in a load not yet staged, and those whose user an
    -- alias (re)names since. Each is staged from all its versions, as a full build would stage it.
    SELECT order_id FROM {{ source('raw_orders') }} WHERE {{ new_loads(load_id) }}
    UNION
    SELECT order_id FROM {{ this() }} WHERE user_id IN (SELECT distinct_id FROM {{ ref('stg_aliases') }})
    UNION
    SELECT order_id FROM {{ source('raw_orders') }}
    WHERE user_id IN (SELECT distinct_id FROM {{ source('raw_aliases') }} WHERE {{ new_loads(load_id) }})
)
SELECT order_id, user_id, ts, {{ local_date(ts) }} AS local_date, status, amount, currency, updated_at, items, versions, load_id
FROM (
    SELECT r.order_id, COALESCE(a.user_id, r.user_id) AS user_id, r.ts, r.status, r.amount, r.currency, r.updated_at, r.items,
           r.load_id, count(*) OVER (PARTITION BY r.order_id) AS versions,
           row_number() OVER (
               PARTITION BY r.order_id
               ORDER BY COALESCE(r.updated_at, r.ts) DESC, r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_orders') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
    WHERE r.order_id IN (SELECT order_id FROM touched)
) AS received
WHERE pick = 1
