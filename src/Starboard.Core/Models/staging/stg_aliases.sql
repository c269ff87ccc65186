WITH RECURSIVE latest AS (
    SELECT distinct_id, user_id
    FROM (
        SELECT distinct_id, user_id,
               row_number() OVER (PARTITION BY distinct_id ORDER BY load_id DESC, line DESC) AS pick
        FROM {{ source('raw_aliases') }}
    ) AS a
    WHERE pick = 1 AND distinct_id <> user_id
),
chain (distinct_id, user_id, depth) AS (
    SELECT distinct_id, user_id, 1 FROM latest
    UNION ALL
    -- Follow the chain; the depth bound ends a cycle instead of looping forever.
    SELECT c.distinct_id, l.user_id, c.depth + 1
    FROM chain AS c
    JOIN latest AS l ON l.distinct_id = c.user_id
    WHERE c.depth < 32
)
SELECT distinct_id, user_id
FROM (
    SELECT distinct_id, user_id, row_number() OVER (PARTITION BY distinct_id ORDER BY depth DESC) AS pick
    FROM chain
) AS resolved
WHERE pick = 1
