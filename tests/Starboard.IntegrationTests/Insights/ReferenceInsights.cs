using Starboard.Core.Engine;
using Starboard.Core.Insights;

namespace Starboard.IntegrationTests.Insights;

/// <summary>
/// The insights computed the slow, obvious way in C#, straight from the definitions in the issue, over the staged
/// events (ids already merged through aliases). Periods come from <see cref="PeriodGrid"/>, which is unit-tested
/// on its own; everything else (buckets of events, windows, counting) is done here independently of the SQL.
/// </summary>
internal sealed class ReferenceInsights
{
    public sealed record Ev(string Id, string Person, string Name, DateTime Ts);

    private readonly List<Ev> _events;
    private readonly Dictionary<string, DateTime> _created;

    public ReferenceInsights(Warehouse warehouse)
    {
        _events = warehouse.Query<(string Id, string Person, string Name, DateTime Ts)>(
                "SELECT event_id, user_id, name, ts FROM stg_events", "reading events")
            .Select(r => new Ev(r.Id, r.Person, r.Name, DateTime.SpecifyKind(r.Ts, DateTimeKind.Utc)))
            .OrderBy(e => e.Person, StringComparer.Ordinal).ThenBy(e => e.Ts).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var created = warehouse.Query<(string Person, DateTime Updated, DateTime Created)>(
            "SELECT user_id, updated_at, created_at FROM stg_users", "reading users");
        _created = _events.GroupBy(e => e.Person).ToDictionary(g => g.Key, g => g.Min(e => e.Ts));
        foreach (var u in created.GroupBy(u => u.Person))
            _created[u.Key] = DateTime.SpecifyKind(u.OrderByDescending(v => v.Updated).First().Created, DateTimeKind.Utc);
    }

    private IEnumerable<IGrouping<string, Ev>> ByPerson(Func<Ev, bool> keep) => _events.Where(keep).GroupBy(e => e.Person);

    public long[][] Retention(PeriodGrid grid, string target, string returning, bool firstTime, bool cumulative, int minimum)
    {
        var n = grid.Count;
        var values = Enumerable.Range(0, n).Select(_ => new long[n]).ToArray();
        foreach (var person in _events.GroupBy(e => e.Person))
        {
            var cohorts = firstTime
                ? person.Where(e => e.Name == target).Select(e => e.Ts).DefaultIfEmpty(DateTime.MaxValue).Min() is var first && first != DateTime.MaxValue
                    ? new[] { grid.IndexOf(first) }.Where(b => b >= 0).ToHashSet() : []
                : person.Where(e => e.Name == target).Select(e => grid.IndexOf(e.Ts)).Where(b => b >= 0).ToHashSet();
            var back = person.Where(e => e.Name == returning).Select(e => grid.IndexOf(e.Ts)).Where(b => b >= 0)
                .GroupBy(b => b).Where(g => g.Count() >= minimum).Select(g => g.Key).ToHashSet();
            foreach (var c in cohorts)
            {
                values[c][0]++;
                for (var k = 1; c + k < n; k++)
                    if (cumulative ? back.Any(b => b >= c + k) : back.Contains(c + k))
                        values[c][k]++;
            }
        }
        return values;
    }

    public (long[] Data, long Count) Stickiness(PeriodGrid grid, string name, int blockSize)
    {
        var blocks = (grid.Count + blockSize - 1) / blockSize;
        var data = new long[blocks];
        long count = 0;
        foreach (var person in ByPerson(e => e.Name == name))
        {
            var active = person.Select(e => grid.IndexOf(e.Ts)).Where(b => b >= 0).Select(b => b / blockSize).Distinct().Count();
            if (active == 0) continue;
            data[active - 1]++;
            count++;
        }
        return (data, count);
    }

    public long[][] Lifecycle(PeriodGrid grid, string? name)
    {
        var t = grid.Count;
        var result = Enumerable.Range(0, 4).Select(_ => new long[t]).ToArray();
        var before = grid.Calendar.Step(grid.Interval, grid.Start, -1);
        int Bucket(DateTime ts) => ts >= before && ts < grid.Start ? -1 : grid.IndexOf(ts) is >= 0 and var b ? b : int.MinValue;
        foreach (var person in ByPerson(e => name is null || e.Name == name))
        {
            var active = person.Select(e => Bucket(e.Ts)).Where(b => b != int.MinValue).ToHashSet();
            var born = grid.IndexOf(_created[person.Key]);
            for (var b = 0; b < t; b++)
            {
                if (active.Contains(b))
                {
                    if (born == b) result[0][b]++;
                    else if (active.Contains(b - 1)) result[1][b]++;
                    else result[2][b]++;
                }
                else if (active.Contains(b - 1))
                    result[3][b]--;
            }
        }
        return result;
    }

    /// <summary>Distinct persons with a matching event in each bucket's window (the bucket itself for DAU).</summary>
    public long[] ActiveUsers(PeriodGrid grid, string? name, int windowDays)
    {
        var calendar = grid.Calendar;
        var data = new long[grid.Count];
        for (var b = 0; b < grid.Count; b++)
        {
            var end = grid.StartOf(b + 1);
            var start = windowDays == 0 || grid.Interval is Interval.Week or Interval.Month ? grid.StartOf(b)
                : grid.Interval == Interval.Day ? calendar.ToUtc(calendar.ToWall(grid.StartOf(b)).Date.AddDays(-(windowDays - 1)))
                : calendar.ToUtc(calendar.ToWall(end).AddDays(-windowDays));
            data[b] = _events.Where(e => (name is null || e.Name == name) && e.Ts >= start && e.Ts < end).Select(e => e.Person).Distinct().Count();
        }
        return data;
    }

    /// <summary>Persons per step, by trying every start and every way forward the obvious way.</summary>
    public long[] Funnel(PeriodGrid range, string[] steps, TimeSpan window, (string Event, int From, int To)[] exclusions)
    {
        var counts = new long[steps.Length];
        foreach (var person in ByPerson(_ => true))
        {
            var events = person.ToList();
            var best = -1;
            for (var s0 = 0; s0 < events.Count; s0++)
            {
                if (events[s0].Name != steps[0] || events[s0].Ts < range.Start || events[s0].Ts >= range.End) continue;
                var chosen = new List<Ev> { events[s0] };
                for (var s = 1; s < steps.Length; s++)
                {
                    var next = events.Where(e => e.Name == steps[s] && e.Ts >= chosen[^1].Ts && !chosen.Contains(e) && e.Ts - events[s0].Ts <= window)
                        .OrderBy(e => e.Ts).FirstOrDefault();
                    if (next is null) break;
                    chosen.Add(next);
                }
                var reached = chosen.Count - 1;
                var voided = exclusions.Any(x => reached >= x.From && events.Any(e => e.Name == x.Event && e.Ts > chosen[x.From].Ts &&
                    (reached >= x.To ? e.Ts < chosen[x.To].Ts : e.Ts <= events[s0].Ts + window)));
                if (!voided) best = Math.Max(best, reached);
            }
            for (var s = 0; s <= best; s++) counts[s]++;
        }
        return counts;
    }
}
