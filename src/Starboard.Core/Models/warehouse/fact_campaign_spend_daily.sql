SELECT {{ date_key(a.spend_date) }} AS date_key, {{ hash_key(a.campaign_id) }} AS campaign_key, a.campaign_id,
       {{ hash_key(COALESCE(c.channel, 'unknown')) }} AS channel_key, COALESCE(c.channel, 'unknown') AS channel,
       a.spend, a.currency, r.rate AS fx_rate, CAST(CAST(a.spend AS DECIMAL(38,6)) * r.rate AS DECIMAL(38,16)) AS spend_reporting,
       a.impressions, a.clicks, a.load_id
FROM {{ ref('stg_ad_spend') }} AS a
LEFT JOIN {{ ref('stg_campaigns') }} AS c ON c.campaign_id = a.campaign_id
LEFT JOIN {{ ref('int_fx_rates') }} AS r ON r.currency = a.currency AND a.spend_date BETWEEN r.rate_date AND r.valid_to
WHERE a.spend_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
