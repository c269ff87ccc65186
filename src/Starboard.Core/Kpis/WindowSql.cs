using System.Globalization;
using Starboard.Core.Sql;

namespace Starboard.Core.Kpis;

/// <summary>
/// The SQL of kpi_window_value: every KPI over every window of the run's as-of days, by its rollup rule. Sums
/// come from running sums of fact_kpi_daily (value = running sum at the end minus running sum before the start),
/// taken only at the days some window ends or starts after (each day's rows summed into the next such day first),
/// distinct users from running sums of kpi_distinct_daily taken the same way, so no window is joined to its days or its users.
/// </summary>
public static class WindowSql
{
    /// <summary>How each KPI's window is formed: its rollup and which of its terms count distinct users.</summary>
    internal sealed record Rule(string Code, Rollup Rollup, string? NumMeasure, bool NumAll, string? DenMeasure, bool DenAll);

    internal static IEnumerable<Rule> Rules(KpiCatalog catalog) => catalog.Kpis.Select(k =>
    {
        string? Distinct(KpiTerm? t) => t?.Measure is { } m && t.TrailingDays is null && catalog.Measure(m).Kind == MeasureKind.Users ? m : null;
        var num = k.Rollup is Rollup.Ratio or Rollup.Distinct ? Distinct(k.Value) : null;
        var den = k.Rollup == Rollup.Ratio ? Distinct(k.Denominator) : null;
        return new Rule(k.Code, k.Rollup, num, num is not null && k.Value!.AllEntity, den, den is not null && k.Denominator!.AllEntity);
    });

