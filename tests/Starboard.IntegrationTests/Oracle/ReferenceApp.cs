using Starboard.Core.Contract;
using Starboard.Core.Generate;
using Starboard.Core.Project;

namespace Starboard.IntegrationTests.Oracle;

/// <summary>
/// The generated records after the rules of SPEC section 3, applied in plain C# with no SQL: aliases resolved
/// through chains, the first copy of an event kept, the latest version of a payment kept, user versions kept
/// per day, money converted at the day's (or latest earlier) rate, sessions derived by the inactivity rule.
/// Written from the SPEC's words, independently of the warehouse's SQL, so the two can check each other.
/// </summary>
public sealed class ReferenceApp
{
    public ReferenceApp(MemoryRecordSink app, StarboardSettings settings)
    {
        Settings = settings;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(settings.Timezone);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in app.Aliases.Where(a => a.DistinctId != a.UserId)) aliases[a.DistinctId] = a.UserId;
        Resolve = id =>
        {
            for (var hops = 0; hops < 32 && aliases.TryGetValue(id, out var next); hops++) id = next;
            return id;
        };

        // Users: the same (user, updated_at) keeps the one loaded last; versions in updated_at order.
        Versions = app.Users
            .Select((u, i) => (u: u with { UserId = Resolve(u.UserId) }, i))
            .GroupBy(x => (x.u.UserId, x.u.UpdatedAt ?? x.u.CreatedAt))
            .Select(g => g.MaxBy(x => x.i).u)
            .GroupBy(u => u.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.UpdatedAt ?? u.CreatedAt).ToList(), StringComparer.Ordinal);

        // Events are immutable: the first copy received stands (the late file is loaded after the main one).
        Events = app.Events.Concat(app.LateEvents)
            .DistinctBy(e => e.EventId)
            .Select(e => e with { UserId = Resolve(e.UserId) })
            .ToList();

        // Payments: the latest updated_at (else ts) wins, ties to the one loaded last (files load in name order).
        Payments = app.Payments
            .Select((p, i) => (p: p with { UserId = Resolve(p.UserId) }, i, feed: FeedOrder(p.Source)))
            .GroupBy(x => x.p.PaymentId)
            .Select(g => g.OrderBy(x => x.p.UpdatedAt ?? x.p.Ts).ThenBy(x => x.feed).ThenBy(x => x.i).Last().p)
            .ToList();
        Refunds = app.Refunds.Select((r, i) => (r, i)).GroupBy(x => x.r.RefundId).Select(g => g.MaxBy(x => x.i).r with { UserId = Resolve(g.MaxBy(x => x.i).r.UserId) }).ToList();
        Rates = app.FxRates.Select((r, i) => (r, i)).GroupBy(x => (x.r.Currency, x.r.Date)).Select(g => g.MaxBy(x => x.i).r)
            .GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).ToList());
        // Orders: the latest updated_at (else ts) wins, ties to the one loaded last; the rest: the one loaded last.
        Orders = app.Orders.Select((o, i) => (o, i)).GroupBy(x => x.o.OrderId)
            .Select(g => g.OrderBy(x => x.o.UpdatedAt ?? x.o.Ts).ThenBy(x => x.i).Last().o).ToList();
        Subscriptions = app.Subscriptions.Select((s, i) => (s, i)).GroupBy(x => (x.s.SubscriptionId, x.s.Ts, x.s.Action)).Select(g => g.MaxBy(x => x.i).s).ToList();
        Errors = app.Errors.Select((e, i) => (e, i)).GroupBy(x => x.e.ErrorId).Select(g => g.MaxBy(x => x.i).e).ToList();
        AdSpend = app.AdSpend.Select((a, i) => (a, i)).GroupBy(x => (x.a.CampaignId, x.a.Date)).Select(g => g.MaxBy(x => x.i).a).ToList();
        SessionRecords = app.Sessions.Select((s, i) => (s, i)).GroupBy(x => x.s.SessionId).Select(g => g.MaxBy(x => x.i).s with { UserId = Resolve(g.MaxBy(x => x.i).s.UserId) }).ToList();
        Sessions = DeriveSessions();
    }

    public StarboardSettings Settings { get; }
    public TimeZoneInfo Zone { get; }
    public Func<string, string> Resolve { get; }
    public Dictionary<string, List<UserRecord>> Versions { get; }
    public List<EventRecord> Events { get; }
    public List<PaymentRecord> Payments { get; }
    public List<RefundRecord> Refunds { get; }
    public Dictionary<string, List<FxRateRecord>> Rates { get; }
    public List<OrderRecord> Orders { get; }
    public List<SubscriptionRecord> Subscriptions { get; }
    public List<ErrorRecord> Errors { get; }
    public List<AdSpendRecord> AdSpend { get; }
    public List<SessionRecord> SessionRecords { get; }

    /// <summary>Every session: (user, start).</summary>
    public List<(string UserId, DateTime Start)> Sessions { get; }

    public DateOnly Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));

    public bool IsCore(string eventName) => !Settings.Actions.TryGetValue(eventName, out var a) || a.IsCoreAction;

    /// <summary>The user's version on day d: the last one updated on or before the end of d; before the first, the first.</summary>
    public UserRecord? VersionOn(string userId, DateOnly d)
    {
        if (!Versions.TryGetValue(userId, out var versions)) return null;
        return versions.LastOrDefault(v => Day(v.UpdatedAt ?? v.CreatedAt) <= d) ?? versions[0];
    }

    public DateOnly SignupDay(string userId) => Day(Versions[userId][^1].CreatedAt);

    /// <summary>The amount in the reporting currency, or null while no rate is known for the day.</summary>
    public decimal? ToReporting(decimal amount, string currency, DateOnly day)
    {
        if (currency == Settings.ReportingCurrency) return amount;
        if (!Rates.TryGetValue(currency, out var rates)) return null;
        var rate = rates.LastOrDefault(r => r.Date <= day);
        return rate is null ? null : amount * rate.Rate;
    }

    private static int FeedOrder(string? source) => source switch { "android" => 0, "ios" => 1, _ => 2 };

    private List<(string, DateTime)> DeriveSessions()
    {
        var sessions = new List<(string, DateTime)>();
        var recorded = SessionRecords.Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
        sessions.AddRange(SessionRecords.Select(s => (s.UserId, s.StartedAt)));
        // Named by events but never reported: from the first event.
        sessions.AddRange(Events.Where(e => e.SessionId is not null && !recorded.Contains(e.SessionId))
            .GroupBy(e => e.SessionId!).Select(g => (g.First().UserId, g.Min(e => e.Ts))));
        // Without a session id: a gap longer than the timeout starts a new session (exactly the timeout continues
        // it), and a run of activity is cut every 24 hours from its start (an event exactly 24 h in stays).
        var timeout = TimeSpan.FromMinutes(Settings.SessionTimeoutMinutes);
        foreach (var user in Events.Where(e => e.SessionId is null).GroupBy(e => e.UserId))
        {
            DateTime runStart = default, last = default;
            long slice = -1;
            foreach (var ts in user.Select(e => e.Ts).Order())
            {
                if (slice < 0 || ts - last > timeout)
                {
                    runStart = ts;
                    slice = 0;
                    sessions.Add((user.Key, ts));
                }
                else
                {
                    var s = ts == runStart ? 0 : ((ts - runStart).Ticks - 10) / TimeSpan.TicksPerDay;
                    if (s != slice)
                    {
                        slice = s;
                        sessions.Add((user.Key, ts));
                    }
                }
                last = ts;
            }
        }
        return sessions;
    }
}
