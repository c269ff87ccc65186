using System.Globalization;

namespace Starboard.Core.Run;

/// <summary>The rows of `dim_date` and `dim_time`: computed here once, identical on every engine.</summary>
public static class Calendar
{
    public static readonly DateOnly First = new(2015, 1, 1);
    public static readonly DateOnly Last = new(2035, 12, 31);

    public static IEnumerable<object?[]> DateRows(int fiscalYearStartMonth)
    {
        for (var d = First; d <= Last; d = d.AddDays(1))
        {
            var dt = d.ToDateTime(TimeOnly.MinValue);
            var isoDow = d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek;
            var quarter = (d.Month - 1) / 3 + 1;
            var (fiscalYear, fiscalMonth) = Fiscal(d, fiscalYearStartMonth);
            var holiday = Holidays.NameOf(d);
            var monthEnd = d.Day == DateTime.DaysInMonth(d.Year, d.Month);
            var weekStart = d.AddDays(1 - isoDow);
            yield return
            [
                DateKeys.Of(d), d, d.Day, isoDow, d.DayOfWeek.ToString(), d.DayOfYear,
                ISOWeek.GetWeekOfYear(dt), ISOWeek.GetYear(dt), DateKeys.Of(weekStart), weekStart,
                d.Month, CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month), $"{d.Year}-{d.Month:00}",
                quarter, $"{d.Year}-Q{quarter}", d.Year,
                fiscalMonth, (fiscalMonth - 1) / 3 + 1, fiscalYear,
                isoDow >= 6, holiday is not null, holiday,
                d.Day == 1, monthEnd, d.Day == 1 && (d.Month - 1) % 3 == 0, monthEnd && d.Month % 3 == 0,
                d.DayOfYear == 1, d.Month == 12 && d.Day == 31,
            ];
        }
    }

    /// <summary>
    /// Fiscal year and month for a start month: the fiscal year is named for the calendar year it ends in, so
    /// with a start in October, 2025-10-01 is month 1 of fiscal 2026. A January start is the calendar year.
    /// </summary>
    public static (int Year, int Month) Fiscal(DateOnly d, int startMonth)
    {
        var month = (d.Month - startMonth + 12) % 12 + 1;
        var year = startMonth == 1 || d.Month < startMonth ? d.Year : d.Year + 1;
        return (year, month);
    }

    public static IEnumerable<object?[]> TimeRows()
    {
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var hour = minute / 60;
            var part = hour switch { < 6 => "night", < 12 => "morning", < 18 => "afternoon", _ => "evening" };
            yield return [hour * 100 + minute % 60, minute, hour, minute % 60, $"{hour:00}:{minute % 60:00}", part, hour is >= 9 and < 18];
        }
    }
}

/// <summary>US federal holidays (observed dates are not shifted), the default holiday calendar.</summary>
public static class Holidays
{
    public static string? NameOf(DateOnly d) => (d.Month, d.Day) switch
    {
        (1, 1) => "New Year's Day",
        (6, 19) when d.Year >= 2021 => "Juneteenth",
        (7, 4) => "Independence Day",
        (11, 11) => "Veterans Day",
        (12, 25) => "Christmas Day",
        _ when d == Nth(d.Year, 1, DayOfWeek.Monday, 3) => "Martin Luther King Jr. Day",
        _ when d == Nth(d.Year, 2, DayOfWeek.Monday, 3) => "Presidents' Day",
        _ when d == Last(d.Year, 5, DayOfWeek.Monday) => "Memorial Day",
        _ when d == Nth(d.Year, 9, DayOfWeek.Monday, 1) => "Labor Day",
        _ when d == Nth(d.Year, 10, DayOfWeek.Monday, 2) => "Columbus Day",
        _ when d == Nth(d.Year, 11, DayOfWeek.Thursday, 4) => "Thanksgiving Day",
        _ => null,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }
}
