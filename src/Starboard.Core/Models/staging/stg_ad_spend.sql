WITH touched AS (
    -- Campaign days restated in a load not yet staged: each is staged again from all its copies.
    SELECT campaign_id, date FROM {{ source('raw_ad_spend') }} WHERE {{ new_loads(load_id) }}
)
SELECT campaign_id, spend_date, spend, currency, impressions, clicks, load_id
FROM (
    SELECT r.campaign_id, r.date AS spend_date, r.spend, r.currency, r.impressions, r.clicks, r.load_id,
           row_number() OVER (PARTITION BY r.campaign_id, r.date ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_ad_spend') }} AS r
    WHERE (r.campaign_id, r.date) IN (SELECT campaign_id, date FROM touched)
) AS received
WHERE pick = 1
