using System.Text.Json.Nodes;

namespace Starboard.Core.Insights;

/// <summary>
/// Lifecycle: per bucket t, the persons active in t who are new (t is the bucket of their created_at; this wins
/// over returning), returning (active in t-1 too) or resurrecting (not active in t-1, not new); and the persons
/// active in t-1 but not in t, as a negative dormant count in t only. The bucket before the range is read too,
/// so activity just before the range counts as history.
/// </summary>
internal static class LifecycleInsight
{
    public static JsonObject Run(InsightContext context, LifecycleQuery q)
    {
        var grid = context.Grid(q.Interval);
        // Bucket 0 is the period before the range; bucket t + 1 is the range's bucket t.
        var extended = grid.Extended(1);
        var sql = context.NewSql();
        var statement = sql.Statement($"""
            WITH {sql.PersonsCte()},
            ev AS (
                SELECT DISTINCT e.user_id AS person_id, {sql.Bucket(extended, "e.ts")} AS bucket
                FROM {sql.EventsFrom(withPersons: true)}
                WHERE {sql.InRange("e.ts", extended.Start, extended.End)} AND {sql.AllHold(q.Filters)} AND {sql.Matches(q.Series)}
            ),
            born AS (
                SELECT person_id, {sql.Bucket(extended, "created")} AS bucket
                FROM (
                    -- A person with no user record was created at their first event of any kind.
                    SELECT a.person_id, COALESCE(u.created_at, f.first_ts) AS created
                    FROM (SELECT DISTINCT person_id FROM ev) AS a
                    LEFT JOIN persons AS u ON u.person_id = a.person_id
                    LEFT JOIN (
                        SELECT user_id, min(ts) AS first_ts FROM {sql.Table("stg_events")}
                        WHERE user_id IN (SELECT person_id FROM ev) GROUP BY user_id
                    ) AS f ON f.user_id = a.person_id
                ) AS creation
            )
            SELECT a.bucket,
                   sum(CASE WHEN n.bucket = a.bucket THEN 1 ELSE 0 END) AS new_persons,
                   sum(CASE WHEN n.bucket = a.bucket THEN 0 WHEN prev.person_id IS NOT NULL THEN 1 ELSE 0 END) AS returning_persons,
                   sum(CASE WHEN n.bucket = a.bucket THEN 0 WHEN prev.person_id IS NULL THEN 1 ELSE 0 END) AS resurrecting_persons,
                   0 AS dormant_persons
            FROM ev AS a
            LEFT JOIN ev AS prev ON prev.person_id = a.person_id AND prev.bucket = a.bucket - 1
            LEFT JOIN born AS n ON n.person_id = a.person_id
            WHERE a.bucket >= 1
            GROUP BY a.bucket
            UNION ALL
            SELECT a.bucket + 1, 0, 0, 0, count(*)
            FROM ev AS a
            LEFT JOIN ev AS later ON later.person_id = a.person_id AND later.bucket = a.bucket + 1
            WHERE later.person_id IS NULL AND a.bucket < {sql.Param((long)grid.Count)}
            GROUP BY a.bucket + 1
            """);
        var t = grid.Count;
        long[] fresh = new long[t], returning = new long[t], resurrecting = new long[t], dormant = new long[t];
        context.Read(statement, r =>
        {
            var i = (int)InsightContext.Long(r, 0) - 1;
            if (i < 0 || i >= t) return;
            fresh[i] += InsightContext.Long(r, 1);
            returning[i] += InsightContext.Long(r, 2);
            resurrecting[i] += InsightContext.Long(r, 3);
            dormant[i] -= InsightContext.Long(r, 4);
        });
        return new JsonObject
        {
            ["buckets"] = InsightContext.Array(grid.Labels()),
            ["new"] = InsightContext.Array(fresh),
            ["returning"] = InsightContext.Array(returning),
            ["resurrecting"] = InsightContext.Array(resurrecting),
            ["dormant"] = InsightContext.Array(dormant),
        };
    }
}
