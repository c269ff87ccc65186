namespace Starboard.IntegrationTests.Oracle;

/// <summary>
/// The days each user is in a set (active, paying, using a feature), per entity, as sorted day numbers: distinct
/// users over any span is a binary search per user.
/// </summary>
public sealed class UserDays
{
    private readonly Dictionary<(string Type, string Value), Dictionary<string, List<int>>> _days = [];
    private readonly Dictionary<(int Day, string Type, string Value), int> _daily = [];

    public void Add(string type, string value, string user, DateOnly day)
    {
        if (!_days.TryGetValue((type, value), out var users)) _days[(type, value)] = users = new(StringComparer.Ordinal);
        if (!users.TryGetValue(user, out var list)) users[user] = list = [];
        var n = day.DayNumber;
        var at = list.BinarySearch(n);
        if (at >= 0) return;
        list.Insert(~at, n);
        _daily[(n, type, value)] = _daily.GetValueOrDefault((n, type, value)) + 1;
    }

    public IEnumerable<(string Type, string Value)> Entities => _days.Keys;

    public IReadOnlyDictionary<string, List<int>> Users(string type, string value) =>
        _days.TryGetValue((type, value), out var users) ? users : new Dictionary<string, List<int>>();

    public int OnDay(string type, string value, DateOnly day) => _daily.GetValueOrDefault((day.DayNumber, type, value));

    public bool Has(string type, string value, string user, DateOnly day) =>
        _days.TryGetValue((type, value), out var users) && users.TryGetValue(user, out var list) && list.BinarySearch(day.DayNumber) >= 0;

    /// <summary>Users with at least one day in [from, to].</summary>
    public int Distinct(string type, string value, DateOnly from, DateOnly to)
    {
        if (!_days.TryGetValue((type, value), out var users)) return 0;
        var count = 0;
        foreach (var list in users.Values)
            if (Any(list, from.DayNumber, to.DayNumber)) count++;
        return count;
    }

    public static bool Any(List<int> days, int from, int to)
    {
        var at = days.BinarySearch(from);
        if (at < 0) at = ~at;
        return at < days.Count && days[at] <= to;
    }

    public static int CountIn(List<int> days, int from, int to)
    {
        var a = days.BinarySearch(from);
        if (a < 0) a = ~a;
        var b = days.BinarySearch(to + 1);
        if (b < 0) b = ~b;
        return b - a;
    }
}
