using System.Text.Json.Nodes;

namespace Starboard.Core.Insights;

/// <summary>
/// Stickiness: for each person, the number of buckets (blocks of `interval_count` intervals from date_from) in
/// which they did the event (and, with `criteria`, did it the required number of times). data[k-1] counts the
/// persons active in exactly k buckets, or at least k when cumulative; count is the number of persons.
/// </summary>
internal static class StickinessInsight
{
    public static JsonObject Run(InsightContext context, StickinessQuery q)
    {
        var grid = context.Grid(q.Interval);
        var current = Compute(context, q, grid);
        if (!q.Compare)
            return current;
        PeriodGrid previous;
        if (q.CompareTo is { } shift)
        {
            var (from, to) = context.Range();
            previous = PeriodGrid.Covering(context.Calendar, q.Interval, shift.ShiftInstant(context.Calendar, from), shift.ShiftInstant(context.Calendar, to), "compare_to");
        }
        else
        {
            // The range of equal length just before: as many intervals, ending where the current range starts.
            previous = new PeriodGrid(context.Calendar, q.Interval, context.Calendar.Step(q.Interval, grid.Start, -grid.Count), grid.Count);
        }
        return new JsonObject { ["current"] = current, ["previous"] = Compute(context, q, previous) };
    }

    private static JsonObject Compute(InsightContext context, StickinessQuery q, PeriodGrid grid)
    {
        var buckets = (grid.Count + q.IntervalCount - 1) / q.IntervalCount;
        var sql = context.NewSql();
        var withPersons = InsightSql.UsesPersons(q, q.Series);
        var criteria = q.Criteria is { } c
            ? $" HAVING count(*) {c.Operator switch { CriteriaOperator.Gte => ">=", CriteriaOperator.Lte => "<=", _ => "=" }} {sql.Param((long)c.Value)}"
            : "";
        var with = $"""
            ev AS (
                SELECT e.user_id AS person_id, {sql.Bucket(grid, "e.ts")} AS bucket
                FROM {sql.EventsFrom(withPersons)}
                WHERE {sql.InRange("e.ts", grid.Start, grid.End)} AND {sql.AllHold(q.Filters)} AND {sql.Matches(q.Series)}
            ),
            blocks AS (
                SELECT person_id, block
                FROM (SELECT person_id, {sql.Dialect.IntegerDivide("bucket", sql.Param((long)q.IntervalCount))} AS block FROM ev) AS b
                GROUP BY person_id, block{criteria}
            ),
            per_person AS (SELECT person_id, count(*) AS active FROM blocks GROUP BY person_id)
            """;
        var statement = sql.Statement($"""
            WITH {(withPersons ? sql.PersonsCte() + ",\n" : "")}{with}
            SELECT active, count(*) FROM per_person GROUP BY active
            """);
        var data = new long[buckets];
        long persons = 0;
        context.Read(statement, r =>
        {
            var (active, count) = ((int)InsightContext.Long(r, 0), InsightContext.Long(r, 1));
            persons += count;
            if (active >= 1 && active <= buckets) data[active - 1] = count;
        });
        if (q.Cumulative)
            for (var k = buckets - 2; k >= 0; k--) data[k] += data[k + 1];
        return new JsonObject
        {
            ["data"] = InsightContext.Array(data),
            ["days"] = InsightContext.Array(Enumerable.Range(1, buckets).Select(d => (long)d)),
            ["count"] = persons,
        };
    }
}
