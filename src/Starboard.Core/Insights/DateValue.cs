using System.Globalization;
using System.Text.RegularExpressions;
using Starboard.Core.Ingest;

namespace Starboard.Core.Insights;

/// <summary>
/// A `date_from`/`date_to`/`now` value as written in a query: an instant (with an offset), a local wall-clock
/// time (a date alone is local midnight), a relative value (`-3d`), or `all` (the earliest event).
/// </summary>
public abstract record DateValue
{
    public sealed record Instant(DateTime Utc) : DateValue;

    public sealed record Wall(DateTime Local) : DateValue;

    public sealed record Relative(RelativeShift Shift) : DateValue;

    public sealed record Earliest : DateValue;

    /// <summary>Parses a value; null when the text is none of the accepted forms.</summary>
    public static DateValue? TryParse(string text, bool allowAll)
    {
        if (allowAll && text == "all")
            return new Earliest();
        if (RelativeShift.TryParse(text) is { } shift)
            return new Relative(shift);
        if (Iso8601.TryParseDate(text, out var date))
            return new Wall(date.ToDateTime(TimeOnly.MinValue));
        if (Iso8601.TryParseTimestamp(text, out var utc, out var hadOffset))
            return hadOffset ? new Instant(utc) : new Wall(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified));
        return null;
    }

    /// <summary>
    /// The instant this value means. Relative values count back from <paramref name="nowUtc"/> and are rounded
    /// down to the start of their hour, or for days, weeks and months to local midnight.
    /// </summary>
    public DateTime Resolve(InsightCalendar calendar, DateTime nowUtc, Func<DateTime> earliest) => this switch
    {
        Instant i => i.Utc,
        Wall w => calendar.ToUtc(w.Local),
        Relative r when r.Shift.Unit == 'h' => calendar.PeriodStart(Interval.Hour, nowUtc.AddHours(-r.Shift.Count)),
        Relative r => calendar.ToUtc(r.Shift.ShiftWall(calendar.ToWall(nowUtc)).Date),
        Earliest => earliest(),
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}

/// <summary>`-Nh`, `-Nd`, `-Nw` or `-Nm`: N hours, days, weeks or calendar months back.</summary>
public sealed partial record RelativeShift(int Count, char Unit)
{
    public const string Forms = "-Nh, -Nd, -Nw or -Nm";

    [GeneratedRegex("^-([0-9]{1,6})([hdwm])$")]
    private static partial Regex Pattern();

    public static RelativeShift? TryParse(string text)
    {
        var m = Pattern().Match(text);
        return m.Success ? new RelativeShift(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value[0]) : null;
    }

    /// <summary>Moves a local wall-clock time back by this shift (calendar days and months, so DST keeps the clock time).</summary>
    public DateTime ShiftWall(DateTime wall) => Unit switch
    {
        'h' => wall.AddHours(-Count),
        'd' => wall.AddDays(-Count),
        'w' => wall.AddDays(-7 * Count),
        'm' => wall.AddMonths(-Count),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>Moves an instant back: hours in elapsed time, days, weeks and months on the local calendar.</summary>
    public DateTime ShiftInstant(InsightCalendar calendar, DateTime utc) =>
        Unit == 'h' ? utc.AddHours(-Count) : calendar.ToUtc(ShiftWall(calendar.ToWall(utc)));

    public override string ToString() => $"-{Count}{Unit}";
}
