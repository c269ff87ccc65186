WITH ordered AS (
    -- The whole history of each subscription, so the action before one in the window is known.
    SELECT s.*,
           lag(s.plan) OVER (PARTITION BY s.subscription_id ORDER BY s.ts, CASE s.action WHEN 'start' THEN 0 WHEN 'cancel' THEN 2 ELSE 1 END, s.action) AS previous_plan,
           lag(s.mrr) OVER (PARTITION BY s.subscription_id ORDER BY s.ts, CASE s.action WHEN 'start' THEN 0 WHEN 'cancel' THEN 2 ELSE 1 END, s.action) AS previous_mrr,
           lag(s.currency) OVER (PARTITION BY s.subscription_id ORDER BY s.ts, CASE s.action WHEN 'start' THEN 0 WHEN 'cancel' THEN 2 ELSE 1 END, s.action) AS previous_currency
    FROM {{ ref('stg_subscriptions') }} AS s
)
SELECT {{ hash_key(s.subscription_id, epoch_micros(s.ts), s.action) }} AS subscription_event_key, s.subscription_id,
       {{ date_key(s.local_date) }} AS date_key,
       CAST(EXTRACT(HOUR FROM {{ local_ts(s.ts) }}) * 100 + EXTRACT(MINUTE FROM {{ local_ts(s.ts) }}) AS SMALLINT) AS time_key,
       s.ts, {{ hash_key(s.user_id) }} AS user_key, u.user_sk, s.user_id, s.action,
       {{ hash_key('plan', s.plan) }} AS product_key, s.plan, s.previous_plan,
       CASE WHEN s.action = 'cancel' THEN 'churn'
            WHEN s.previous_mrr IS NULL OR s.previous_mrr = 0 THEN 'new'
            WHEN s.mrr > s.previous_mrr THEN 'expansion'
            WHEN s.mrr < s.previous_mrr THEN 'contraction'
            ELSE 'flat' END AS mrr_movement,
       s.mrr, COALESCE(s.previous_mrr, 0) AS previous_mrr, s.currency, r.rate AS fx_rate,
       CAST(CAST(s.mrr AS DECIMAL(38,6)) * r.rate AS DECIMAL(38,16)) AS mrr_reporting,
       CAST(CAST(COALESCE(s.previous_mrr, 0) AS DECIMAL(38,6)) * COALESCE(p.rate, r.rate) AS DECIMAL(38,16)) AS previous_mrr_reporting,
       CAST(CAST(s.mrr AS DECIMAL(38,6)) * r.rate - CAST(COALESCE(s.previous_mrr, 0) AS DECIMAL(38,6)) * COALESCE(p.rate, r.rate) AS DECIMAL(38,16)) AS mrr_change_reporting,
       s.action <> 'cancel' AS is_active_after
FROM ordered AS s
LEFT JOIN {{ ref('int_fx_rates') }} AS r ON r.currency = s.currency AND s.local_date BETWEEN r.rate_date AND r.valid_to
LEFT JOIN {{ ref('int_fx_rates') }} AS p ON p.currency = s.previous_currency AND s.local_date BETWEEN p.rate_date AND p.valid_to
LEFT JOIN {{ ref('dim_user') }} AS u ON u.user_id = s.user_id AND s.ts >= u.valid_from AND s.ts < u.valid_to
WHERE s.local_date BETWEEN {{ var('start_date') }} AND {{ var('end_date') }}
