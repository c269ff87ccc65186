namespace Starboard.IntegrationTests.Oracle;

/// <summary>One KPI value on one day for one entity, as the oracle computes it.</summary>
public sealed record ReferenceValue(string Kpi, DateOnly Day, string EntityType, string EntityValue, decimal? Numerator, decimal? Denominator, double? Value);

/// <summary>
/// The daily KPIs of the catalog computed straight from <see cref="ReferenceApp"/> with LINQ: for the whole and
/// for each member of platform, country, channel and plan (the user's version of the day; unknown for a missing
/// attribute or an unknown user).
/// </summary>
public sealed class ReferenceKpis(ReferenceApp app)
{
    public static readonly string[] Breakdowns = ["platform", "country", "channel", "plan"];

    /// <summary>The days the data covers: users' signups, sessions, events, payments, refunds.</summary>
    public (DateOnly First, DateOnly Last) Range()
    {
        var days = app.Versions.Keys.Select(app.SignupDay)
            .Concat(app.SessionRecords.Select(s => app.Day(s.StartedAt)))
            .Concat(app.Events.Select(e => app.Day(e.Ts)))
            .Concat(app.Payments.Select(p => app.Day(p.Ts)))
            .Concat(app.Refunds.Select(r => app.Day(r.Ts)))
            // and, as SPEC section 5 lists them, orders, subscription actions, errors and ad spend (its date as reported)
            .Concat(app.Orders.Select(o => app.Day(o.Ts)))
            .Concat(app.Subscriptions.Select(s => app.Day(s.Ts)))
            .Concat(app.Errors.Select(e => app.Day(e.Ts)))
            .Concat(app.AdSpend.Select(a => a.Date))
            .ToList();
        return (days.Min(), days.Max());
    }

    /// <summary>The members a user-attributed row falls under on a day, the whole first.</summary>
    public IEnumerable<(string Type, string Value)> Entities(string userId, DateOnly day)
    {
        var v = app.VersionOn(userId, day);
        yield return ("all", "ALL");
        yield return ("platform", v?.Platform ?? "unknown");
        yield return ("country", v?.Country ?? "unknown");
        yield return ("channel", v?.Channel ?? "unknown");
        yield return ("plan", v?.Plan ?? "unknown");
    }

    /// <summary>A(d) per entity: users with a core action or a succeeded payment.</summary>
    public Dictionary<(DateOnly, string, string), HashSet<string>> ActiveUsers() => UserSets(
        app.Events.Where(e => app.IsCore(e.Name)).Select(e => (app.Day(e.Ts), e.UserId))
            .Concat(app.Payments.Where(p => p.Status == "succeeded").Select(p => (app.Day(p.Ts), p.UserId))));

    public Dictionary<(DateOnly, string, string), HashSet<string>> Payers() =>
        UserSets(app.Payments.Where(p => p.Status == "succeeded").Select(p => (app.Day(p.Ts), p.UserId)));

    public Dictionary<(DateOnly, string, string), decimal> RevenueGross() => Sums(
        app.Payments.Where(p => p.Status == "succeeded")
            .Select(p => (app.Day(p.Ts), p.UserId, app.ToReporting(p.Amount, p.Currency, app.Day(p.Ts)))));

    public Dictionary<(DateOnly, string, string), decimal> Refunds() => Sums(
        app.Refunds.Select(r => (app.Day(r.Ts), r.UserId, app.ToReporting(r.Amount, r.Currency, app.Day(r.Ts)))));

    public Dictionary<(DateOnly, string, string), decimal> NewUsers() =>
        Sums(app.Versions.Keys.Select(u => (app.SignupDay(u), u, (decimal?)1m)));

    public Dictionary<(DateOnly, string, string), decimal> Sessions() =>
        Sums(app.Sessions.Select(s => (app.Day(s.Start), s.UserId, (decimal?)1m)));

    private Dictionary<(DateOnly, string, string), HashSet<string>> UserSets(IEnumerable<(DateOnly Day, string UserId)> rows)
    {
        var sets = new Dictionary<(DateOnly, string, string), HashSet<string>>();
        foreach (var (day, user) in rows.Distinct())
            foreach (var (type, value) in Entities(user, day))
            {
                if (!sets.TryGetValue((day, type, value), out var set)) sets[(day, type, value)] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(user);
            }
        return sets;
    }

    private Dictionary<(DateOnly, string, string), decimal> Sums(IEnumerable<(DateOnly Day, string UserId, decimal? Amount)> rows)
    {
        var sums = new Dictionary<(DateOnly, string, string), decimal>();
        foreach (var (day, user, amount) in rows)
        {
            if (amount is not { } a) continue;
            foreach (var key in Entities(user, day))
                sums[(day, key.Type, key.Value)] = sums.GetValueOrDefault((day, key.Type, key.Value)) + a;
        }
        return sums;
    }

    /// <summary>Every daily value of the KPIs the oracle knows, for every day in the range and every member seen.</summary>
    public IEnumerable<ReferenceValue> Daily()
    {
        var (first, last) = Range();
        var active = ActiveUsers();
        var payers = Payers();
        var gross = RevenueGross();
        var refunds = Refunds();
        var newUsers = NewUsers();
        var sessions = Sessions();
        var members = active.Keys.Concat(payers.Keys).Concat(gross.Keys).Concat(refunds.Keys).Concat(newUsers.Keys).Concat(sessions.Keys)
            .Select(k => (k.Item2, k.Item3)).Distinct().ToList();
        for (var d = first; d <= last; d = d.AddDays(1))
            foreach (var (type, value) in members)
            {
                var key = (d, type, value);
                var dau = active.TryGetValue(key, out var a) ? a.Count : 0;
                var net = gross.GetValueOrDefault(key) - refunds.GetValueOrDefault(key);
                yield return new("dau", d, type, value, dau, null, dau);
                yield return new("paying_users", d, type, value, payers.TryGetValue(key, out var p) ? p.Count : 0, null, payers.TryGetValue(key, out p) ? p.Count : 0);
                yield return new("revenue_gross", d, type, value, gross.GetValueOrDefault(key), null, (double)gross.GetValueOrDefault(key));
                yield return new("refunds", d, type, value, refunds.GetValueOrDefault(key), null, (double)refunds.GetValueOrDefault(key));
                yield return new("revenue_net", d, type, value, net, null, (double)net);
                yield return new("arpu", d, type, value, net, dau, dau == 0 ? null : (double)net / dau);
                yield return new("new_users", d, type, value, newUsers.GetValueOrDefault(key), null, (double)newUsers.GetValueOrDefault(key));
                yield return new("sessions", d, type, value, sessions.GetValueOrDefault(key), null, (double)sessions.GetValueOrDefault(key));
                foreach (var (code, n) in new[] { ("wau", 7), ("mau", 30) })
                {
                    var users = new HashSet<string>(StringComparer.Ordinal);
                    for (var back = 0; back < n; back++)
                        if (active.TryGetValue((d.AddDays(-back), type, value), out var set)) users.UnionWith(set);
                    yield return new(code, d, type, value, users.Count, null, users.Count);
                }
            }
    }
}
