WITH periods AS (
    -- The run's days with the first day of each to-date period they belong to.
    SELECT as_of_date_key AS date_key, as_of_day_number AS dn,
           max(CASE WHEN window_code = 'mtd' THEN start_day_number END) AS mtd_start,
           max(CASE WHEN window_code = 'qtd' THEN start_day_number END) AS qtd_start,
           max(CASE WHEN window_code = 'ytd' THEN start_day_number END) AS ytd_start,
           max(CASE WHEN window_code = 'fqtd' THEN start_day_number END) AS fqtd_start,
           max(CASE WHEN window_code = 'fytd' THEN start_day_number END) AS fytd_start
    FROM {{ ref('kpi_window') }}
    WHERE as_of_date_key BETWEEN {{ var('start_key') }} AND {{ var('end_key') }}
    GROUP BY as_of_date_key, as_of_day_number
),
arrivals AS (
    SELECT u.measure, u.entity_key, u.day_number AS dn, count(*) AS users,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > p.dn - p.mtd_start THEN 1 ELSE 0 END) AS new_mtd,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > p.dn - p.qtd_start THEN 1 ELSE 0 END) AS new_qtd,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > p.dn - p.ytd_start THEN 1 ELSE 0 END) AS new_ytd,
           sum(CASE WHEN p.fqtd_start IS NOT NULL AND (u.gap_days IS NULL OR u.gap_days > p.dn - p.fqtd_start) THEN 1 ELSE 0 END) AS new_fqtd,
           sum(CASE WHEN p.fytd_start IS NOT NULL AND (u.gap_days IS NULL OR u.gap_days > p.dn - p.fytd_start) THEN 1 ELSE 0 END) AS new_fytd,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > 7 THEN 1 ELSE 0 END) AS enter_7,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > 28 THEN 1 ELSE 0 END) AS enter_28,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > 30 THEN 1 ELSE 0 END) AS enter_30,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > 60 THEN 1 ELSE 0 END) AS enter_60,
           sum(CASE WHEN u.gap_days IS NULL OR u.gap_days > 90 THEN 1 ELSE 0 END) AS enter_90
    FROM {{ ref('kpi_user_day') }} AS u
    JOIN periods AS p ON p.date_key = u.date_key
    GROUP BY u.measure, u.entity_key, u.day_number
),
leaving AS (
    -- Per day p, the users whose n-day window closes on a day of the run (p + n), for each length n: the users of
    -- day p ...
    SELECT u.measure, u.entity_key, u.day_number AS p,
           sum(CASE WHEN u.day_number BETWEEN {{ var('start_day_number') }} - 7 AND {{ var('end_day_number') }} - 7 THEN 1 ELSE 0 END) AS l7,
           sum(CASE WHEN u.day_number BETWEEN {{ var('start_day_number') }} - 28 AND {{ var('end_day_number') }} - 28 THEN 1 ELSE 0 END) AS l28,
           sum(CASE WHEN u.day_number BETWEEN {{ var('start_day_number') }} - 30 AND {{ var('end_day_number') }} - 30 THEN 1 ELSE 0 END) AS l30,
           sum(CASE WHEN u.day_number BETWEEN {{ var('start_day_number') }} - 60 AND {{ var('end_day_number') }} - 60 THEN 1 ELSE 0 END) AS l60,
           sum(CASE WHEN u.day_number BETWEEN {{ var('start_day_number') }} - 90 AND {{ var('end_day_number') }} - 90 THEN 1 ELSE 0 END) AS l90
    FROM {{ ref('kpi_user_day') }} AS u
    WHERE u.day_number BETWEEN {{ var('start_day_number') }} - 7 AND {{ var('end_day_number') }} - 7
       OR u.day_number BETWEEN {{ var('start_day_number') }} - 28 AND {{ var('end_day_number') }} - 28
       OR u.day_number BETWEEN {{ var('start_day_number') }} - 30 AND {{ var('end_day_number') }} - 30
       OR u.day_number BETWEEN {{ var('start_day_number') }} - 60 AND {{ var('end_day_number') }} - 60
       OR u.day_number BETWEEN {{ var('start_day_number') }} - 90 AND {{ var('end_day_number') }} - 90
    GROUP BY u.measure, u.entity_key, u.day_number
    UNION ALL
    -- ... less those of them who came back within n days (whose next day is at most n days after p). Each length
    -- is a condition on the row, not a join to the lengths, so a row is read once whatever the number of lengths.
    SELECT u.measure, u.entity_key, u.day_number - u.gap_days,
           -sum(CASE WHEN u.gap_days <= 7 AND u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 7 AND {{ var('end_day_number') }} - 7 THEN 1 ELSE 0 END),
           -sum(CASE WHEN u.gap_days <= 28 AND u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 28 AND {{ var('end_day_number') }} - 28 THEN 1 ELSE 0 END),
           -sum(CASE WHEN u.gap_days <= 30 AND u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 30 AND {{ var('end_day_number') }} - 30 THEN 1 ELSE 0 END),
           -sum(CASE WHEN u.gap_days <= 60 AND u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 60 AND {{ var('end_day_number') }} - 60 THEN 1 ELSE 0 END),
           -sum(CASE WHEN u.gap_days <= 90 AND u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 90 AND {{ var('end_day_number') }} - 90 THEN 1 ELSE 0 END)
    FROM {{ ref('kpi_user_day') }} AS u
    WHERE u.day_number BETWEEN {{ var('start_day_number') }} - 89 AND {{ var('end_day_number') }} AND u.gap_days <= 90
      AND (u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 7 AND {{ var('end_day_number') }} - 7
        OR u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 28 AND {{ var('end_day_number') }} - 28
        OR u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 30 AND {{ var('end_day_number') }} - 30
        OR u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 60 AND {{ var('end_day_number') }} - 60
        OR u.day_number - u.gap_days BETWEEN {{ var('start_day_number') }} - 90 AND {{ var('end_day_number') }} - 90)
    GROUP BY u.measure, u.entity_key, u.day_number - u.gap_days
),
merged AS (
    SELECT measure, entity_key, dn, users, new_mtd, new_qtd, new_ytd, new_fqtd, new_fytd, enter_7, enter_28, enter_30, enter_60, enter_90,
           0 AS leave_7, 0 AS leave_28, 0 AS leave_30, 0 AS leave_60, 0 AS leave_90
    FROM arrivals
    UNION ALL
    SELECT measure, entity_key, p + 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, l7, 0, 0, 0, 0 FROM leaving
    UNION ALL
    SELECT measure, entity_key, p + 28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, l28, 0, 0, 0 FROM leaving
    UNION ALL
    SELECT measure, entity_key, p + 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, l30, 0, 0 FROM leaving
    UNION ALL
    SELECT measure, entity_key, p + 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, l60, 0 FROM leaving
    UNION ALL
    SELECT measure, entity_key, p + 90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, l90 FROM leaving
)
SELECT m.measure, p.date_key, m.entity_key, m.dn AS day_number,
       sum(m.users) AS users, sum(m.new_mtd) AS new_mtd, sum(m.new_qtd) AS new_qtd, sum(m.new_ytd) AS new_ytd,
       sum(m.new_fqtd) AS new_fqtd, sum(m.new_fytd) AS new_fytd,
       sum(m.enter_7) AS enter_7, sum(m.leave_7) AS leave_7, sum(m.enter_28) AS enter_28, sum(m.leave_28) AS leave_28,
       sum(m.enter_30) AS enter_30, sum(m.leave_30) AS leave_30, sum(m.enter_60) AS enter_60, sum(m.leave_60) AS leave_60,
       sum(m.enter_90) AS enter_90, sum(m.leave_90) AS leave_90
FROM merged AS m
JOIN periods AS p ON p.dn = m.dn
GROUP BY m.measure, p.date_key, m.entity_key, m.dn
