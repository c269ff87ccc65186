using System.Globalization;

namespace Starboard.Core.Insights;

/// <summary>
/// Calendar periods in one IANA time zone, as UTC instants. A day is local midnight to local midnight (23 or 25
/// hours across a daylight-saving change), a week starts on <see cref="WeekStart"/>, a month on its first day, and
/// an hour is a clock hour: every instant at which the local clock reads HH:00 starts one (so the day the clocks
/// go back has 25 of them, each labelled with its offset). SQL computes the same buckets from the offset in
/// force at each event (<see cref="Transitions"/>), so the two always agree.
/// </summary>
public sealed class InsightCalendar
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public InsightCalendar(TimeZoneInfo zone, DayOfWeek weekStart)
    {
        Zone = zone;
        WeekStart = weekStart;
    }

    public static InsightCalendar Utc { get; } = new(TimeZoneInfo.Utc, DayOfWeek.Sunday);

    public TimeZoneInfo Zone { get; }

    public DayOfWeek WeekStart { get; }

    /// <summary>An IANA zone by name, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? FindZone(string id) =>
        id.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public TimeSpan OffsetAt(DateTime utc) => Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The local wall-clock time of a UTC instant.</summary>
    public DateTime ToWall(DateTime utc) => DateTime.SpecifyKind(utc + OffsetAt(utc), DateTimeKind.Unspecified);

    /// <summary>
    /// The instant of a local wall-clock time. A time the clocks skip (spring forward) is read with the offset
    /// before the change, so a period that starts in the gap starts when the gap ends; a time that happens twice
    /// (fall back) is its first occurrence.
    /// </summary>
    public DateTime ToUtc(DateTime wall)
    {
        var asUtc = DateTime.SpecifyKind(wall, DateTimeKind.Utc);
        var candidates = new[] { OffsetAt(asUtc.AddDays(-1)), OffsetAt(asUtc), OffsetAt(asUtc.AddDays(1)) }
            .Distinct().Select(o => asUtc - o).ToList();
        var valid = candidates.Where(u => u + OffsetAt(u) == asUtc).ToList();
        return valid.Count > 0 ? valid.Min() : candidates.Max();
    }

    /// <summary>The start (UTC) of the period that contains an instant.</summary>
    public DateTime PeriodStart(Interval interval, DateTime utc)
    {
        switch (interval)
        {
            case Interval.Hour:
                var sub = SubHourOffset(utc);
                var ticks = (utc + sub).Ticks;
                return new DateTime(ticks - ticks % Hour.Ticks, DateTimeKind.Utc) - sub;
            case Interval.Day:
                return ToUtc(ToWall(utc).Date);
            case Interval.Week:
                var day = ToWall(utc).Date;
                return ToUtc(day.AddDays(-(((int)day.DayOfWeek - (int)WeekStart + 7) % 7)));
            case Interval.Month:
                var d = ToWall(utc);
                return ToUtc(new DateTime(d.Year, d.Month, 1));
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    /// <summary>The start of the period after the one starting at <paramref name="periodStart"/>.</summary>
    public DateTime NextPeriodStart(Interval interval, DateTime periodStart)
    {
        var next = interval switch
        {
            Interval.Hour => PeriodStart(Interval.Hour, periodStart + Hour),
            Interval.Day => ToUtc(ToWall(periodStart).Date.AddDays(1)),
            Interval.Week => ToUtc(ToWall(periodStart).Date.AddDays(7)),
            Interval.Month => ToUtc(FirstOfMonth(ToWall(periodStart)).AddMonths(1)),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
        return next > periodStart ? next : periodStart + Hour;
    }

    /// <summary>The start of the period <paramref name="count"/> periods before (negative) or after the given one.</summary>
    public DateTime Step(Interval interval, DateTime periodStart, int count)
    {
        if (count >= 0)
        {
            for (var i = 0; i < count; i++) periodStart = NextPeriodStart(interval, periodStart);
            return periodStart;
        }
        var wall = ToWall(periodStart);
        return interval switch
        {
            Interval.Hour => PeriodStart(Interval.Hour, periodStart + count * Hour),
            Interval.Day => ToUtc(wall.Date.AddDays(count)),
            Interval.Week => ToUtc(wall.Date.AddDays(7 * count)),
            Interval.Month => ToUtc(FirstOfMonth(wall).AddMonths(count)),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    /// <summary>How a period is named in results: its local date, or for hours its local time with the offset.</summary>
    public string Label(Interval interval, DateTime periodStart)
    {
        var wall = ToWall(periodStart);
        if (interval != Interval.Hour)
            return wall.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var offset = OffsetAt(periodStart);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return wall.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The offset in force from <paramref name="fromUtc"/> on, then each change up to <paramref name="toUtc"/>
    /// (to the second), as (instant, offset from then on). SQL turns this into a CASE on the event time.
    /// </summary>
    public IReadOnlyList<(DateTime At, TimeSpan Offset)> Transitions(DateTime fromUtc, DateTime toUtc)
    {
        var result = new List<(DateTime, TimeSpan)> { (fromUtc, OffsetAt(fromUtc)) };
        var step = TimeSpan.FromHours(12);
        for (var t = fromUtc; t < toUtc; t += step)
        {
            var end = t + step;
            if (OffsetAt(end) == result[^1].Item2)
                continue;
            // The change lies in (t, end]: find its first second.
            DateTime lo = t, hi = end;
            while (hi - lo > TimeSpan.FromSeconds(1))
            {
                var mid = lo + (hi - lo) / 2;
                mid = new DateTime(mid.Ticks - mid.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
                if (mid <= lo) break;
                if (OffsetAt(mid) == result[^1].Item2) lo = mid; else hi = mid;
            }
            result.Add((hi, OffsetAt(hi)));
        }
        return result;
    }

    /// <summary>The part of the offset below a whole hour (+05:30 → 30 minutes), which shifts where clock hours start.</summary>
    public TimeSpan SubHourOffset(DateTime utc)
    {
        var ticks = OffsetAt(utc).Ticks % Hour.Ticks;
        return TimeSpan.FromTicks(ticks < 0 ? ticks + Hour.Ticks : ticks);
    }

    private static DateTime FirstOfMonth(DateTime wall) => new(wall.Year, wall.Month, 1);
}
