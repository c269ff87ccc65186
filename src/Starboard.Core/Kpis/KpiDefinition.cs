namespace Starboard.Core.Kpis;

public enum MeasureKind
{
    /// <summary>An additive amount per day (revenue, sessions): rows of date_key, user_id, value.</summary>
    Sum,

    /// <summary>A set of users per day (active users, payers): rows of date_key, user_id; counted distinct over any span.</summary>
    Users,
}

public enum Attribution
{
    /// <summary>Rows carry user_id; the user's version of the day puts them under platform, country, channel and plan.</summary>
    User,

    /// <summary>Rows carry entity_type and entity_value themselves (campaigns, features), the ALL row included.</summary>
    Explicit,
}

/// <summary>A named daily series that KPIs are built from (MetricFlow's measure).</summary>
public sealed record MeasureDefinition(string Name, MeasureKind Kind, Attribution Attribution, string Description, string Sql);

public enum Rollup
{
    /// <summary>Sum of the days of the span.</summary>
    Sum,

    /// <summary>Summed (or, for a users measure, distinct-counted) numerator over summed or distinct denominator.</summary>
    Ratio,

    /// <summary>Users counted once over the whole span.</summary>
    Distinct,

    /// <summary>Mean of the daily values over the span's days inside the data.</summary>
    Average,

    /// <summary>The value on the span's last day (point-in-time KPIs).</summary>
    Last,
}

/// <summary>
/// One side of a KPI: a measure or another KPI's daily value. A users measure with trailing_days counts the users
/// of the trailing days ending on each day; min_days/max_days keep only users with that many of their days in
/// it, and min_avg_value (a number or a setting such as power_actions_per_day) only those whose value per day
/// averages at least that.
/// </summary>
public sealed record KpiTerm(string? Measure, string? Kpi, bool PerDay, bool AllEntity, int? TrailingDays,
    int? MinDays = null, int? MaxDays = null, string? MinAvgValue = null)
{
    public bool HasThresholds => MinDays is not null || MaxDays is not null || MinAvgValue is not null;
}

/// <summary>An entry of the KPI catalog (`dim_kpi`): what it means, how it is computed, how it rolls up.</summary>
public sealed record KpiDefinition
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required int Group { get; init; }
    public required int Rank { get; init; }
    public required string Unit { get; init; }
    public required string Format { get; init; }
    public required bool HigherIsBetter { get; init; }
    public required string Definition { get; init; }
    public required string Formula { get; init; }
    public required Rollup Rollup { get; init; }
    public required string Visualization { get; init; }
    public required string Rationale { get; init; }
    public required IReadOnlyList<string> Breakdowns { get; init; }

    /// <summary>The daily value (sum, distinct, average and last KPIs) or the numerator (ratios).</summary>
    public KpiTerm? Value { get; init; }

    public KpiTerm? Denominator { get; init; }

    /// <summary>Custom SQL for what terms cannot say: rows of date_key, entity_key, value, numerator, denominator.</summary>
    public string? Sql { get; init; }

    public static readonly IReadOnlyList<string> GroupNames =
        ["Financial performance", "Engagement and retention", "Content interaction", "Growth and marketing"];

    public string GroupName => GroupNames[Group - 1];
}
