using System.Text;

namespace Starboard.Core.Kpis;

/// <summary>
/// SQL of the measure models. A user-attributed measure's rows are put under the user's version of the day and
/// fanned out to the whole (all/ALL) and one member of each user breakdown; explicit measures bring their own
/// entities. Users measures land first in kpi_user_day, and kpi_measure_daily counts them from there.
/// </summary>
public static class MeasureSql
{
    /// <summary>The measure's own rows for the run's window, put under their entities.</summary>
    internal static string Attributed(MeasureDefinition m)
    {
        var window = "s.date_key BETWEEN {{ var('start_key') }} AND {{ var('end_key') }}";
        if (m.Attribution == Attribution.Explicit)
            return $"""
                SELECT s.date_key, s.entity_type, s.entity_value, {UserColumn(m)}CAST(s.value AS DECIMAL(38,16)) AS value
                FROM (
                {Indent(m.Sql)}
                ) AS s
                WHERE {window}
                """;
        var fanout = new StringBuilder($"SELECT date_key, 'all' AS entity_type, 'ALL' AS entity_value, {UserColumn(m, "")}value FROM attributed");
        foreach (var b in KpiCatalog.UserBreakdowns)
            fanout.Append($"\n    UNION ALL SELECT date_key, '{b}', {b}, {UserColumn(m, "")}value FROM attributed");
        return $"""
            SELECT * FROM (
                WITH attributed AS (
                    SELECT s.date_key, s.user_id, CAST(s.value AS DECIMAL(38,16)) AS value,
                           COALESCE(u.platform, 'unknown') AS platform, COALESCE(u.country, 'unknown') AS country,
                           COALESCE(u.channel, 'unknown') AS channel, COALESCE(u.plan, 'unknown') AS plan
                    FROM (
            {Indent(m.Sql, 12)}
                    ) AS s
                    LEFT JOIN {"{{ ref('dim_user') }}"} AS u
                           ON u.user_id = s.user_id AND {"{{ date_from_key(s.date_key) }}"} BETWEEN u.day_valid_from AND u.day_valid_to
                    WHERE {window}
                )
                {fanout}
            ) AS fanned
            """;
    }

    /// <summary>
    /// The users of every users measure per day and entity, each row with the days since the same user's previous
    /// day in the same measure and entity (gap_days; null when none in the 366 days before): the base of every
    /// distinct count over a span. An incremental run finds a user's previous day among the rows built before.
    /// </summary>
    public static string UserDay(IEnumerable<MeasureDefinition> measures)
    {
        var parts = measures.Where(m => m.Kind == MeasureKind.Users).Select(m => $"""
            SELECT '{m.Name}' AS measure, a.date_key, {"{{ hash_key(a.entity_type, a.entity_value) }}"} AS entity_key,
                   {"{{ hash_key(a.user_id) }}"} AS user_key, sum(a.value) AS value
            FROM (
            {Attributed(m)}
            ) AS a
            GROUP BY a.date_key, a.entity_type, a.entity_value, a.user_id
            """).ToList();
        if (parts.Count == 0)
            return "SELECT CAST(NULL AS VARCHAR) AS measure, 0 AS date_key, 0 AS entity_key, 0 AS user_key, CAST(0 AS DECIMAL(38,16)) AS value, " +
                   "0 AS day_number, CAST(NULL AS INTEGER) AS gap_days WHERE 1 = 0";
        return $$"""
            WITH fresh AS (
            {{Indent(string.Join("\nUNION ALL\n", parts), 4)}}
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

    internal const string StartDay = "{{ days_between('1970-01-01', var('start_date')) }}";
    internal const string EndDay = "{{ days_between('1970-01-01', var('end_date')) }}";

    public static string Daily(IEnumerable<MeasureDefinition> measures)
    {
        var parts = measures.Select(m => m.Kind == MeasureKind.Sum
            ? $"""
                SELECT '{m.Name}' AS measure, a.date_key, {"{{ hash_key(a.entity_type, a.entity_value) }}"} AS entity_key,
                       a.entity_type, a.entity_value, sum(a.value) AS value
                FROM (
                {Attributed(m)}
                ) AS a
                GROUP BY a.date_key, a.entity_type, a.entity_value
                """
            : $"""
                SELECT '{m.Name}' AS measure, a.date_key, {"{{ hash_key(a.entity_type, a.entity_value) }}"} AS entity_key,
                       a.entity_type, a.entity_value, CAST(count(DISTINCT a.user_id) AS DECIMAL(38,16)) AS value
                FROM (
                {Attributed(m)}
                ) AS a
                GROUP BY a.date_key, a.entity_type, a.entity_value
                """);
        return string.Join("\nUNION ALL\n", parts);
    }

    private static string UserColumn(MeasureDefinition m, string alias = "s.") => m.Kind == MeasureKind.Users ? $"{alias}user_id, " : "";

    internal static string Indent(string sql, int spaces = 0) =>
        string.Join("\n", sql.Split('\n').Select(l => new string(' ', spaces) + l));
}
