using System.Text;

namespace Starboard.Core.Kpis;

/// <summary>
/// The SQL of fact_kpi_daily: one CTE per KPI (kpi_{code}) over the window's days and the KPI's entities, in
/// dependency order, then their union. Every CTE yields date_key, entity_key, value, numerator, denominator.
/// </summary>
public static partial class KpiSql
{
    private const string MeasureDaily = "{{ ref('kpi_measure_daily') }}";
    private const string AllEntity = "{{ hash_key('all', 'ALL') }}";

    public static string FactKpiDaily(KpiCatalog catalog) => Build(catalog, KpiOrder.Ordered(catalog), union: true);

    /// <summary>The SQL that computes one KPI alone (what `starboard explain` prints).</summary>
    public static string Explain(KpiCatalog catalog, string code)
    {
        var kpi = catalog.Find(code) ?? throw new UsageException($"no KPI named '{code}' (see `starboard kpis`)");
        var needed = new HashSet<string>(StringComparer.Ordinal) { code };
        void Need(KpiDefinition k)
        {
            foreach (var d in KpiOrder.DependenciesOf(k))
                if (needed.Add(d)) Need(catalog.Find(d)!);
        }
        Need(kpi);
        return Build(catalog, KpiOrder.Ordered(catalog).Where(k => needed.Contains(k.Code)).ToList(), union: false, code);
    }

    private static string Build(KpiCatalog catalog, IReadOnlyList<KpiDefinition> kpis, bool union, string? single = null)
    {
        var ctes = new List<string> { Days() };
        ctes.AddRange(TrailingSql.Ctes(kpis.SelectMany(TrailingUsersOf)));
        foreach (var t in kpis.SelectMany(TrailingSumsOf).DistinctBy(t => t.Name)) ctes.AddRange(TrailingSql.Ctes(t));
        ctes.AddRange(kpis.Select(k => Cte(k, catalog)));
        var select = union
            ? string.Join("\nUNION ALL\n", kpis.Select(k =>
                $"SELECT date_key, {"{{ hash_key('" + k.Code + "') }}"} AS kpi_key, entity_key, value, numerator, denominator FROM kpi_{k.Code}"))
            : $"SELECT date_key, entity_key, value, numerator, denominator FROM kpi_{single}";
        return $"WITH {string.Join(",\n", ctes)}\n{select}";
    }

    private static IEnumerable<TrailingUsers> TrailingUsersOf(KpiDefinition k)
    {
        foreach (var t in new[] { k.Value, k.Denominator }.OfType<KpiTerm>().Where(t => t.TrailingDays is not null))
            yield return TrailingUsers.Of(t);
        if (k.Sql is null) yield break;
        foreach (System.Text.RegularExpressions.Match m in TrailingUsersCall().Matches(k.Sql))
            yield return new TrailingUsers(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    private static IEnumerable<TrailingSum> TrailingSumsOf(KpiDefinition k) =>
        k.Sql is null ? [] : TrailingSumCall().Matches(k.Sql).Select(m =>
            new TrailingSum(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Custom KPI SQL may use {{ kpi('code') }} (another KPI's rows), {{ trailing_users('measure', n[, lag]) }},
    /// {{ trailing_sum('measure', n) }} and {{ entities() }} (the KPI's entity keys), besides the CTE `days`.
    /// </summary>
    internal static string ExpandCustom(KpiDefinition k)
    {
        var sql = KpiOrder.KpiCall().Replace(k.Sql!, m => "kpi_" + m.Groups[1].Value);
        sql = TrailingUsersCall().Replace(sql, m => new TrailingUsers(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0).Name);
        sql = TrailingSumCall().Replace(sql, m => new TrailingSum(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).Name);
        return EntitiesCall().Replace(sql, _ => $"({Entities(k)})");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*trailing_users\(\s*'([a-z0-9_]+)'\s*,\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)\s*\}\}")]
    internal static partial System.Text.RegularExpressions.Regex TrailingUsersCall();

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*trailing_sum\(\s*'([a-z0-9_]+)'\s*,\s*(\d+)\s*\)\s*\}\}")]
    internal static partial System.Text.RegularExpressions.Regex TrailingSumCall();

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*entities\(\s*\)\s*\}\}")]
    internal static partial System.Text.RegularExpressions.Regex EntitiesCall();

    /// <summary>The window's days inside the data range (dn: days since 1970, for day arithmetic).</summary>
    private static string Days() => TrailingSql.Days("days", 0);

    private static string Entities(KpiDefinition k) =>
        $"SELECT entity_key FROM {"{{ ref('dim_entity') }}"} WHERE entity_type IN ('all'{string.Concat(k.Breakdowns.Select(b => $", '{b}'"))})";

    private static string Cte(KpiDefinition k, KpiCatalog catalog)
    {
        if (k.Sql is not null)
            return $"kpi_{k.Code} AS (\n{MeasureSql.Indent(ExpandCustom(k), 4)}\n)";
        if (k.Value!.TrailingDays is not null)
            return $"""
                kpi_{k.Code} AS (
                    SELECT d.date_key, e.entity_key, CAST(COALESCE(t.users, 0) AS DOUBLE) AS value,
                           CAST(COALESCE(t.users, 0) AS DECIMAL(38,16)) AS numerator, CAST(NULL AS DECIMAL(38,16)) AS denominator
                    FROM days AS d
                    CROSS JOIN ({Entities(k)}) AS e
                    LEFT JOIN {TrailingUsers.Of(k.Value).Name} AS t ON t.date_key = d.date_key AND t.entity_key = e.entity_key
                )
                """;
        var num = Term(k.Value!, "n", catalog);
        var den = k.Denominator is null ? null : Term(k.Denominator, "q", catalog);
        var value = den is null
            ? "CAST(COALESCE(n.v, 0) AS DOUBLE)"
            : "CASE WHEN COALESCE(q.v, 0) = 0 THEN NULL ELSE CAST(COALESCE(n.v, 0) AS DOUBLE) / CAST(q.v AS DOUBLE) END";
        return $"""
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
        return $"LEFT JOIN (SELECT date_key, entity_key, value AS v FROM {MeasureDaily} WHERE measure = '{t.Measure}' " +
            $"AND date_key BETWEEN {"{{ var('start_key') }}"} AND {"{{ var('end_key') }}"}) AS {alias} ON {alias}.date_key = d.date_key AND {alias}.entity_key = {entity}";
    }
}