    /// <summary>The measures whose distinct users some KPI counts over windows.</summary>
    internal static IReadOnlyList<string> DistinctMeasures(KpiCatalog catalog) =>
        Rules(catalog).SelectMany(r => new[] { r.NumMeasure, r.DenMeasure }).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static string KpiWindowValue(KpiCatalog catalog)
    {
        var all = HashKeys.Of("all", "ALL").ToString(CultureInfo.InvariantCulture);
        var rules = string.Join("\n    UNION ALL ", Rules(catalog).Select(r =>
            $"SELECT {HashKeys.Of(r.Code).ToString(CultureInfo.InvariantCulture)} AS kpi_key, '{r.Rollup.ToString().ToLowerInvariant()}' AS rollup, " +
            $"{Literal(r.NumMeasure)} AS num_measure, {Bool(r.NumAll)} AS num_all, {Literal(r.DenMeasure)} AS den_measure, {Bool(r.DenAll)} AS den_all"));
        var measures = DistinctMeasures(catalog);
        var measureList = measures.Count == 0 ? "''" : string.Join(", ", measures.Select(m => $"'{m}'"));
        return $$"""
            WITH range_days AS (
                SELECT {{"{{ days_between('1970-01-01', first_date) }}"}} AS first_dn, {{"{{ days_between('1970-01-01', last_date) }}"}} AS last_dn
                FROM {{"{{ ref('data_range') }}"}}
            ),
            spans AS (
                -- The run's as-of days inside the data, each window clipped to the data's first day.
                SELECT w.as_of_date_key, w.window_code, w.as_of_day_number AS end_dn, w.start_day_number AS period_start,
                       CASE WHEN w.start_day_number < r.first_dn THEN r.first_dn ELSE w.start_day_number END AS start_dn
                FROM {{"{{ ref('kpi_window') }}"}} AS w
                CROSS JOIN range_days AS r
                WHERE w.as_of_date_key BETWEEN {{"{{ var('start_key') }}"}} AND {{"{{ var('end_key') }}"}}
                  AND w.as_of_day_number BETWEEN r.first_dn AND r.last_dn
            ),
            calendar AS (
                SELECT as_of_date_key AS date_key, as_of_day_number AS dn FROM {{"{{ ref('kpi_window') }}"}} WHERE window_code = 'day'
            ),
            grid AS (
                -- Every day from the day before the earliest window start to the last as-of day.
                SELECT c.date_key, c.dn FROM calendar AS c
                WHERE c.dn BETWEEN (SELECT min(start_dn) - 1 FROM spans) AND (SELECT max(end_dn) FROM spans)
            ),
            series AS (
                SELECT DISTINCT f.kpi_key, f.entity_key
                FROM {{"{{ ref('fact_kpi_daily') }}"}} AS f
                WHERE f.date_key BETWEEN (SELECT min(date_key) FROM grid) AND (SELECT max(date_key) FROM grid)
            ),
            points AS (
                -- The days a window needs a running sum at: its last day and the day before its first.
                SELECT end_dn AS dn FROM spans UNION SELECT start_dn - 1 FROM spans
            ),
            bucket_of AS (
                -- Each day goes to the first point on or after it, so a running sum over the points' buckets is the
                -- running sum over the days at each point: a daily run sums a few buckets instead of every day.
                SELECT g.date_key, min(p.dn) AS point FROM grid AS g JOIN points AS p ON p.dn >= g.dn GROUP BY g.date_key
            ),
            bucketed AS (
                SELECT f.kpi_key, f.entity_key, b.point, sum(COALESCE(f.numerator, 0)) AS n, sum(COALESCE(f.denominator, 0)) AS d
                FROM {{"{{ ref('fact_kpi_daily') }}"}} AS f
                JOIN bucket_of AS b ON b.date_key = f.date_key
                GROUP BY f.kpi_key, f.entity_key, b.point
            ),
            running AS (
                SELECT s.kpi_key, s.entity_key, p.dn,
                       sum(COALESCE(x.n, 0)) OVER (PARTITION BY s.kpi_key, s.entity_key ORDER BY p.dn ROWS UNBOUNDED PRECEDING) AS cn,
                       sum(COALESCE(x.d, 0)) OVER (PARTITION BY s.kpi_key, s.entity_key ORDER BY p.dn ROWS UNBOUNDED PRECEDING) AS cd
                FROM series AS s
                CROSS JOIN points AS p
                LEFT JOIN bucketed AS x ON x.kpi_key = s.kpi_key AND x.entity_key = s.entity_key AND x.point = p.dn
            ),
            sums AS (
                SELECT sp.as_of_date_key, sp.window_code, c.kpi_key, c.entity_key,
                       c.cn - COALESCE(b.cn, 0) AS sum_num, c.cd - COALESCE(b.cd, 0) AS sum_den, sp.end_dn - sp.start_dn + 1 AS days_in,
                       f.value AS end_value, f.numerator AS end_num, f.denominator AS end_den
                FROM spans AS sp
                JOIN running AS c ON c.dn = sp.end_dn
                LEFT JOIN running AS b ON b.kpi_key = c.kpi_key AND b.entity_key = c.entity_key AND b.dn = sp.start_dn - 1
                LEFT JOIN {{"{{ ref('fact_kpi_daily') }}"}} AS f ON f.kpi_key = c.kpi_key AND f.entity_key = c.entity_key AND f.date_key = sp.as_of_date_key
            ),
            user_series AS (
                SELECT DISTINCT measure, entity_key FROM {{"{{ ref('kpi_distinct_daily') }}"}} WHERE measure IN ({{measureList}})
            ),
            user_points AS (
                -- The days a distinct count needs a running sum at: each as-of day and the day before each period's start.
                SELECT end_dn AS dn FROM spans UNION SELECT period_start - 1 FROM spans
            ),
            user_bucket_of AS (
                SELECT c.dn, min(p.dn) AS point FROM calendar AS c JOIN user_points AS p ON p.dn >= c.dn GROUP BY c.dn
            ),
            user_bucketed AS (
                SELECT d.measure, d.entity_key, b.point, sum(d.new_mtd) AS n_mtd, sum(d.new_qtd) AS n_qtd, sum(d.new_ytd) AS n_ytd,
                       sum(d.new_fqtd) AS n_fqtd, sum(d.new_fytd) AS n_fytd, sum(d.enter_7 - d.leave_7) AS m_l7,
                       sum(d.enter_28 - d.leave_28) AS m_l28, sum(d.enter_90 - d.leave_90) AS m_l90
                FROM {{"{{ ref('kpi_distinct_daily') }}"}} AS d
                JOIN user_bucket_of AS b ON b.dn = d.day_number
                WHERE d.measure IN ({{measureList}})
                GROUP BY d.measure, d.entity_key, b.point
            ),
            user_running AS (
                -- From the data's first day, bucketed like the sums: running sums of each period's new users and of
                -- each trailing window's entries and exits.
                SELECT s.measure, s.entity_key, p.dn,
                       sum(COALESCE(x.n_mtd, 0)) OVER w AS c_mtd, sum(COALESCE(x.n_qtd, 0)) OVER w AS c_qtd,
                       sum(COALESCE(x.n_ytd, 0)) OVER w AS c_ytd, sum(COALESCE(x.n_fqtd, 0)) OVER w AS c_fqtd,
                       sum(COALESCE(x.n_fytd, 0)) OVER w AS c_fytd, sum(COALESCE(x.m_l7, 0)) OVER w AS t_l7,
                       sum(COALESCE(x.m_l28, 0)) OVER w AS t_l28, sum(COALESCE(x.m_l90, 0)) OVER w AS t_l90
                FROM user_series AS s
                CROSS JOIN user_points AS p
                LEFT JOIN user_bucketed AS x ON x.measure = s.measure AND x.entity_key = s.entity_key AND x.point = p.dn
                WINDOW w AS (PARTITION BY s.measure, s.entity_key ORDER BY p.dn ROWS UNBOUNDED PRECEDING)
            ),
            distinct_users AS (
                SELECT sp.as_of_date_key, sp.window_code, u.measure, u.entity_key,
                       CASE sp.window_code
                           WHEN 'day' THEN COALESCE(d.users, 0) WHEN 'l7' THEN u.t_l7 WHEN 'l28' THEN u.t_l28 WHEN 'l90' THEN u.t_l90
                           WHEN 'mtd' THEN u.c_mtd - COALESCE(b.c_mtd, 0) WHEN 'qtd' THEN u.c_qtd - COALESCE(b.c_qtd, 0)
                           WHEN 'ytd' THEN u.c_ytd - COALESCE(b.c_ytd, 0) WHEN 'fqtd' THEN u.c_fqtd - COALESCE(b.c_fqtd, 0)
                           WHEN 'fytd' THEN u.c_fytd - COALESCE(b.c_fytd, 0)
                       END AS users
                FROM spans AS sp
                JOIN user_running AS u ON u.dn = sp.end_dn
                LEFT JOIN user_running AS b ON b.measure = u.measure AND b.entity_key = u.entity_key AND b.dn = sp.period_start - 1
                LEFT JOIN {{"{{ ref('kpi_distinct_daily') }}"}} AS d ON d.measure = u.measure AND d.entity_key = u.entity_key AND d.day_number = sp.end_dn
            ),
            rules AS (
                {{rules}}
            ),
            terms AS (
                SELECT s.as_of_date_key, s.kpi_key, s.entity_key, s.window_code, s.rollup, s.end_value,
                       CASE WHEN s.rollup = 'last' THEN s.end_num
                            WHEN s.num_measure IS NOT NULL THEN CAST(COALESCE(nu.users, 0) AS DECIMAL(38,16))
                            ELSE s.sum_num END AS numerator,
                       CASE WHEN s.rollup = 'last' THEN s.end_den
                            WHEN s.rollup = 'average' THEN CAST(s.days_in AS DECIMAL(38,16))
                            WHEN s.rollup <> 'ratio' THEN CAST(NULL AS DECIMAL(38,16))
                            WHEN s.den_measure IS NOT NULL THEN CAST(COALESCE(de.users, 0) AS DECIMAL(38,16))
                            ELSE s.sum_den END AS denominator
                FROM (
                    SELECT s.*, r.rollup, r.num_measure, r.den_measure,
                           CASE WHEN r.num_all THEN {{all}} ELSE s.entity_key END AS num_entity_key,
                           CASE WHEN r.den_all THEN {{all}} ELSE s.entity_key END AS den_entity_key
                    FROM sums AS s
                    JOIN rules AS r ON r.kpi_key = s.kpi_key
                ) AS s
                LEFT JOIN distinct_users AS nu
                       ON nu.as_of_date_key = s.as_of_date_key AND nu.window_code = s.window_code
                      AND nu.measure = s.num_measure AND nu.entity_key = s.num_entity_key
                LEFT JOIN distinct_users AS de
                       ON de.as_of_date_key = s.as_of_date_key AND de.window_code = s.window_code
                      AND de.measure = s.den_measure AND de.entity_key = s.den_entity_key
            )
            SELECT as_of_date_key, kpi_key, entity_key, window_code,
                   CASE WHEN rollup = 'last' THEN end_value
                        WHEN rollup IN ('sum', 'distinct') THEN CAST(numerator AS DOUBLE)
                        WHEN denominator = 0 THEN NULL
                        ELSE CAST(numerator AS DOUBLE) / CAST(denominator AS DOUBLE) END AS value,
                   numerator, denominator
            FROM terms
            """;
    }

    private static string Literal(string? s) => s is null ? "CAST(NULL AS VARCHAR)" : $"'{s}'";

    private static string Bool(bool b) => b ? "TRUE" : "FALSE";
}
