using System.Globalization;

namespace Starboard.Core.Kpis;

/// <summary>
/// Users of a users measure over the n days ending `lag` days before each day of the run (WAU, MAU, churn), or,
/// with thresholds, only those with min..max of their days in it and an average value per day of at least
/// min_avg (engagement tiers). Yields the CTE `Name` with date_key, entity_key, users.
/// </summary>
public sealed record TrailingUsers(string Measure, int Days, int Lag = 0, int? MinDays = null, int? MaxDays = null, string? MinAvg = null)
{
    public bool HasThresholds => MinDays is not null || MaxDays is not null || MinAvg is not null;

    public string Name => $"tr_{Measure}_{Days}_{Lag}" + (HasThresholds ? $"_{MinDays ?? 1}_{MaxDays ?? 0}_{(MinAvg ?? "0").Replace('.', '_')}" : "");

    public static TrailingUsers Of(KpiTerm t) => new(t.Measure!, t.TrailingDays!.Value, 0, t.MinDays, t.MaxDays, t.MinAvgValue);
}

/// <summary>The sum of a sum measure over the n days ending on each day of the run (30-day ARPU). CTE: date_key, entity_key, total.</summary>
public sealed record TrailingSum(string Measure, int Days)
{
    public string Name => $"ts_{Measure}_{Days}";
}

internal static class TrailingSql
{
    private const string UserDay = "{{ ref('kpi_user_day') }}";

    /// <summary>Days of the run, and the days before it a trailing count needs (dn: days since 1970).</summary>
    internal static string Days(string name, int before) => $"""
        {name} AS (
            SELECT d.date_key, {"{{ days_between('1970-01-01', d.date) }}"} AS dn
            FROM {"{{ ref('dim_date') }}"} AS d, {"{{ ref('data_range') }}"} AS r
            WHERE d.date BETWEEN {(before == 0 ? "{{ var('start_date') }}" : $"{{{{ add_days(var('start_date'), -{before}) }}}}")} AND {"{{ var('end_date') }}"}
              AND d.date BETWEEN r.first_date AND r.last_date
        )
        """;

    /// <summary>Every trailing count's CTEs; counts with thresholds over the same days share one pass over the users.</summary>
    internal static IEnumerable<string> Ctes(IEnumerable<TrailingUsers> all)
    {
        var list = all.DistinctBy(t => t.Name).ToList();
        foreach (var t in list.Where(t => !t.HasThresholds))
            foreach (var cte in KeptLengths.Contains(t.Days) ? FromDistinctDaily(t) : Runs(t)) yield return cte;
        foreach (var group in list.Where(t => t.HasThresholds).GroupBy(t => (t.Measure, t.Days, t.Lag)))
            foreach (var cte in Thresholds(group.ToList())) yield return cte;
    }

    /// <summary>The trailing lengths kpi_distinct_daily keeps entries and exits for.</summary>
    internal static readonly IReadOnlyList<int> KeptLengths = [7, 28, 30, 60, 90];

    /// <summary>
    /// The users of the trailing n days are the running sum of kpi_distinct_daily's entries less exits from the
    /// data's first day: a few rows per entity and day, so WAU, MAU and churn cost little in a daily run. The sum is
    /// taken only at the days read (each day of the run less the lag), each day's rows summed into the next of them
    /// first, so a daily run adds up a few buckets instead of running over every day of every entity.
    /// </summary>
    private static IEnumerable<string> FromDistinctDaily(TrailingUsers t)
    {
        var p = t.Name;
        yield return $"""
            {p}_days AS (
                SELECT d.date_key, {"{{ days_between('1970-01-01', d.date) }}"} AS dn
                FROM {"{{ ref('dim_date') }}"} AS d, {"{{ ref('data_range') }}"} AS r
                WHERE d.date BETWEEN r.first_date AND {"{{ var('end_date') }}"} AND d.date <= r.last_date
            )
            """;
        yield return $"""
            {p}_points AS (
                SELECT x.date_key, x.dn - {t.Lag} AS point
                FROM {p}_days AS x
                WHERE x.date_key BETWEEN {"{{ var('start_key') }}"} AND {"{{ var('end_key') }}"}
                  AND x.dn - {t.Lag} >= (SELECT min(dn) FROM {p}_days)
            )
            """;
        yield return $"""
            {p}_sums AS (
                SELECT s.entity_key, b.point, sum(s.enter_{t.Days} - s.leave_{t.Days}) AS change
                FROM {"{{ ref('kpi_distinct_daily') }}"} AS s
                JOIN (SELECT d.dn, min(x.point) AS point FROM {p}_days AS d JOIN {p}_points AS x ON x.point >= d.dn GROUP BY d.dn) AS b
                  ON b.dn = s.day_number
                WHERE s.measure = '{t.Measure}'
                GROUP BY s.entity_key, b.point
            )
            """;
        yield return $"""
            {p} AS (
                SELECT x.date_key, e.entity_key,
                       sum(COALESCE(c.change, 0)) OVER (PARTITION BY e.entity_key ORDER BY x.point ROWS UNBOUNDED PRECEDING) AS users
                FROM {p}_points AS x
                CROSS JOIN (SELECT DISTINCT entity_key FROM {"{{ ref('kpi_distinct_daily') }}"} WHERE measure = '{t.Measure}') AS e
                LEFT JOIN {p}_sums AS c ON c.entity_key = e.entity_key AND c.point = x.point
            )
            """;
    }

