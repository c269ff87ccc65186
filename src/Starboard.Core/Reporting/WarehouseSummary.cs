using Starboard.Core.Engine;
using Starboard.Core.Graph;
using Starboard.Core.Project;
using Starboard.Core.Run;
using Starboard.Core.Schema;
using Starboard.Core.Sql;

namespace Starboard.Core.Reporting;

public sealed record TableCount(string Table, Layer Layer, long Rows);

public sealed record ReasonCount(string Code, long Records, string Example);

public sealed record KpiSnapshot(string Code, string Name, int Group, string Unit, bool HigherIsBetter, double? Value, double? Previous)
{
    public double? Delta => Value is { } v && Previous is { } p ? v - p : null;

    public double? DeltaPercent => Value is { } v && Previous is { } p && p != 0 ? (v - p) / Math.Abs(p) * 100 : null;
}

/// <summary>What the warehouse holds, for `demo` and `run` summaries: rows per table, rejects by reason, the latest KPIs.</summary>
public sealed class WarehouseSummary(StarboardProject project, Warehouse warehouse)
{
    public IReadOnlyList<TableCount> Tables() => project.Graph.Ordered
        .Where(m => m.Materialization != Materialization.DdlOnly)
        .Select(m => new TableCount(m.Name, m.Table.Layer, warehouse.Scalar<long>($"SELECT count(*) FROM {warehouse.Dialect.QuoteIdentifier(m.Name)}", $"counting {m.Name}")))
        .ToList();

    /// <summary>Rejected records by reason code (a record with two problems counts under both), most frequent first.</summary>
    public IReadOnlyList<ReasonCount> RejectReasons(int top)
    {
        var counts = new Dictionary<string, (long Count, string Example)>(StringComparer.Ordinal);
        warehouse.Read(RenderedSql.Plain("SELECT reason_codes, reasons FROM rejects"), "reading rejects", r =>
        {
            var messages = r.GetString(1).Split("; ");
            var codes = r.GetString(0).Split(',');
            for (var i = 0; i < codes.Length; i++)
            {
                var (n, example) = counts.GetValueOrDefault(codes[i], (0, i < messages.Length ? messages[i] : messages[0]));
                counts[codes[i]] = (n + 1, example);
            }
        });
        return counts.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Take(top)
            .Select(c => new ReasonCount(c.Key, c.Value.Count, c.Value.Example)).ToList();
    }

    public long Rejected() => warehouse.Scalar<long>("SELECT count(*) FROM rejects", "counting rejects");

    /// <summary>Every KPI for the whole (entity ALL) on the data's last day, with the day before.</summary>
    public (DateOnly? Day, IReadOnlyList<KpiSnapshot> Kpis) LatestKpis()
    {
        var last = warehouse.Scalar<DateTime?>("SELECT last_date FROM data_range", "reading the data range");
        if (last is null)
            return (null, []);
        var day = DateOnly.FromDateTime(last.Value);
        var p = warehouse.Dialect.ParameterPlaceholder;
        var rows = warehouse.Query<(string Code, long Key, double? Value, double? Previous)>(new RenderedSql(
            $"""
            SELECT k.kpi_code, k.kpi_key, cur.value, prev.value
            FROM dim_kpi AS k
            LEFT JOIN fact_kpi_daily AS cur ON cur.kpi_key = k.kpi_key AND cur.entity_key = {p("all")} AND cur.date_key = {p("day")}
            LEFT JOIN fact_kpi_daily AS prev ON prev.kpi_key = k.kpi_key AND prev.entity_key = {p("all")} AND prev.date_key = {p("before")}
            ORDER BY k.overall_rank
            """,
            new Dictionary<string, object?>
            {
                ["all"] = HashKeys.Of("all", "ALL"), ["day"] = (long)DateKeys.Of(day), ["before"] = (long)DateKeys.Of(day.AddDays(-1)),
            }), "reading the latest KPIs");
        var kpis = rows.Select(r =>
        {
            var k = project.Kpis.Find(r.Code);
            return new KpiSnapshot(r.Code, k?.Name ?? r.Code, k?.Group ?? 0, k?.Unit ?? "", k?.HigherIsBetter ?? true, r.Value, r.Previous);
        }).ToList();
        return (day, kpis);
    }
}
