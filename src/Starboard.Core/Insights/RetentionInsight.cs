using System.Text.Json.Nodes;

namespace Starboard.Core.Insights;

/// <summary>
/// The retention matrix: N cohorts ending with the period that contains date_to. values[c][0] is the cohort (the
/// persons who did the target event in period c; no minimum applies), values[c][k] the members who did the
/// returning event at least `minimum_occurrences` times in period c+k (cumulative: in c+k or any later period
/// up to the last). Recurring puts a person in every cohort they did the target event in; first-time only in the
/// cohort of their first target event ever. Cells past the last period are 0.
/// </summary>
internal static class RetentionInsight
{
    public static JsonObject Run(InsightContext context, RetentionQuery q)
    {
        var calendar = context.Calendar;
        var to = q.DateTo?.Resolve(calendar, context.NowUtc, () => context.NowUtc) ?? context.NowUtc;
        var last = calendar.PeriodStart(q.Period, to);
        var grid = new PeriodGrid(calendar, q.Period, calendar.Step(q.Period, last, -(q.TotalIntervals - 1)), q.TotalIntervals);
        var n = grid.Count;
        var values = new long[n][];
        for (var c = 0; c < n; c++) values[c] = new long[n];

        var sql = context.NewSql();
        var withPersons = InsightSql.UsesPersons(q, q.Target, q.Returning);
        var events = sql.EventsFrom(withPersons);
        var global = sql.AllHold(q.Filters);
        var returning = sql.Matches(q.Returning);
        string ev, cohort;
        if (q.FirstTime)
        {
            ev = $"""
                ev AS (
                    SELECT e.user_id AS person_id, {sql.Bucket(grid, "e.ts")} AS bucket, 1 AS is_return
                    FROM {events}
                    WHERE {sql.InRange("e.ts", grid.Start, grid.End)} AND {global} AND {returning}
                )
                """;
            // The first target event is looked up over all time: earlier than the first cohort means no cohort.
            cohort = $"""
                cohort AS (
                    SELECT person_id, {sql.Bucket(grid, "first_ts")} AS bucket
                    FROM (
                        SELECT e.user_id AS person_id, min(e.ts) AS first_ts
                        FROM {events}
                        WHERE {sql.AllHold(q.Filters)} AND {sql.Matches(q.Target)}
                        GROUP BY e.user_id
                    ) AS firsts
                    WHERE {sql.InRange("first_ts", grid.Start, grid.End)}
                )
                """;
        }
        else
        {
            var target = sql.Matches(q.Target);
            ev = $"""
                ev AS (
                    SELECT e.user_id AS person_id, {sql.Bucket(grid, "e.ts")} AS bucket,
                           CASE WHEN {target} THEN 1 ELSE 0 END AS is_target, CASE WHEN {returning} THEN 1 ELSE 0 END AS is_return
                    FROM {events}
                    WHERE {sql.InRange("e.ts", grid.Start, grid.End)} AND {global} AND ({target} OR {returning})
                )
                """;
            cohort = "cohort AS (SELECT DISTINCT person_id, bucket FROM ev WHERE is_target = 1)";
        }
        var back = $"back AS (SELECT person_id, bucket FROM ev WHERE is_return = 1 GROUP BY person_id, bucket HAVING count(*) >= {sql.Param((long)q.MinimumOccurrences)})";
        // Non-cumulative: members back in each later period. Cumulative: each member once, at the furthest period
        // they came back in; every cell up to it counts them.
        var returned = q.Cumulative
            ? """
              SELECT 1, cohort, furthest, count(*) FROM (
                  SELECT c.person_id, c.bucket AS cohort, max(b.bucket) AS furthest
                  FROM cohort AS c JOIN back AS b ON b.person_id = c.person_id AND b.bucket > c.bucket
                  GROUP BY c.person_id, c.bucket
              ) AS reach
              GROUP BY cohort, furthest
              """
            : """
              SELECT 1, c.bucket, b.bucket, count(*)
              FROM cohort AS c JOIN back AS b ON b.person_id = c.person_id AND b.bucket > c.bucket
              GROUP BY c.bucket, b.bucket
              """;
        var with = string.Join(",\n", new[] { withPersons ? sql.PersonsCte() : null, ev, cohort, back }.Where(x => x is not null));
        var statement = sql.Statement($"""
            WITH {with}
            SELECT 0 AS part, bucket AS cohort, bucket AS period, count(*) AS persons FROM cohort GROUP BY bucket
            UNION ALL
            {returned}
            """);

        context.Read(statement, r =>
        {
            var (part, c, p, count) = (InsightContext.Long(r, 0), (int)InsightContext.Long(r, 1), (int)InsightContext.Long(r, 2), InsightContext.Long(r, 3));
            if (c < 0 || c >= n || p >= n) return;
            if (part == 0)
                values[c][0] = count;
            else if (!q.Cumulative)
                values[c][p - c] = count;
            else
                for (var k = 1; k <= p - c; k++) values[c][k] += count;
        });

        return new JsonObject
        {
            ["values"] = new JsonArray(values.Select(row => (JsonNode)InsightContext.Array(row)).ToArray()),
            ["cohort_starts"] = InsightContext.Array(grid.Labels()),
        };
    }
}