    /// <summary>
    /// Without a join per day: each user's days are merged into runs whose n-day coverage overlaps; a run adds the
    /// user from its first day and removes them n days after its last, and a running sum over the days counts.
    /// </summary>
    private static IEnumerable<string> Runs(TrailingUsers t)
    {
        var p = t.Name;
        yield return Days($"{p}_days", t.Days - 1 + t.Lag);
        yield return $"""
            {p}_runs AS (
                SELECT entity_key, user_key, dn,
                       sum(brk) OVER (PARTITION BY entity_key, user_key ORDER BY dn ROWS UNBOUNDED PRECEDING) AS run_no
                FROM (
                    SELECT u.entity_key, u.user_key, u.day_number AS dn,
                           CASE WHEN u.day_number - lag(u.day_number) OVER (PARTITION BY u.entity_key, u.user_key ORDER BY u.day_number) <= {t.Days} THEN 0 ELSE 1 END AS brk
                    FROM {UserDay} AS u
                    JOIN {p}_days AS x ON x.date_key = u.date_key
                    WHERE u.measure = '{t.Measure}'
                ) AS gaps
            )
            """;
        yield return $"""
            {p}_delta AS (
                SELECT entity_key, dn, sum(delta) AS delta
                FROM (
                    SELECT entity_key, min(dn) AS dn, 1 AS delta FROM {p}_runs GROUP BY entity_key, user_key, run_no
                    UNION ALL
                    SELECT entity_key, max(dn) + {t.Days}, -1 FROM {p}_runs GROUP BY entity_key, user_key, run_no
                ) AS edges
                GROUP BY entity_key, dn
            )
            """;
        yield return Running(t);
    }

