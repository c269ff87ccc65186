SELECT c.user_key, u.user_sk, c.user_id, {{ date_key(local_date(c.signup_at)) }} AS date_key,
       CAST(EXTRACT(HOUR FROM {{ local_ts(c.signup_at) }}) * 100 + EXTRACT(MINUTE FROM {{ local_ts(c.signup_at) }}) AS SMALLINT) AS time_key,
       c.signup_at, {{ hash_key(COALESCE(u.platform, 'unknown')) }} AS platform_key, {{ hash_key(COALESCE(u.country, 'unknown')) }} AS geo_key,
       {{ hash_key(COALESCE(u.channel, 'unknown')) }} AS channel_key,
       CASE WHEN u.campaign_id IS NOT NULL THEN {{ hash_key(u.campaign_id) }} END AS campaign_key,
       CASE WHEN c.first_touch_campaign_id IS NOT NULL THEN {{ hash_key(c.first_touch_campaign_id) }} END AS first_touch_campaign_key,
       CASE WHEN u.plan IS NOT NULL THEN {{ hash_key('plan', u.plan) }} END AS product_key,
       COALESCE(u.channel IN (SELECT channel FROM {{ ref('paid_channels') }}), FALSE) AS is_paid_channel,
       1 AS signups
FROM {{ ref('dim_user') }} AS c
JOIN {{ ref('dim_user') }} AS u ON u.user_id = c.user_id AND c.signup_at >= u.valid_from AND c.signup_at < u.valid_to
WHERE c.is_current
