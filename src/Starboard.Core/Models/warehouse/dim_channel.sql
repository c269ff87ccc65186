SELECT {{ hash_key(channel) }} AS channel_key, channel,
       CASE WHEN channel IN (SELECT channel FROM {{ ref('paid_channels') }}) THEN TRUE ELSE FALSE END AS is_paid,
       CASE WHEN channel = 'unknown' THEN 'unknown'
            WHEN channel IN (SELECT channel FROM {{ ref('paid_channels') }}) THEN 'paid'
            ELSE 'unpaid' END AS channel_group,
       (SELECT count(*) FROM {{ ref('stg_campaigns') }} AS c WHERE c.channel = channels.channel) AS campaigns
FROM (
    SELECT channel FROM {{ ref('stg_users') }} WHERE channel IS NOT NULL
    UNION
    SELECT channel FROM {{ ref('stg_campaigns') }}
    UNION
    SELECT 'unknown'
) AS channels