    /// <summary>
    /// Each user's count of days (and sum of values) in the trailing n days changes only on their days and n days
    /// after them; at each change the user's membership of every tier before and after it is worked out, and the
    /// moves summed. The days before the first day the run reads (start less lag) enter as one change per user on
    /// the day before it, so a daily run orders each user's few changes in the run instead of every day of the
    /// last n; in a full build there are none. Changes after the run's last day are never read, so none is made.
    /// </summary>
    private static IEnumerable<string> Thresholds(IReadOnlyList<TrailingUsers> tiers)
    {
        var t0 = tiers[0];
        var p = $"tt_{t0.Measure}_{t0.Days}_{t0.Lag}";
        var first = t0.Lag == 0 ? MeasureSql.StartDay : $"({MeasureSql.StartDay} - {t0.Lag})";
        var rows = $"FROM {UserDay} AS u JOIN {p}_days AS x ON x.date_key = u.date_key WHERE u.measure = '{t0.Measure}'";
        yield return Days($"{p}_days", t0.Days - 1 + t0.Lag);
        yield return $"""
            {p}_counts AS (
                SELECT entity_key, user_key, dn, sum(dd) AS day_change, sum(dv) AS value_change,
                       sum(sum(dd)) OVER (PARTITION BY entity_key, user_key ORDER BY dn ROWS UNBOUNDED PRECEDING) AS days,
                       sum(sum(dv)) OVER (PARTITION BY entity_key, user_key ORDER BY dn ROWS UNBOUNDED PRECEDING) AS total
                FROM (
                    SELECT u.entity_key, u.user_key, {first} - 1 AS dn, count(*) AS dd, sum(u.value) AS dv
                    {rows} AND u.day_number < {first}
                    GROUP BY u.entity_key, u.user_key
                    UNION ALL
                    SELECT u.entity_key, u.user_key, u.day_number, 1, u.value
                    {rows} AND u.day_number >= {first}
                    UNION ALL
                    SELECT u.entity_key, u.user_key, u.day_number + {t0.Days}, -1, -u.value
                    {rows} AND u.day_number + {t0.Days} <= {MeasureSql.EndDay}
                ) AS changes
                GROUP BY entity_key, user_key, dn
            )
            """;
        // A user's counts at their previous change are the running sums less this change's own, so the move in and
        // out of each tier needs no second pass over the users (a lag) to find the previous membership.
        var moves = string.Join(",\n           ", tiers.Select((t, i) =>
            $"CASE WHEN {Condition(t, "days", "total")} THEN 1 ELSE 0 END - CASE WHEN {Condition(t, "days - day_change", "total - value_change")} THEN 1 ELSE 0 END AS d{i}"));
        yield return $"""
            {p}_moves AS (
                SELECT entity_key, dn,
                       {moves}
                FROM {p}_counts
            )
            """;
        for (var i = 0; i < tiers.Count; i++)
        {
            yield return $"""
                {tiers[i].Name}_delta AS (
                    SELECT entity_key, dn, sum(d{i}) AS delta FROM {p}_moves WHERE d{i} <> 0 GROUP BY entity_key, dn
                )
                """;
            yield return Running(tiers[i], $"{p}_days");
        }
    }

    private static string Condition(TrailingUsers t, string days, string total)
    {
        // At least one day: a user with none in the window is not in it (and a change's "before" of a first day is none).
        var conditions = new List<string> { $"{days} >= {Math.Max(t.MinDays ?? 1, 1)}" };
        if (t.MaxDays is { } max) conditions.Add($"{days} <= {max}");
        if (t.MinAvg is { } avg)
            conditions.Add(decimal.TryParse(avg, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                ? $"{total} >= {number.ToString(CultureInfo.InvariantCulture)} * ({days})"
                : $"{total} >= {{{{ var('{avg}') }}}} * ({days})");
        return string.Join(" AND ", conditions);
    }

    /// <summary>The running sum of the changes over every day, read `lag` days later.</summary>
    private static string Running(TrailingUsers t, string? daysCte = null)
    {
        var p = t.Name;
        var days = daysCte ?? $"{p}_days";
        return $"""
            {p} AS (
                SELECT x.date_key, running.entity_key, running.users
                FROM (
                    SELECT e.entity_key, d.dn,
                           sum(COALESCE(c.delta, 0)) OVER (PARTITION BY e.entity_key ORDER BY d.dn ROWS UNBOUNDED PRECEDING) AS users
                    FROM {days} AS d
                    CROSS JOIN (SELECT DISTINCT entity_key FROM {p}_delta) AS e
                    LEFT JOIN {p}_delta AS c ON c.entity_key = e.entity_key AND c.dn = d.dn
                ) AS running
                JOIN {days} AS x ON x.dn = running.dn + {t.Lag}
                WHERE x.date_key BETWEEN {"{{ var('start_key') }}"} AND {"{{ var('end_key') }}"}
            )
            """;
    }

    internal static IEnumerable<string> Ctes(TrailingSum t)
    {
        var p = t.Name;
        yield return Days($"{p}_days", t.Days - 1);
        yield return $"""
            {p} AS (
                SELECT d.date_key, m.entity_key, sum(m.value) AS total
                FROM {p}_days AS d
                JOIN {p}_days AS x ON x.dn BETWEEN d.dn - {t.Days - 1} AND d.dn
                JOIN {"{{ ref('kpi_measure_daily') }}"} AS m ON m.date_key = x.date_key AND m.measure = '{t.Measure}'
                WHERE d.date_key BETWEEN {"{{ var('start_key') }}"} AND {"{{ var('end_key') }}"}
                GROUP BY d.date_key, m.entity_key
            )
            """;
    }
}
