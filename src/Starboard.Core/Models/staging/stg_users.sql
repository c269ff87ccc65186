SELECT user_id, updated_at, created_at, {{ local_date(created_at) }} AS signup_date, country, platform, plan, channel,
       campaign_id, email, properties, load_id, line
FROM (
    SELECT COALESCE(a.user_id, r.user_id) AS user_id, COALESCE(r.updated_at, r.created_at) AS updated_at, r.created_at,
           r.country, r.platform, r.plan, r.channel, r.campaign_id, r.email, r.properties, r.load_id, r.line,
           row_number() OVER (
               PARTITION BY COALESCE(a.user_id, r.user_id), COALESCE(r.updated_at, r.created_at)
               ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_users') }} AS r
    LEFT JOIN {{ ref('stg_aliases') }} AS a ON a.distinct_id = r.user_id
) AS versions
WHERE pick = 1
