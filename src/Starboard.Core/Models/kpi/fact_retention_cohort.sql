WITH offsets AS (
    -- 0 to 30: the days of January 2015 less one.
    SELECT day_of_month - 1 AS n FROM {{ ref('dim_date') }} WHERE year = 2015 AND month = 1
),
members AS (
    -- Each day of the run and offset n names the cohort that signed up n days before it: users are found by their
    -- signup day (an equality), not each user paired with every offset and day.
    SELECT u.user_id, u.signup_date_key, w.n, w.date_key AS activity_date_key, w.date AS activity_date
    FROM (
        SELECT d.date_key, d.date, o.n, {{ date_key(add_days(d.date, -o.n)) }} AS signup_date_key
        FROM {{ ref('dim_date') }} AS d
        CROSS JOIN offsets AS o
        CROSS JOIN {{ ref('data_range') }} AS r
        WHERE d.date_key BETWEEN {{ var('start_key') }} AND {{ var('end_key') }} AND d.date <= r.last_date
    ) AS w
    JOIN {{ ref('dim_user') }} AS u ON u.signup_date_key = w.signup_date_key
    WHERE u.is_current
),
attributed AS (
    SELECT m.signup_date_key, m.n, m.activity_date_key, CASE WHEN a.user_id IS NULL THEN 0 ELSE 1 END AS retained,
           COALESCE(v.platform, 'unknown') AS platform, COALESCE(v.country, 'unknown') AS country,
           COALESCE(v.channel, 'unknown') AS channel, COALESCE(v.plan, 'unknown') AS plan
    FROM members AS m
    LEFT JOIN {{ ref('dim_user') }} AS v ON v.user_id = m.user_id AND m.activity_date BETWEEN v.day_valid_from AND v.day_valid_to
    LEFT JOIN {{ ref('fact_daily_user_activity') }} AS a
           ON a.user_id = m.user_id AND a.date_key = m.activity_date_key AND a.is_active
),
fanned AS (
    SELECT signup_date_key, n, activity_date_key, 'all' AS entity_type, 'ALL' AS entity_value, retained FROM attributed
    UNION ALL SELECT signup_date_key, n, activity_date_key, 'platform', platform, retained FROM attributed
    UNION ALL SELECT signup_date_key, n, activity_date_key, 'country', country, retained FROM attributed
    UNION ALL SELECT signup_date_key, n, activity_date_key, 'channel', channel, retained FROM attributed
    UNION ALL SELECT signup_date_key, n, activity_date_key, 'plan', plan, retained FROM attributed
)
SELECT signup_date_key AS cohort_date_key, CAST(n AS SMALLINT) AS day_number, activity_date_key,
       {{ hash_key(entity_type, entity_value) }} AS entity_key, count(*) AS cohort_size, sum(retained) AS retained
FROM fanned
GROUP BY signup_date_key, n, activity_date_key, entity_type, entity_value
