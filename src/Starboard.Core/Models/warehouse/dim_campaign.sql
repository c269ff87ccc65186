WITH referenced AS (
    SELECT campaign_id FROM {{ ref('stg_campaigns') }}
    UNION
    SELECT campaign_id FROM {{ ref('stg_ad_spend') }}
    UNION
    SELECT campaign_id FROM {{ ref('stg_users') }} WHERE campaign_id IS NOT NULL
)
SELECT {{ hash_key(r.campaign_id) }} AS campaign_key, r.campaign_id, COALESCE(c.name, r.campaign_id) AS name,
       COALESCE(c.channel, 'unknown') AS channel, {{ hash_key(COALESCE(c.channel, 'unknown')) }} AS channel_key,
       c.started_at, c.ended_at, {{ date_key(c.started_at) }} AS start_date_key, {{ date_key(c.ended_at) }} AS end_date_key,
       c.budget, c.currency, c.campaign_id IS NOT NULL AS is_known
FROM referenced AS r
LEFT JOIN {{ ref('stg_campaigns') }} AS c ON c.campaign_id = r.campaign_id
