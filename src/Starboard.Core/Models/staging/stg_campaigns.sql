SELECT campaign_id, name, channel, started_at, ended_at, budget, currency, load_id
FROM (
    SELECT r.campaign_id, r.name, r.channel, r.started_at, r.ended_at, r.budget, r.currency, r.load_id,
           row_number() OVER (PARTITION BY r.campaign_id ORDER BY r.load_id DESC, r.line DESC) AS pick
    FROM {{ source('raw_campaigns') }} AS r
) AS received
WHERE pick = 1
