using System.Globalization;
using System.Text.Json.Nodes;

namespace Starboard.Core.Insights;

/// <summary>
/// Active users over time. DAU: distinct persons per bucket. weekly_active (7 days) and monthly_active (30 days):
/// per day, the distinct persons in the calendar days D-6..D (D-29..D), reaching before date_from; per hour, in
/// the 7 (30) calendar days ending at the end of the hour; per week or month, the distinct persons in that week or
/// month. `aggregate` gives the last bucket's value. A breakdown splits persons by a property's value (an event
/// property can put one person under several values).
/// </summary>
internal static class TrendsInsight
{
    private sealed record Series(string? Value, long[] Data);

    public static JsonObject Run(InsightContext context, TrendsQuery q)
    {
        var grid = context.Grid(q.Interval);
        var windowDays = q.Math switch { ActiveUsersMath.WeeklyActive => 7, ActiveUsersMath.MonthlyActive => 30, _ => 0 };
        var series = windowDays > 0 && q.Interval is Interval.Day or Interval.Hour
            ? Trailing(context, q, grid, windowDays)
            : PerBucket(context, q, grid);
        if (q.Breakdown is null)
        {
            var data = series.FirstOrDefault()?.Data ?? new long[grid.Count];
            return q.Aggregate
                ? new JsonObject { ["aggregated_value"] = data[^1] }
                : new JsonObject { ["buckets"] = InsightContext.Array(grid.Labels()), ["data"] = InsightContext.Array(data) };
        }
        // By value: numerically when every value is a number, else as text; persons without a value last.
        var numeric = series.All(s => s.Value is null || double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var ordered = series.OrderBy(s => s.Value is null)
            .ThenBy(s => numeric && s.Value is not null ? double.Parse(s.Value, CultureInfo.InvariantCulture) : 0)
            .ThenBy(s => s.Value, StringComparer.Ordinal);
        return new JsonObject
        {
            ["breakdown"] = new JsonArray(ordered.Select(s => (JsonNode)(q.Aggregate
                ? new JsonObject { ["value"] = s.Value, ["aggregated_value"] = s.Data[^1] }
                : new JsonObject { ["value"] = s.Value, ["buckets"] = InsightContext.Array(grid.Labels()), ["data"] = InsightContext.Array(s.Data) })).ToArray()),
        };
    }

    /// <summary>Distinct persons per bucket and breakdown value, counted in SQL.</summary>
    private static List<Series> PerBucket(InsightContext context, TrendsQuery q, PeriodGrid grid)
    {
        var sql = context.NewSql();
        var statement = sql.Statement($"""
            WITH {Events(sql, q, grid)}
            SELECT value, bucket, count(DISTINCT person_id) FROM ev GROUP BY value, bucket
            """);
        var series = new Dictionary<string, Series>(StringComparer.Ordinal);
        context.Read(statement, r =>
        {
            var s = Get(series, r.IsDBNull(0) ? null : r.GetString(0), grid.Count);
            var bucket = (int)InsightContext.Long(r, 1);
            if (bucket >= 0 && bucket < grid.Count) s.Data[bucket] = InsightContext.Long(r, 2);
        });
        return [.. series.Values];
    }

    /// <summary>
    /// Trailing windows for days and hours. SQL reduces the events to distinct (value, person, unit) rows, a unit
    /// being a day (or an hour) of a grid that starts where the first bucket's window starts; each bucket's window
    /// is a range of units, so each person-unit covers a range of buckets, merged per person and summed.
    /// </summary>
    private static List<Series> Trailing(InsightContext context, TrendsQuery q, PeriodGrid grid, int days)
    {
        var calendar = context.Calendar;
        DateTime WindowStart(int b) => calendar.ToUtc(calendar.ToWall(grid.StartOf(b + 1)).AddDays(-days));
        var units = q.Interval == Interval.Day
            ? grid.Extended(days - 1)
            : PeriodGrid.Covering(calendar, Interval.Hour, WindowStart(0), grid.StartOf(grid.Count - 1), "interval");
        // Bucket b's window is units [low[b], high[b]].
        var low = new int[grid.Count];
        var high = new int[grid.Count];
        for (var b = 0; b < grid.Count; b++)
        {
            (low[b], high[b]) = q.Interval == Interval.Day
                ? (b, b + days - 1)
                : (Math.Max(0, units.IndexOf(calendar.PeriodStart(Interval.Hour, WindowStart(b)))), units.IndexOf(grid.StartOf(b)));
        }
        // A unit u counts in buckets firstBucket[u] .. lastBucket[u] (both bounds only grow with b).
        var firstBucket = new int[units.Count];
        var lastBucket = new int[units.Count];
        for (int u = 0, b = 0; u < units.Count; u++)
        {
            while (b < grid.Count && high[b] < u) b++;
            firstBucket[u] = b;
        }
        for (int u = units.Count - 1, b = grid.Count - 1; u >= 0; u--)
        {
            while (b >= 0 && low[b] > u) b--;
            lastBucket[u] = b;
        }

        var sql = context.NewSql();
        var statement = sql.Statement($"""
            WITH {Events(sql, q, units)}
            SELECT DISTINCT value, person_id, bucket FROM ev ORDER BY value, person_id, bucket
            """);
        var series = new Dictionary<string, Series>(StringComparer.Ordinal);
        var diffs = new Dictionary<Series, long[]>();
        string? person = null;
        Series? current = null;
        var coveredTo = -1;
        context.Read(statement, r =>
        {
            var s = Get(series, r.IsDBNull(0) ? null : r.GetString(0), grid.Count);
            var p = r.GetString(1);
            var u = (int)InsightContext.Long(r, 2);
            if (!ReferenceEquals(s, current) || p != person)
                (current, person, coveredTo) = (s, p, -1);
            if (u < 0 || u >= units.Count) return;
            // Covered buckets of one person are merged, so a person counts once per bucket.
            var from = Math.Max(firstBucket[u], coveredTo + 1);
            var to = lastBucket[u];
            if (from > to) return;
            if (!diffs.TryGetValue(s, out var diff)) diffs[s] = diff = new long[grid.Count + 1];
            diff[from]++;
            diff[to + 1]--;
            coveredTo = to;
        });
        foreach (var (s, diff) in diffs)
        {
            long running = 0;
            for (var b = 0; b < grid.Count; b++) s.Data[b] = running += diff[b];
        }
        return [.. series.Values];
    }

    /// <summary>`ev`: the matching events with their person, bucket in <paramref name="grid"/> and breakdown value.</summary>
    private static string Events(InsightSql sql, TrendsQuery q, PeriodGrid grid)
    {
        var withPersons = InsightSql.UsesPersons(q, q.Series) || q.Breakdown?.Type == FilterType.Person;
        var value = q.Breakdown is { } b ? sql.PropertyText(b.Type, b.Property) : "CAST(NULL AS VARCHAR)";
        return (withPersons ? sql.PersonsCte() + ",\n" : "") + $"""
            ev AS (
                SELECT e.user_id AS person_id, {sql.Bucket(grid, "e.ts")} AS bucket, {value} AS value
                FROM {sql.EventsFrom(withPersons)}
                WHERE {sql.InRange("e.ts", grid.Start, grid.End)} AND {sql.AllHold(q.Filters)} AND {sql.Matches(q.Series)}
            )
            """;
    }

    private static Series Get(Dictionary<string, Series> series, string? value, int buckets)
    {
        // Null (no value) is kept under a key no real value can have.
        var key = value ?? "\0null";
        if (!series.TryGetValue(key, out var s))
            series[key] = s = new Series(value, new long[buckets]);
        return s;
    }
}
