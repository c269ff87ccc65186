namespace Starboard.Core.Insights;

/// <summary>
/// Consecutive calendar periods (buckets) of one interval, as UTC boundaries: bucket i is
/// [<see cref="StartOf"/>(i), <see cref="StartOf"/>(i + 1)). Built in C# from the time zone's rules; SQL gives
/// each event its bucket index with <see cref="InsightSql.Bucket"/>, which computes the same boundaries.
/// </summary>
public sealed class PeriodGrid
{
    /// <summary>More buckets than this is almost surely a mistake (an hourly chart over years).</summary>
    public const int MaxBuckets = 20_000;

    private readonly DateTime[] _bounds;

    public PeriodGrid(InsightCalendar calendar, Interval interval, DateTime firstStart, int count)
    {
        Calendar = calendar;
        Interval = interval;
        _bounds = new DateTime[count + 1];
        _bounds[0] = firstStart;
        for (var i = 1; i <= count; i++)
            _bounds[i] = calendar.NextPeriodStart(interval, _bounds[i - 1]);
    }

    /// <summary>The periods from the one containing <paramref name="fromUtc"/> to the one containing <paramref name="toUtc"/>.</summary>
    public static PeriodGrid Covering(InsightCalendar calendar, Interval interval, DateTime fromUtc, DateTime toUtc, string field)
    {
        var first = calendar.PeriodStart(interval, fromUtc);
        var last = calendar.PeriodStart(interval, toUtc);
        var count = 1;
        for (var t = first; t < last; t = calendar.NextPeriodStart(interval, t))
            if (++count > MaxBuckets)
                throw new InsightQueryException(field, $"the range holds more than {MaxBuckets} {interval.ToString().ToLowerInvariant()}s; choose a longer interval or a shorter range");
        return new PeriodGrid(calendar, interval, first, count);
    }

    public InsightCalendar Calendar { get; }

    public Interval Interval { get; }

    public int Count => _bounds.Length - 1;

    public DateTime Start => _bounds[0];

    public DateTime End => _bounds[^1];

    public DateTime StartOf(int bucket) => _bounds[bucket];

    public string Label(int bucket) => Calendar.Label(Interval, _bounds[bucket]);

    public IReadOnlyList<string> Labels() => Enumerable.Range(0, Count).Select(Label).ToList();

    /// <summary>The bucket holding an instant, or -1 outside the grid.</summary>
    public int IndexOf(DateTime utc)
    {
        if (utc < Start || utc >= End)
            return -1;
        var i = Array.BinarySearch(_bounds, utc);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The same interval, starting <paramref name="before"/> periods earlier and ending where this one ends.</summary>
    public PeriodGrid Extended(int before) =>
        new(Calendar, Interval, Calendar.Step(Interval, Start, -before), Count + before);
}
