namespace Starboard.Core.Insights;

/// <summary>Calendar periods in the query's time zone: clock hours, local days, weeks from `week_start`, months.</summary>
public enum Interval { Hour, Day, Week, Month }

public enum FilterType { Event, Person }

public enum FilterOperator { Exact, IsNot, IContains, NotIContains, Gt, Lt, IsSet }

/// <summary>
/// One property filter. <see cref="Values"/> are the text forms the property is compared with (a list for
/// `exact` means any of them); <see cref="Number"/> is the bound of `gt` and `lt`.
/// </summary>
public sealed record PropertyFilter(FilterType Type, string Key, FilterOperator Operator, IReadOnlyList<string> Values, double? Number);

/// <summary>Which events count: one name (or any event when null) and property filters that must all hold.</summary>
public sealed record EventMatcher(string? Event, IReadOnlyList<PropertyFilter> Properties)
{
    public static readonly EventMatcher AnyEvent = new(null, []);
}

/// <summary>What every insight has: the range, the calendar and the filters applied to every event.</summary>
public abstract record InsightQuery
{
    public required string Kind { get; init; }

    public required DateValue DateFrom { get; init; }

    /// <summary>Null means `now`.</summary>
    public DateValue? DateTo { get; init; }

    /// <summary>The instant relative dates resolve against; null means the clock's current time.</summary>
    public DateTime? NowUtc { get; init; }

    public required InsightCalendar Calendar { get; init; }

    public IReadOnlyList<PropertyFilter> Filters { get; init; } = [];
}

public sealed record RetentionQuery : InsightQuery
{
    public Interval Period { get; init; } = Interval.Day;
    public int TotalIntervals { get; init; } = 8;
    public required EventMatcher Target { get; init; }
    public required EventMatcher Returning { get; init; }
    public bool FirstTime { get; init; }
    public bool Cumulative { get; init; }
    public int MinimumOccurrences { get; init; } = 1;
}

public enum CriteriaOperator { Gte, Lte, Exact }

/// <summary>A bucket counts for stickiness only when the person's matching events in it meet this.</summary>
public sealed record StickinessCriteria(CriteriaOperator Operator, int Value);

public sealed record StickinessQuery : InsightQuery
{
    public required EventMatcher Series { get; init; }
    public Interval Interval { get; init; } = Interval.Day;
    public int IntervalCount { get; init; } = 1;
    public bool Cumulative { get; init; }
    public StickinessCriteria? Criteria { get; init; }
    public bool Compare { get; init; }

    /// <summary>The shift of the compared range (`-1w`); null with <see cref="Compare"/> means the previous range of equal length.</summary>
    public RelativeShift? CompareTo { get; init; }
}

public sealed record LifecycleQuery : InsightQuery
{
    public required EventMatcher Series { get; init; }
    public Interval Interval { get; init; } = Interval.Day;
}

public enum ActiveUsersMath { Dau, WeeklyActive, MonthlyActive }

public sealed record Breakdown(FilterType Type, string Property);

public sealed record TrendsQuery : InsightQuery
{
    public required EventMatcher Series { get; init; }
    public ActiveUsersMath Math { get; init; } = ActiveUsersMath.Dau;
    public Interval Interval { get; init; } = Interval.Day;
    public bool Aggregate { get; init; }
    public Breakdown? Breakdown { get; init; }
}

/// <summary>An event (by name) that voids a funnel attempt between two of its steps.</summary>
public sealed record FunnelExclusion(string Event, int FromStep, int ToStep);

public sealed record FunnelQuery : InsightQuery
{
    public required IReadOnlyList<EventMatcher> Steps { get; init; }
    public TimeSpan ConversionWindow { get; init; } = TimeSpan.FromDays(14);
    public IReadOnlyList<FunnelExclusion> Exclusions { get; init; } = [];
}
