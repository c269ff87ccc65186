using Starboard.Core.Dialects;
using Starboard.Core.Sql;

namespace Starboard.Core.Insights;

/// <summary>
/// Builds the SQL of one insight: bound parameters, the persons relation, property filters and event matchers,
/// and the bucket index of a timestamp. Reads only `stg_events` (user ids already resolved through aliases) and
/// `stg_users`; every engine difference goes through the dialect's macros.
/// </summary>
internal sealed class InsightSql(SqlDialect dialect)
{
    private const long MicrosPerHour = 3_600_000_000L, MicrosPerDay = 86_400_000_000L;
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>Event properties that are typed columns of stg_events; any other key is read from `properties`.</summary>
    public static readonly IReadOnlyList<string> EventColumns = ["platform", "device", "app_version", "country", "feature", "session_id"];

    /// <summary>Person properties that are typed columns of the latest user version; any other key is read from `properties`.</summary>
    public static readonly IReadOnlyList<string> PersonColumns = ["country", "platform", "plan", "channel", "campaign_id", "email"];

    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);

    public SqlDialect Dialect => dialect;

    /// <summary>A bound parameter holding <paramref name="value"/>; returns its placeholder.</summary>
    public string Param(object? value)
    {
        var name = "p" + _parameters.Count;
        _parameters[name] = value;
        return dialect.ParameterPlaceholder(name);
    }

    public string Table(string name) => dialect.QuoteIdentifier(name);

    public RenderedSql Statement(string text) => new(text, new Dictionary<string, object?>(_parameters));

    /// <summary>
    /// `persons`: one row per person with their latest user version (by updated_at): created_at, the free
    /// `properties` and the typed attributes.
    /// </summary>
    public string PersonsCte() => $"""
        persons AS (
            SELECT user_id AS person_id, created_at, properties, {string.Join(", ", PersonColumns)}
            FROM (
                SELECT u.*, row_number() OVER (PARTITION BY u.user_id ORDER BY u.updated_at DESC, u.load_id DESC, u.line DESC) AS pick
                FROM {Table("stg_users")} AS u
            ) AS versions
            WHERE pick = 1
        )
        """;

    /// <summary>The events (alias e), with their person's latest version (alias p) when person properties are used.</summary>
    public string EventsFrom(bool withPersons) =>
        $"{Table("stg_events")} AS e" + (withPersons ? " LEFT JOIN persons AS p ON p.person_id = e.user_id" : "");

    public static bool UsesPersons(IEnumerable<PropertyFilter> filters) => filters.Any(f => f.Type == FilterType.Person);

    public static bool UsesPersons(InsightQuery query, params EventMatcher[] matchers) =>
        UsesPersons(query.Filters) || matchers.Any(m => UsesPersons(m.Properties));

    public string InRange(string tsExpr, DateTime fromUtc, DateTime toUtc) => $"{tsExpr} >= {Param(fromUtc)} AND {tsExpr} < {Param(toUtc)}";

    /// <summary>A condition that holds for events the matcher (and every filter) accepts.</summary>
    public string Matches(EventMatcher matcher)
    {
        var parts = new List<string>();
        if (matcher.Event is not null)
            parts.Add($"e.name = {Param(matcher.Event)}");
        parts.AddRange(matcher.Properties.Select(Holds));
        return parts.Count == 0 ? "1 = 1" : "(" + string.Join(" AND ", parts) + ")";
    }

    public string AllHold(IEnumerable<PropertyFilter> filters)
    {
        var parts = filters.Select(Holds).ToList();
        return parts.Count == 0 ? "1 = 1" : string.Join(" AND ", parts);
    }

    /// <summary>
    /// One filter as a condition that is never NULL. A missing property matches `is_not` and `not_icontains`
    /// (it is not that value) and nothing else.
    /// </summary>
    public string Holds(PropertyFilter f)
    {
        var v = PropertyText(f.Type, f.Key);
        return f.Operator switch
        {
            FilterOperator.Exact => $"({v} IS NOT NULL AND {v} IN ({string.Join(", ", f.Values.Select(Param))}))",
            FilterOperator.IsNot => $"({v} IS NULL OR {v} NOT IN ({string.Join(", ", f.Values.Select(Param))}))",
            FilterOperator.IContains => $"({v} IS NOT NULL AND ({string.Join(" OR ", f.Values.Select(x => dialect.ContainsIgnoreCase(v, Param(x))))}))",
            FilterOperator.NotIContains => $"({v} IS NULL OR NOT ({string.Join(" OR ", f.Values.Select(x => dialect.ContainsIgnoreCase(v, Param(x))))}))",
            FilterOperator.Gt => $"COALESCE({dialect.ToNumber(v)} > {Param(f.Number)}, FALSE)",
            FilterOperator.Lt => $"COALESCE({dialect.ToNumber(v)} < {Param(f.Number)}, FALSE)",
            FilterOperator.IsSet => $"({v} IS NOT NULL)",
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    /// <summary>The text of a property: a typed column when the key names one (falling back to the JSON), else the JSON key.</summary>
    public string PropertyText(FilterType type, string key)
    {
        var (alias, columns) = type == FilterType.Event ? ("e", EventColumns) : ("p", PersonColumns);
        var json = dialect.JsonText($"{alias}.properties", Param(key));
        return columns.Contains(key) ? $"COALESCE({alias}.{dialect.QuoteIdentifier(key)}, {json})" : json;
    }

    /// <summary>
    /// The bucket index in <paramref name="grid"/> of a UTC timestamp expression, for timestamps inside the grid
    /// (and a little around it). Local time is the timestamp plus the offset in force at it (a CASE over the
    /// zone's changes near the grid), so days, weeks and months follow local midnight through DST changes.
    /// </summary>
    public string Bucket(PeriodGrid grid, string tsExpr)
    {
        var calendar = grid.Calendar;
        var changes = calendar.Transitions(grid.Start.AddDays(-2), grid.End.AddDays(2));
        var epoch = dialect.EpochMicros(tsExpr);
        if (grid.Interval == Interval.Hour)
        {
            // Clock hours start where the local clock reads HH:00: UTC hours shifted by the offset's minutes.
            var sub = Offset(tsExpr, changes.Select(c => (c.At, calendar.SubHourOffset(c.At))).ToList());
            var unit = dialect.IntegerDivide(sub is null ? epoch : $"{epoch} + {sub}", MicrosPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var first = (grid.Start.Ticks - DateTime.UnixEpoch.Ticks + calendar.SubHourOffset(grid.Start).Ticks) / TimeSpan.TicksPerHour;
            return $"({unit} - {Param(first)})";
        }
        var offset = Offset(tsExpr, changes) ?? "0";
        var localDay = dialect.IntegerDivide($"{epoch} + {offset}", MicrosPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var firstDay = DateOnly.FromDateTime(calendar.ToWall(grid.Start)).DayNumber - Epoch.DayNumber;
        return grid.Interval switch
        {
            Interval.Day => $"({localDay} - {Param((long)firstDay)})",
            Interval.Week => dialect.IntegerDivide($"{localDay} - {Param((long)firstDay)}", "7"),
            Interval.Month => $"({dialect.MonthNumber(dialect.AddDays(Param(Epoch), localDay))} - {Param((long)MonthNumber(calendar.ToWall(grid.Start)))})",
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private static int MonthNumber(DateTime wall) => wall.Year * 12 + wall.Month - 1;

    /// <summary>The offset in microseconds at a timestamp, as a constant or a CASE; null when it is always zero.</summary>
    private string? Offset(string tsExpr, IReadOnlyList<(DateTime At, TimeSpan Offset)> changes)
    {
        if (changes.All(c => c.Offset == TimeSpan.Zero))
            return null;
        if (changes.Count == 1)
            return Param(Micros(changes[0].Offset));
        var whens = string.Join(" ", changes.Skip(1).Select((c, i) => $"WHEN {tsExpr} < {Param(c.At)} THEN {Param(Micros(changes[i].Offset))}"));
        return $"(CASE {whens} ELSE {Param(Micros(changes[^1].Offset))} END)";
    }

    private static long Micros(TimeSpan t) => t.Ticks / 10;
}
