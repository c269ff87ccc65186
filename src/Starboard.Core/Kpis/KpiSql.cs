using System.Text;

namespace Starboard.Core.Kpis;

/// <summary>
/// The SQL of fact_kpi_daily: one CTE per KPI (kpi_{code}) over the window's days and the KPI's entities, in
/// dependency order, then their union. Every CTE yields date_key, entity_key, value, numerator, denominator.
/// </summary>
public static class KpiSql
{
    private const string MeasureDaily = "{{ ref('kpi_measure_daily') }}";
    private const string UserDay = "{{ ref('kpi_user_day') }}";
    private const string AllEntity = "{{ hash_key('all', 'ALL') }}";

    public static string FactKpiDaily(KpiCatalog catalog)
    {
        var ordered = KpiOrder.Ordered(catalog);
        var ctes = new List<string> { Days() };
        ctes.AddRange(ordered.SelectMany(k => Ctes(k, catalog)));
        var union = string.Join("\nUNION ALL\n", ordered.Select(k =>
            $"SELECT date_key, {"{{ hash_key('" + k.Code + "') }}"} AS kpi_key, entity_key, value, numerator, denominator FROM kpi_{k.Code}"));
        return $"WITH {string.Join(",\n", ctes)}\n{union}";
    }

    /// <summary>The SQL that computes one KPI alone (what `starboard explain` prints).</summary>
    public static string Explain(KpiCatalog catalog, string code)
    {
        var kpi = catalog.Find(code) ?? throw new UsageException($"no KPI named '{code}' (see `starboard kpis`)");
        var needed = new HashSet<string>(StringComparer.Ordinal);
        void Need(KpiDefinition k)
        {
            foreach (var d in KpiOrder.DependenciesOf(k))
                if (needed.Add(d)) Need(catalog.Find(d)!);
        }
        Need(kpi);
        var ctes = new List<string> { Days() };
        ctes.AddRange(KpiOrder.Ordered(catalog).Where(k => needed.Contains(k.Code)).SelectMany(k => Ctes(k, catalog)));
        ctes.AddRange(Ctes(kpi, catalog));
        return $"WITH {string.Join(",\n", ctes)}\nSELECT date_key, entity_key, value, numerator, denominator FROM kpi_{code}";
    }

    /// <summary>The window's days inside the data range (dn: days since 1970, for day arithmetic).</summary>
    private static string Days(string name = "days", int extraDaysBefore = 0) => $"""
        {name} AS (
            SELECT d.date_key, {"{{ days_between('1970-01-01', d.date) }}"} AS dn
            FROM {"{{ ref('dim_date') }}"} AS d, {"{{ ref('data_range') }}"} AS r
            WHERE d.date BETWEEN {(extraDaysBefore == 0 ? "{{ var('start_date') }}" : $"{{{{ add_days(var('start_date'), -{extraDaysBefore}) }}}}")} AND {"{{ var('end_date') }}"}
              AND d.date BETWEEN r.first_date AND r.last_date
        )
        """;

    private static string Entities(KpiDefinition k) =>
        $"SELECT entity_key FROM {"{{ ref('dim_entity') }}"} WHERE entity_type IN ('all'{string.Concat(k.Breakdowns.Select(b => $", '{b}'"))})";

    private static IEnumerable<string> Ctes(KpiDefinition k, KpiCatalog catalog)
    {
        if (k.Sql is not null)
        {
            yield return $"kpi_{k.Code} AS (\n{MeasureSql.Indent(KpiOrder.KpiCall().Replace(k.Sql, m => "kpi_" + m.Groups[1].Value), 4)}\n)";
            yield break;
        }
        if (k.Value!.TrailingDays is { } n)
        {
            foreach (var cte in Trailing(k, k.Value.Measure!, n)) yield return cte;
            yield break;
        }
        var num = Term(k.Value!, "n", catalog);
        var den = k.Denominator is null ? null : Term(k.Denominator, "q", catalog);
        var value = den is null
            ? "CAST(COALESCE(n.v, 0) AS DOUBLE)"
            : "CASE WHEN COALESCE(q.v, 0) = 0 THEN NULL ELSE CAST(COALESCE(n.v, 0) AS DOUBLE) / CAST(q.v AS DOUBLE) END";
        yield return $"""
            kpi_{k.Code} AS (
                SELECT d.date_key, e.entity_key, {value} AS value,
                       CAST(COALESCE(n.v, 0) AS DECIMAL(38,16)) AS numerator,
                       {(den is null ? "CAST(NULL AS DECIMAL(38,16))" : "CAST(COALESCE(q.v, 0) AS DECIMAL(38,16))")} AS denominator
                FROM days AS d
                CROSS JOIN ({Entities(k)}) AS e
                {num}{(den is null ? "" : "\n    " + den)}
            )
            """;
    }

