using Starboard.Core.Run;

namespace Starboard.Core.Kpis;

/// <summary>One dashboard window as of a day: its span, and the as-of days whose same window is its comparison.</summary>
public sealed record KpiWindowSpan(string Window, DateOnly AsOf, DateOnly Start, DateOnly PriorYearAsOf, DateOnly PreviousAsOf);

/// <summary>
/// The windows of `agg_kpi_dashboard` (SPEC section 5), computed once in C# and loaded as the `kpi_window` seed,
/// so every engine uses the same calendar arithmetic. Every window ends on its as-of day, so a window's prior-year
/// value is the same window as of one calendar year earlier (29 February maps to 28 February), and its previous
/// value is the same window as of an earlier day: the day before, 7, 28 or 90 days before, or, for a to-date
/// window, the day of the previous month, quarter or year with the same number of days from its start, clipped to
/// that period's end.
/// </summary>
public static class KpiWindows
{
    public static readonly IReadOnlyList<string> Calendar = ["day", "mtd", "qtd", "ytd"];
    public static readonly IReadOnlyList<string> Fiscal = ["fqtd", "fytd"];
    public static readonly IReadOnlyList<string> Trailing = ["l7", "l28", "l90"];

    /// <summary>Every window code in column order.</summary>
    public static readonly IReadOnlyList<string> All = [.. Calendar, .. Fiscal, .. Trailing];

    /// <summary>The windows computed for a fiscal start month: fiscal ones only when the fiscal year does not start in January.</summary>
    public static IReadOnlyList<string> Active(int fiscalYearStartMonth) =>
        fiscalYearStartMonth == 1 ? [.. Calendar, .. Trailing] : All;

    public static bool IsToDate(string window) => window is "mtd" or "qtd" or "ytd" or "fqtd" or "fytd";

    public static KpiWindowSpan Of(string window, DateOnly asOf, int fiscalYearStartMonth)
    {
        var prior = asOf.AddYears(-1);
        switch (window)
        {
            case "day": return new(window, asOf, asOf, prior, asOf.AddDays(-1));
            case "l7": return new(window, asOf, asOf.AddDays(-6), prior, asOf.AddDays(-7));
            case "l28": return new(window, asOf, asOf.AddDays(-27), prior, asOf.AddDays(-28));
            case "l90": return new(window, asOf, asOf.AddDays(-89), prior, asOf.AddDays(-90));
        }
        var months = window switch
        {
            "mtd" => 1,
            "qtd" or "fqtd" => 3,
            "ytd" or "fytd" => 12,
            _ => throw new ArgumentOutOfRangeException(nameof(window), window, "unknown window"),
        };
        var anchor = window.StartsWith('f') ? fiscalYearStartMonth : 1;
        var start = PeriodStart(asOf, months, anchor);
        var previousStart = start.AddMonths(-months);
        var previous = previousStart.AddDays(asOf.DayNumber - start.DayNumber);
        var previousEnd = start.AddDays(-1);
        return new(window, asOf, start, prior, previous > previousEnd ? previousEnd : previous);
    }

    /// <summary>The first day of the period of `months` months (1, 3 or 12) containing d, periods counted from `anchorMonth`.</summary>
    public static DateOnly PeriodStart(DateOnly d, int months, int anchorMonth)
    {
        var sinceAnchor = ((d.Month - anchorMonth) % 12 + 12) % 12;
        var first = new DateOnly(d.Year, d.Month, 1);
        return first.AddMonths(-(sinceAnchor % months));
    }

    /// <summary>Rows of the `kpi_window` seed, in its column order, for every day of the calendar.</summary>
    public static IEnumerable<object?[]> Rows(int fiscalYearStartMonth)
    {
        var windows = Active(fiscalYearStartMonth);
        for (var d = Run.Calendar.First; d <= Run.Calendar.Last; d = d.AddDays(1))
            foreach (var w in windows)
            {
                var s = Of(w, d, fiscalYearStartMonth);
                yield return
                [
                    DateKeys.Of(d), w, DateKeys.Of(s.Start), DayNumber(s.Start), DayNumber(d),
                    DateKeys.Of(s.PriorYearAsOf), DateKeys.Of(s.PreviousAsOf),
                ];
            }
    }

    /// <summary>Days since 1970-01-01, the day arithmetic every model uses (days_between('1970-01-01', d)).</summary>
    public static int DayNumber(DateOnly d) => d.DayNumber - Epoch;

    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;
}
