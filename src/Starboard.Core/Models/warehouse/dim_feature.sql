SELECT {{ hash_key(feature) }} AS feature_key, feature, first_used_at, {{ date_key(local_date(first_used_at)) }} AS first_used_date_key, users
FROM (
    SELECT feature, min(ts) AS first_used_at, count(DISTINCT user_id) AS users
    FROM {{ ref('stg_events') }}
    WHERE feature IS NOT NULL
    GROUP BY feature
) AS features