    /// <summary>A LEFT JOIN that brings one term's daily value in as {alias}.v.</summary>
    private static string Term(KpiTerm t, string alias, KpiCatalog catalog)
    {
        var entity = t.AllEntity ? AllEntity : "e.entity_key";
        if (t.Kpi is { } other)
            return $"LEFT JOIN (SELECT date_key, entity_key, value AS v FROM kpi_{other}) AS {alias} ON {alias}.date_key = d.date_key AND {alias}.entity_key = {entity}";
        return $"LEFT JOIN (SELECT date_key, entity_key, value AS v FROM {MeasureDaily} WHERE measure = '{t.Measure}') AS {alias} ON {alias}.date_key = d.date_key AND {alias}.entity_key = {entity}";
    }

    /// <summary>
    /// Distinct users over the trailing n days ending each day (WAU, MAU), without a join per day: each user's
    /// active days are merged into runs whose n-day coverage overlaps, each run adds one user from its first day
    /// and removes them n days after its last, and a running sum over the days gives the count.
    /// </summary>
    private static IEnumerable<string> Trailing(KpiDefinition k, string measure, int n)
    {
        var p = $"tr_{k.Code}";
        yield return Days($"{p}_days", n - 1);
        yield return $"""
            {p}_runs AS (
                SELECT entity_key, user_key, dn,
                       sum(brk) OVER (PARTITION BY entity_key, user_key ORDER BY dn ROWS UNBOUNDED PRECEDING) AS run_no
                FROM (
                    SELECT u.entity_key, u.user_key, x.dn,
                           CASE WHEN x.dn - lag(x.dn) OVER (PARTITION BY u.entity_key, u.user_key ORDER BY x.dn) <= {n} THEN 0 ELSE 1 END AS brk
                    FROM {UserDay} AS u
                    JOIN {p}_days AS x ON x.date_key = u.date_key
                    WHERE u.measure = '{measure}'
                ) AS gaps
            )
            """;
        yield return $"""
            {p}_delta AS (
                SELECT entity_key, dn, sum(delta) AS delta
                FROM (
                    SELECT entity_key, min(dn) AS dn, 1 AS delta FROM {p}_runs GROUP BY entity_key, user_key, run_no
                    UNION ALL
                    SELECT entity_key, max(dn) + {n}, -1 FROM {p}_runs GROUP BY entity_key, user_key, run_no
                ) AS edges
                GROUP BY entity_key, dn
            )
            """;
        yield return $"""
            kpi_{k.Code} AS (
                SELECT date_key, entity_key, CAST(users AS DOUBLE) AS value, CAST(users AS DECIMAL(38,16)) AS numerator,
                       CAST(NULL AS DECIMAL(38,16)) AS denominator
                FROM (
                    SELECT x.date_key, e.entity_key,
                           sum(COALESCE(c.delta, 0)) OVER (PARTITION BY e.entity_key ORDER BY x.dn ROWS UNBOUNDED PRECEDING) AS users
                    FROM {p}_days AS x
                    CROSS JOIN ({Entities(k)}) AS e
                    LEFT JOIN {p}_delta AS c ON c.entity_key = e.entity_key AND c.dn = x.dn
                ) AS running
                WHERE date_key BETWEEN {"{{ var('start_key') }}"} AND {"{{ var('end_key') }}"}
            )
            """;
    }
}
