using System.Data.Common;
using System.Text.Json.Nodes;
using Starboard.Core.Engine;
using Starboard.Core.Sql;

namespace Starboard.Core.Insights;

/// <summary>
/// Runs a product-analytics insight (retention, stickiness, lifecycle, active-user trends, funnel) on the
/// warehouse's staged events and returns its result as JSON. The CLI's `insight` command and the API's
/// `POST /v1/insights` both come here with the query JSON.
/// </summary>
public static class InsightRunner
{
    public static JsonObject Run(Warehouse warehouse, string queryJson, TimeProvider clock) =>
        Run(warehouse, InsightQueryParser.Parse(queryJson), clock);

    public static JsonObject Run(Warehouse warehouse, InsightQuery query, TimeProvider clock)
    {
        var context = new InsightContext(warehouse, query, query.NowUtc ?? clock.GetUtcNow().UtcDateTime);
        context.EnsureStaged();
        return query switch
        {
            RetentionQuery q => RetentionInsight.Run(context, q),
            StickinessQuery q => StickinessInsight.Run(context, q),
            LifecycleQuery q => LifecycleInsight.Run(context, q),
            TrendsQuery q => TrendsInsight.Run(context, q),
            FunnelQuery q => FunnelInsight.Run(context, q),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }
}

/// <summary>What every insight needs while it runs: the warehouse, the resolved clock and range, SQL builders.</summary>
internal sealed class InsightContext(Warehouse warehouse, InsightQuery query, DateTime nowUtc)
{
    private DateTime? _earliest;

    public InsightQuery Query => query;

    public InsightCalendar Calendar => query.Calendar;

    public DateTime NowUtc => nowUtc;

    public InsightSql NewSql() => new(warehouse.Dialect);

    /// <summary>The query's range as instants: date_from and date_to (now when null), checked to be in order.</summary>
    public (DateTime From, DateTime To) Range()
    {
        var from = query.DateFrom.Resolve(Calendar, nowUtc, Earliest);
        var to = query.DateTo?.Resolve(Calendar, nowUtc, Earliest) ?? nowUtc;
        if (to < from)
            throw new InsightQueryException("date_to", $"is before date_from ({Format(to)} < {Format(from)})");
        return (from, to);
    }

    /// <summary>The periods of <paramref name="interval"/> that the range touches, the first and last in full.</summary>
    public PeriodGrid Grid(Interval interval, string field = "interval")
    {
        var (from, to) = Range();
        return PeriodGrid.Covering(Calendar, interval, from, to, field);
    }

    public void EnsureStaged()
    {
        var found = warehouse.Scalar<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('stg_events', 'stg_users')", "looking for the staged events");
        if (found < 2)
            throw new UsageException("insight: the warehouse has no staged events yet: run `starboard ingest` and `starboard run` first, or pass --input FILE");
    }

    public void Read(RenderedSql sql, Action<DbDataReader> row) => warehouse.Read(sql, $"the {query.Kind} insight", row);

    public static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    /// <summary>An integer column whatever width the engine chose for it.</summary>
    public static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    private DateTime Earliest()
    {
        _earliest ??= warehouse.Query<DateTime?>(RenderedSql.Plain("SELECT min(ts) FROM " + warehouse.Dialect.QuoteIdentifier("stg_events")), "finding the earliest event")
            .FirstOrDefault() is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : nowUtc;
        return _earliest.Value;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonArray Array<T>(IEnumerable<T> values) => new(values.Select(v => JsonValue.Create(v)).ToArray<JsonNode?>());
}
