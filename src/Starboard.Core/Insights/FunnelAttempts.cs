namespace Starboard.Core.Insights;

/// <summary>One event of a person that a funnel cares about: which steps it matches and which exclusions it is.</summary>
internal readonly record struct FunnelEvent(DateTime Ts, uint Steps, uint Exclusions);

/// <summary>The attempt a person is counted by: the last step it reached and the time of each step up to it.</summary>
internal sealed record FunnelPath(int Reached, DateTime[] Times);

/// <summary>
/// Finds a person's attempt in a funnel. An attempt starts at a step-0 event inside the range and takes, for each
/// later step in order, the earliest matching event at or after the previous step's (never the same event
/// twice), while it lies within the conversion window from step 0 (a step exactly at the window's end counts).
/// An exclusion voids an attempt when its event happens after the attempt's from_step event and before its
/// to_step event, or, when the attempt never reached to_step, anywhere after the from_step event within the
/// window. Of the clean attempts, the one that reaches furthest counts (then the one that got there first, then
/// the one that started last, the shortest); no clean attempt means the person is in no step.
/// </summary>
internal static class FunnelAttempts
{
    /// <param name="events">The person's events in time order (ties in a fixed order).</param>
    public static FunnelPath? Best(IReadOnlyList<FunnelEvent> events, int steps, IReadOnlyList<FunnelExclusion> exclusions,
        TimeSpan window, DateTime rangeStart, DateTime rangeEnd)
    {
        var n = events.Count;
        // firstAt[i]: the first event at the same time as event i (later steps may be simultaneous).
        var firstAt = new int[n];
        for (var i = 0; i < n; i++)
            firstAt[i] = i > 0 && events[i].Ts == events[i - 1].Ts ? firstAt[i - 1] : i;
        // next[s][i]: the first event at or after position i that matches step s (n when none).
        var next = new int[steps][];
        for (var s = 1; s < steps; s++)
        {
            var column = next[s] = new int[n + 1];
            column[n] = n;
            for (var i = n - 1; i >= 0; i--)
                column[i] = (events[i].Steps & (1u << s)) != 0 ? i : column[i + 1];
        }
        var excluded = exclusions.Select((_, k) => events.Where(e => (e.Exclusions & (1u << k)) != 0).Select(e => e.Ts).ToArray()).ToArray();

        FunnelPath? best = null;
        var used = new int[steps];
        for (var start = 0; start < n; start++)
        {
            var first = events[start];
            if ((first.Steps & 1u) == 0 || first.Ts < rangeStart || first.Ts >= rangeEnd)
                continue;
            var times = new DateTime[steps];
            times[0] = first.Ts;
            used[0] = start;
            var reached = 0;
            for (var s = 1; s < steps; s++)
            {
                var j = next[s][firstAt[used[s - 1]]];
                while (j < n && Array.IndexOf(used, j, 0, s) >= 0)
                    j = next[s][j + 1];
                if (j >= n || events[j].Ts - first.Ts > window)
                    break;
                times[s] = events[j].Ts;
                used[s] = j;
                reached = s;
            }
            if (!IsClean(exclusions, excluded, times, reached, first.Ts + window))
                continue;
            if (best is null || reached > best.Reached
                || (reached == best.Reached && (times[reached] < best.Times[reached]
                    || (times[reached] == best.Times[reached] && times[0] > best.Times[0]))))
                best = new FunnelPath(reached, times);
        }
        return best;
    }

    private static bool IsClean(IReadOnlyList<FunnelExclusion> exclusions, DateTime[][] excluded, DateTime[] times, int reached, DateTime windowEnd)
    {
        for (var k = 0; k < exclusions.Count; k++)
        {
            var x = exclusions[k];
            if (reached < x.FromStep)
                continue;
            var after = times[x.FromStep];
            var found = reached >= x.ToStep
                ? AnyBetween(excluded[k], after, times[x.ToStep], includeEnd: false)
                : AnyBetween(excluded[k], after, windowEnd, includeEnd: true);
            if (found)
                return false;
        }
        return true;
    }

    /// <summary>Whether a sorted list holds a time after <paramref name="from"/> and before (or at) <paramref name="to"/>.</summary>
    private static bool AnyBetween(DateTime[] sorted, DateTime from, DateTime to, bool includeEnd)
    {
        var i = Array.BinarySearch(sorted, from);
        i = i < 0 ? ~i : i;
        while (i < sorted.Length && sorted[i] == from) i++;
        return i < sorted.Length && (sorted[i] < to || (includeEnd && sorted[i] == to));
    }
}
