namespace Starboard.Core.Kpis;

/// <summary>
/// SQL of the measure models. A user-attributed measure's rows are put under the user's version of the day and
/// fanned out to the whole (all/ALL) and one member of each user breakdown; explicit measures bring their own
/// entities. kpi_measure_daily sums each measure (or counts its users) per day and entity; kpi_user_day keeps the
/// users of each users measure, for distinct counts over spans.
/// </summary>
public static class MeasureSql
{
    /// <summary>
    /// The rows of <paramref name="measures"/> for the run's window, put under their entities: measure, date_key,
    /// entity_type, entity_value, user_id (null for a sum measure with its own entities) and value. Every
    /// user-attributed measure's rows meet the user's version of the day in one join and are fanned out once,
    /// rather than each measure joining and fanning out on its own.
    /// </summary>
    internal static string Attributed(IReadOnlyList<MeasureDefinition> measures)
    {
        var window = "s.date_key BETWEEN {{ var('start_key') }} AND {{ var('end_key') }}";
        var parts = new List<string>();
        var byUser = measures.Where(m => m.Attribution != Attribution.Explicit).ToList();
        if (byUser.Count > 0)
        {
            var rows = string.Join("\n        UNION ALL\n", byUser.Select(m => $"""
                        SELECT '{m.Name}' AS measure, s.date_key, s.user_id, CAST(s.value AS DECIMAL(38,16)) AS value
                        FROM (
                {Indent(m.Sql, 12)}
                        ) AS s
                        WHERE {window}
                """));
            // Each row goes to the whole and to one member of each breakdown: a join to the breakdowns' names, so
            // the attributed rows are read once (a CTE read once per breakdown would be materialized whole).
            var breakdowns = string.Join(" UNION ALL ", KpiCatalog.UserBreakdowns.Select(b => $"SELECT '{b}'").Prepend("SELECT 'all' AS entity_type"));
            var member = string.Join(" ", KpiCatalog.UserBreakdowns.Select(b => $"WHEN '{b}' THEN COALESCE(u.{b}, 'unknown')"));
            parts.Add($"""
                SELECT s.measure, s.date_key, b.entity_type, CASE b.entity_type {member} ELSE 'ALL' END AS entity_value, s.user_id, s.value
                FROM (
                {rows}
                ) AS s
                LEFT JOIN {"{{ ref('dim_user') }}"} AS u
                       ON u.user_id = s.user_id AND {"{{ date_from_key(s.date_key) }}"} BETWEEN u.day_valid_from AND u.day_valid_to
                CROSS JOIN ({breakdowns}) AS b
                """);
        }
        parts.AddRange(measures.Where(m => m.Attribution == Attribution.Explicit).Select(m => $"""
            SELECT '{m.Name}' AS measure, s.date_key, s.entity_type, s.entity_value,
                   {(m.Kind == MeasureKind.Users ? "s.user_id" : "CAST(NULL AS VARCHAR)")} AS user_id, CAST(s.value AS DECIMAL(38,16)) AS value
            FROM (
            {Indent(m.Sql)}
            ) AS s
            WHERE {window}
            """));
        return string.Join("\nUNION ALL\n", parts);
    }

