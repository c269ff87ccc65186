namespace Starboard.IntegrationTests.Oracle;

/// <summary>One KPI over one window as of one day, as the oracle computes it.</summary>
public sealed record ReferenceWindowValue(string Kpi, DateOnly AsOf, string Window, string EntityType, string EntityValue, decimal? Numerator, decimal? Denominator, double? Value);

/// <summary>
/// The dashboard windows of SPEC section 5 worked out from the daily values and the users' days, with the
/// rollup rules written out per KPI from the SPEC's table (not read from the catalog): sums of days, ratios of
/// summed or distinct terms, distinct users over the whole window, averages over the window's days inside the
/// data, the value on the window's last day. Windows are computed here from the calendar, independently of
/// KpiWindows.
/// </summary>
public sealed class ReferenceWindows(ReferenceKpis kpis, Dictionary<(string Kpi, DateOnly Day, string Type, string Value), ReferenceValue> daily, int fiscalStartMonth)
{
    public static readonly string[] Windows = ["day", "mtd", "qtd", "ytd", "fqtd", "fytd", "l7", "l28", "l90"];

    private static readonly HashSet<string> Sums = ["revenue_gross", "refunds", "revenue_net", "new_paying_users", "new_users", "sessions",
        "core_actions", "content_created", "new_users_paid", "orders", "ad_spend"];
    private static readonly HashSet<string> Lasts = ["wau", "mau", "churn_rate_30d", "tier_casual_users", "tier_regular_users",
        "tier_core_users", "tier_power_users", "ltv", "ltv_cac", "mrr"];

    /// <summary>The first and last day of a window as of a day; null for fiscal windows when the fiscal year starts in January.</summary>
    public (DateOnly From, DateOnly To)? Span(string window, DateOnly asOf)
    {
        DateOnly PeriodStart(int months, int anchor)
        {
            var d = new DateOnly(asOf.Year, asOf.Month, 1);
            while ((d.Month - anchor + 12) % months != 0) d = d.AddMonths(-1);
            return d;
        }
        return window switch
        {
            "day" => (asOf, asOf),
            "l7" => (asOf.AddDays(-6), asOf),
            "l28" => (asOf.AddDays(-27), asOf),
            "l90" => (asOf.AddDays(-89), asOf),
            "mtd" => (new DateOnly(asOf.Year, asOf.Month, 1), asOf),
            "qtd" => (PeriodStart(3, 1), asOf),
            "ytd" => (new DateOnly(asOf.Year, 1, 1), asOf),
            "fqtd" when fiscalStartMonth != 1 => (PeriodStart(3, fiscalStartMonth), asOf),
            "fytd" when fiscalStartMonth != 1 => (PeriodStart(12, fiscalStartMonth), asOf),
            _ => null,
        };
    }

    /// <summary>The same window one calendar year earlier: as of the same month and day, 29 February as 28 February.</summary>
    public static DateOnly PriorYear(DateOnly asOf) =>
        asOf is { Month: 2, Day: 29 } ? new DateOnly(asOf.Year - 1, 2, 28) : new DateOnly(asOf.Year - 1, asOf.Month, asOf.Day);

    /// <summary>The as-of day of the previous window of the same length.</summary>
    public DateOnly Previous(string window, DateOnly asOf)
    {
        switch (window)
        {
            case "day": return asOf.AddDays(-1);
            case "l7": return asOf.AddDays(-7);
            case "l28": return asOf.AddDays(-28);
            case "l90": return asOf.AddDays(-90);
        }
        var (from, _) = Span(window, asOf)!.Value;
        var months = window switch { "mtd" => 1, "qtd" or "fqtd" => 3, _ => 12 };
        var previousFrom = from.AddMonths(-months);
        var day = previousFrom.AddDays(asOf.DayNumber - from.DayNumber);
        return day >= from ? from.AddDays(-1) : day;
    }

    /// <summary>A KPI over a window as of a day for an entity; null when the window has no day inside the data.</summary>
    public ReferenceWindowValue? Value(string kpi, string window, DateOnly asOf, (string Type, string Value) e)
    {
        if (Span(window, asOf) is not { } span || asOf < kpis.Range.First || asOf > kpis.Range.Last) return null;
        var from = span.From < kpis.Range.First ? kpis.Range.First : span.From;
        var days = Enumerable.Range(0, asOf.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i)).ToList();
        ReferenceValue? On(DateOnly d) => daily.GetValueOrDefault((kpi, d, e.Type, e.Value));
        decimal SumNum() => days.Sum(d => On(d)?.Numerator ?? 0);
        decimal SumDen() => days.Sum(d => On(d)?.Denominator ?? 0);
        ReferenceWindowValue Make(decimal? n, decimal? q, double? v) => new(kpi, asOf, window, e.Type, e.Value, n, q, v);
        ReferenceWindowValue Ratio(decimal n, decimal q) => Make(n, q, q == 0 ? null : (double)n / (double)q);
        decimal Distinct(UserDays set, (string, string) entity) => set.Distinct(entity.Item1, entity.Item2, from, asOf);
        if (Sums.Contains(kpi)) return Make(SumNum(), null, (double)SumNum());
        if (Lasts.Contains(kpi)) return On(asOf) is { } last ? Make(last.Numerator, last.Denominator, last.Value) : Make(0, null, 0);
        return kpi switch
        {
            "dau" => Make(SumNum(), days.Count, (double)SumNum() / days.Count),
            "paying_users" => Make(Distinct(kpis.Payers, e), null, (double)Distinct(kpis.Payers, e)),
            "arpu" => Ratio(SumNum(), Distinct(kpis.Active, e)),
            "arppu" => Ratio(SumNum(), Distinct(kpis.Payers, e)),
            "conversion_rate" => Ratio(Distinct(kpis.Payers, e), Distinct(kpis.Active, e)),
            "feature_adoption" => Ratio(Distinct(kpis.FeatureUsers, e), Distinct(kpis.Active, ("all", "ALL"))),
            _ => Ratio(SumNum(), SumDen()),
        };
    }
}
