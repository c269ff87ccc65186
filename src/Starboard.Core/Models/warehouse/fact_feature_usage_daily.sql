WITH first_use AS (
    SELECT user_id, feature, min(local_date) AS first_date
    FROM {{ ref('stg_events') }}
    WHERE feature IS NOT NULL
    GROUP BY user_id, feature
),
usage AS (
    SELECT e.local_date, e.feature, e.user_id, count(*) AS events,
           sum(CASE WHEN a.is_core_action THEN 1 ELSE 0 END) AS core_actions
    FROM {{ ref('stg_events') }} AS e
    JOIN {{ ref('dim_action') }} AS a ON a.name = e.name
    WHERE e.feature IS NOT NULL AND e.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
    GROUP BY e.local_date, e.feature, e.user_id
)
SELECT {{ date_key(g.local_date) }} AS date_key, {{ hash_key(g.feature) }} AS feature_key, {{ hash_key(g.user_id) }} AS user_key,
       u.user_sk, g.user_id, g.feature, g.events, g.core_actions, f.first_date = g.local_date AS is_first_use
FROM usage AS g
JOIN first_use AS f ON f.user_id = g.user_id AND f.feature = g.feature
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = g.user_id AND g.local_date BETWEEN u.day_valid_from AND u.day_valid_to