    /// <summary>
    /// The users of every users measure per day and entity, each row with the days since the same user's previous
    /// day in the same measure and entity (gap_days; null when none in the 366 days before): the base of every
    /// distinct count over a span. An incremental run finds a user's previous day among the rows built before.
    /// </summary>
    public static string UserDay(IEnumerable<MeasureDefinition> measures)
    {
        var users = measures.Where(m => m.Kind == MeasureKind.Users).ToList();
        if (users.Count == 0)
            return "SELECT CAST(NULL AS VARCHAR) AS measure, 0 AS date_key, 0 AS entity_key, 0 AS user_key, CAST(0 AS DECIMAL(38,16)) AS value, " +
                   "0 AS day_number, CAST(NULL AS INTEGER) AS gap_days WHERE 1 = 0";
        return $$"""
            WITH fresh AS (
                SELECT a.measure, a.date_key, {{"{{ hash_key(a.entity_type, a.entity_value) }}"}} AS entity_key,
                       {{"{{ hash_key(a.user_id) }}"}} AS user_key, sum(a.value) AS value
                FROM (
            {{Indent(Attributed(users), 4)}}
                ) AS a
                GROUP BY a.measure, a.date_key, a.entity_type, a.entity_value, a.user_id
            ),
            numbered AS (
                SELECT f.*, {{"{{ days_between('1970-01-01', date_from_key(f.date_key)) }}"}} AS day_number FROM fresh AS f
            ),
            recent AS (
                -- Each user's latest earlier day (rows of previous runs): most users of the window had one in the last
                -- 30 days, so those are grouped first, ...
                SELECT measure, entity_key, user_key, max(day_number) AS day_number
                FROM {{"{{ this() }}"}}
                WHERE day_number BETWEEN {{StartDay}} - 30 AND {{StartDay}} - 1
                GROUP BY measure, entity_key, user_key
            ),
            missing AS (
                SELECT DISTINCT n.measure, n.entity_key, n.user_key
                FROM numbered AS n
                WHERE NOT EXISTS (SELECT 1 FROM recent AS r WHERE r.measure = n.measure AND r.entity_key = n.entity_key AND r.user_key = n.user_key)
            ),
            earlier AS (
                -- ... and only the others are looked for further back, as far as any row of the window can need.
                SELECT measure, entity_key, user_key, day_number FROM recent
                UNION ALL
                SELECT t.measure, t.entity_key, t.user_key, max(t.day_number)
                FROM {{"{{ this() }}"}} AS t
                JOIN missing AS m ON m.measure = t.measure AND m.entity_key = t.entity_key AND m.user_key = t.user_key
                WHERE t.day_number BETWEEN 2 * {{StartDay}} - {{EndDay}} - 366 AND {{StartDay}} - 31
                GROUP BY t.measure, t.entity_key, t.user_key
            ),
            gaps AS (
                SELECT n.measure, n.date_key, n.entity_key, n.user_key, n.value, n.day_number,
                       n.day_number - COALESCE(
                           lag(n.day_number) OVER (PARTITION BY n.measure, n.entity_key, n.user_key ORDER BY n.day_number),
                           e.day_number) AS gap
                FROM numbered AS n
                LEFT JOIN earlier AS e ON e.measure = n.measure AND e.entity_key = n.entity_key AND e.user_key = n.user_key
            )
            SELECT measure, date_key, entity_key, user_key, value, day_number,
                   CAST(CASE WHEN gap <= 366 THEN gap END AS INTEGER) AS gap_days
            FROM gaps
            """;
    }

    internal const string StartDay = "{{ var('start_day_number') }}";
    internal const string EndDay = "{{ var('end_day_number') }}";

    /// <summary>
    /// Each measure per day and entity: sum measures summed, users measures counted once per user. The two kinds are
    /// attributed apart, so each set of rows is read once by its own aggregate (a shared CTE would be materialized
    /// whole, fan-out and all, which in a full build costs more than the join it saves).
    /// </summary>
    public static string Daily(IEnumerable<MeasureDefinition> measures)
    {
        var list = measures.ToList();
        string Part(MeasureKind kind, string value)
        {
            var of = list.Where(m => m.Kind == kind).ToList();
            return of.Count == 0 ? "" : $$"""
                SELECT a.measure, a.date_key, {{"{{ hash_key(a.entity_type, a.entity_value) }}"}} AS entity_key, a.entity_type, a.entity_value, {{value}} AS value
                FROM (
                {{Indent(Attributed(of))}}
                ) AS a
                GROUP BY a.measure, a.date_key, a.entity_type, a.entity_value
                """;
        }
        return string.Join("\nUNION ALL\n", new[] { Part(MeasureKind.Sum, "sum(a.value)"), Part(MeasureKind.Users, "CAST(count(DISTINCT a.user_id) AS DECIMAL(38,16))") }
            .Where(p => p.Length > 0));
    }

    internal static string Indent(string sql, int spaces = 0) =>
        string.Join("\n", sql.Split('\n').Select(l => new string(' ', spaces) + l));
}
