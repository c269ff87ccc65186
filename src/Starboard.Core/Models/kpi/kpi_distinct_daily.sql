WITH bounds AS (
    SELECT {{ days_between('1970-01-01', var('start_date')) }} AS start_dn, {{ days_between('1970-01-01', var('end_date')) }} AS end_dn
),
lengths AS (
    -- The trailing windows kept: the dashboard's 7, 28 and 90 days, and 30 and 60 for MAU and churn.
    SELECT 7 AS n UNION ALL SELECT 28 UNION ALL SELECT 30 UNION ALL SELECT 60 UNION ALL SELECT 90
),
periods AS (
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
departures AS (
    -- leave_L on day x: users of day x - L, less those of them who came back within (x - L, x].
    SELECT u.measure, u.entity_key, u.day_number + L.n AS dn, L.n, count(*) AS users
    FROM {{ ref('kpi_user_day') }} AS u
    CROSS JOIN bounds AS b
    JOIN lengths AS L ON u.day_number BETWEEN b.start_dn - L.n AND b.end_dn - L.n
    GROUP BY u.measure, u.entity_key, u.day_number + L.n, L.n
    UNION ALL
    SELECT u.measure, u.entity_key, u.day_number - u.gap_days + L.n, L.n, -count(*)
    FROM {{ ref('kpi_user_day') }} AS u
    CROSS JOIN bounds AS b
    -- One join condition, so the few lengths are matched against each row at once rather than every row paired
    -- with every length and then filtered.
    JOIN lengths AS L ON u.gap_days <= L.n AND u.day_number - u.gap_days BETWEEN b.start_dn - L.n AND b.end_dn - L.n
    WHERE u.day_number BETWEEN b.start_dn - 89 AND b.end_dn
    GROUP BY u.measure, u.entity_key, u.day_number - u.gap_days + L.n, L.n
),
merged AS (
    SELECT measure, entity_key, dn, users, new_mtd, new_qtd, new_ytd, new_fqtd, new_fytd, enter_7, enter_28, enter_30, enter_60, enter_90,
           0 AS leave_7, 0 AS leave_28, 0 AS leave_30, 0 AS leave_60, 0 AS leave_90
    FROM arrivals
    UNION ALL
    SELECT measure, entity_key, dn, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           CASE WHEN n = 7 THEN users ELSE 0 END, CASE WHEN n = 28 THEN users ELSE 0 END, CASE WHEN n = 30 THEN users ELSE 0 END,
           CASE WHEN n = 60 THEN users ELSE 0 END, CASE WHEN n = 90 THEN users ELSE 0 END
    FROM departures
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
