using System.Text.Json.Nodes;

namespace Starboard.Core.Insights;

/// <summary>
/// The funnel: SQL narrows the events to those of persons who did step 0 in the range, matching a step or an
/// exclusion, up to the range's end plus the conversion window, in time order; <see cref="FunnelAttempts"/> then
/// finds each person's attempt. Results per step: persons who reached it, their ids, and the average and median
/// seconds from the previous step (null for step 0 and when nobody reached it).
/// </summary>
internal static class FunnelInsight
{
    public static JsonObject Run(InsightContext context, FunnelQuery q)
    {
        var grid = context.Grid(Interval.Day, "date_from");
        var sql = context.NewSql();
        var withPersons = InsightSql.UsesPersons(q, [.. q.Steps]);
        var flags = q.Steps.Select((m, i) => $"CASE WHEN {sql.Matches(m)} THEN 1 ELSE 0 END AS s{i}")
            .Concat(q.Exclusions.Select((x, k) => $"CASE WHEN e.name = {sql.Param(x.Event)} THEN 1 ELSE 0 END AS x{k}"))
            .ToList();
        var any = string.Join(" + ", Enumerable.Range(0, q.Steps.Count).Select(i => $"s{i}").Concat(Enumerable.Range(0, q.Exclusions.Count).Select(k => $"x{k}")));
        var statement = sql.Statement($"""
            WITH {(withPersons ? sql.PersonsCte() + "," : "")}
            ev AS (
                SELECT * FROM (
                    SELECT e.user_id AS person_id, e.event_id, e.ts, {string.Join(", ", flags)}
                    FROM {sql.EventsFrom(withPersons)}
                    WHERE e.ts >= {sql.Param(grid.Start)} AND e.ts <= {sql.Param(grid.End + q.ConversionWindow)} AND {sql.AllHold(q.Filters)}
                ) AS flagged
                WHERE {any} > 0
            ),
            starters AS (SELECT DISTINCT person_id FROM ev WHERE s0 = 1 AND {sql.InRange("ts", grid.Start, grid.End)})
            SELECT ev.* FROM ev JOIN starters ON starters.person_id = ev.person_id
            ORDER BY ev.person_id, ev.ts, ev.event_id
            """);

        var steps = q.Steps.Count;
        var persons = Enumerable.Range(0, steps).Select(_ => new List<string>()).ToArray();
        var seconds = Enumerable.Range(0, steps).Select(_ => new List<double>()).ToArray();
        var events = new List<FunnelEvent>();
        string? person = null;
        void Finish()
        {
            if (person is null) return;
            if (FunnelAttempts.Best(events, steps, q.Exclusions, q.ConversionWindow, grid.Start, grid.End) is { } path)
                for (var s = 0; s <= path.Reached; s++)
                {
                    persons[s].Add(person);
                    if (s > 0) seconds[s].Add((path.Times[s] - path.Times[s - 1]).TotalSeconds);
                }
            events.Clear();
        }
        context.Read(statement, r =>
        {
            var p = r.GetString(0);
            if (p != person)
            {
                Finish();
                person = p;
            }
            uint stepBits = 0, exclusionBits = 0;
            for (var s = 0; s < steps; s++)
                if (InsightContext.Long(r, 3 + s) != 0) stepBits |= 1u << s;
            for (var k = 0; k < q.Exclusions.Count; k++)
                if (InsightContext.Long(r, 3 + steps + k) != 0) exclusionBits |= 1u << k;
            events.Add(new FunnelEvent(InsightContext.Utc(r, 2), stepBits, exclusionBits));
        });
        Finish();

        return new JsonObject
        {
            ["step_counts"] = InsightContext.Array(persons.Select(p => (long)p.Count)),
            ["persons_at_step"] = new JsonArray(persons.Select(p => (JsonNode)InsightContext.Array(p.Order(StringComparer.Ordinal))).ToArray()),
            ["average_conversion_seconds"] = InsightContext.Array(seconds.Select((x, s) => s == 0 || x.Count == 0 ? (double?)null : x.Average())),
            ["median_conversion_seconds"] = InsightContext.Array(seconds.Select((x, s) => s == 0 || x.Count == 0 ? (double?)null : Median(x))),
        };
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
