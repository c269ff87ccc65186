WITH span AS (
    -- The trailing 30-day tier needs the 29 days before the window too.
    SELECT {{ date_key(add_days(var('start_date'), -29)) }} AS from_key, {{ var('end_key') }} AS to_key
),
activity AS (
    SELECT date_key, user_id, count(*) AS events,
           sum(CASE WHEN is_core_action THEN 1 ELSE 0 END) AS core_actions,
           0 AS sessions, 0.0 AS session_seconds, 0 AS payments, CAST(0 AS DECIMAL(38,16)) AS revenue
    FROM {{ ref('fact_event') }}, span
    WHERE date_key BETWEEN span.from_key AND span.to_key
    GROUP BY date_key, user_id
    UNION ALL
    -- Seconds summed as exact decimals: a sum of doubles depends on the order, and a rerun must change nothing.
    SELECT date_key, user_id, 0, 0, count(*), CAST(sum(CAST(duration_seconds AS DECIMAL(18,6))) AS DOUBLE), 0, CAST(0 AS DECIMAL(38,16))
    FROM {{ ref('fact_session') }}, span
    WHERE date_key BETWEEN span.from_key AND span.to_key
    GROUP BY date_key, user_id
    UNION ALL
    SELECT date_key, user_id, 0, 0, 0, 0.0, count(*), COALESCE(sum(amount_reporting), 0)
    FROM {{ ref('fact_payment') }}, span
    WHERE status = 'succeeded' AND date_key BETWEEN span.from_key AND span.to_key
    GROUP BY date_key, user_id
),
days AS (
    SELECT date_key, user_id, sum(events) AS events, sum(core_actions) AS core_actions, sum(sessions) AS sessions,
           sum(session_seconds) AS session_seconds, sum(payments) AS payments, sum(revenue) AS revenue,
           sum(core_actions) > 0 OR sum(payments) > 0 AS is_active,
           {{ days_between('1970-01-01', date_from_key(date_key)) }} AS day_number
    FROM activity
    GROUP BY date_key, user_id
),
with_tier AS (
    SELECT d.*,
           CAST(sum(CASE WHEN is_active THEN 1 ELSE 0 END) OVER (
               PARTITION BY user_id ORDER BY day_number RANGE BETWEEN 29 PRECEDING AND CURRENT ROW) AS INTEGER) AS active_days_30
    FROM days AS d
)
SELECT t.date_key, {{ hash_key(t.user_id) }} AS user_key, t.user_id, u.user_sk, t.is_active, t.events, t.core_actions,
       t.sessions, t.session_seconds, t.payments, t.revenue, t.active_days_30,
       CASE WHEN t.active_days_30 >= 16 THEN 'core' WHEN t.active_days_30 >= 6 THEN 'regular'
            WHEN t.active_days_30 >= 1 THEN 'casual' ELSE 'none' END AS engagement_tier,
       COALESCE(u.platform, 'unknown') AS platform, COALESCE(u.country, 'unknown') AS country,
       COALESCE(u.channel, 'unknown') AS channel, COALESCE(u.plan, 'unknown') AS plan
FROM with_tier AS t
LEFT JOIN {{ ref('dim_user') }} AS u
       ON u.user_id = t.user_id AND {{ date_from_key(t.date_key) }} BETWEEN u.day_valid_from AND u.day_valid_to
WHERE t.date_key BETWEEN {{ var('start_key') }} AND {{ var('end_key') }}
