namespace Starboard.IntegrationTests.Oracle;

/// <summary>One KPI value on one day for one entity, as the oracle computes it. A null numerator is not compared.</summary>
public sealed record ReferenceValue(string Kpi, DateOnly Day, string EntityType, string EntityValue, decimal? Numerator, decimal? Denominator, double? Value);

/// <summary>
/// The daily KPIs of SPEC section 5 computed straight from <see cref="ReferenceApp"/> with LINQ and loops: for the
/// whole and for each member of platform, country, channel and plan (the user's version of the day; unknown for a
/// missing attribute or an unknown user), features for feature_adoption.
/// </summary>
public sealed partial class ReferenceKpis
{
    public static readonly string[] Breakdowns = ["platform", "country", "channel", "plan"];

    private readonly ReferenceApp app;

    public ReferenceKpis(ReferenceApp app)
    {
        this.app = app;
        App = app;
        Range = ComputeRange();
        foreach (var (day, user) in app.Events.Where(e => app.IsCore(e.Name)).Select(e => (app.Day(e.Ts), e.UserId))
                     .Concat(app.Payments.Where(p => p.Status == "succeeded").Select(p => (app.Day(p.Ts), p.UserId))).Distinct())
            foreach (var (type, value) in Entities(user, day))
                Active.Add(type, value, user, day);
        foreach (var p in app.Payments.Where(p => p.Status == "succeeded"))
            foreach (var (type, value) in Entities(p.UserId, app.Day(p.Ts)))
                Payers.Add(type, value, p.UserId, app.Day(p.Ts));
        foreach (var e in app.Events.Where(e => e.Feature is not null))
        {
            FeatureUsers.Add("feature", e.Feature!, e.UserId, app.Day(e.Ts));
            FeatureUsers.Add("all", "ALL", e.UserId, app.Day(e.Ts));
        }
        foreach (var e in app.Events.Where(e => app.IsCore(e.Name)))
            CoreActionsOf[(e.UserId, app.Day(e.Ts))] = CoreActionsOf.GetValueOrDefault((e.UserId, app.Day(e.Ts))) + 1;
    }

    public ReferenceApp App { get; }

    /// <summary>The days the data covers: users' signups, sessions, events, orders, payments, refunds, subscriptions, errors, ad spend.</summary>
    public (DateOnly First, DateOnly Last) Range { get; }

    /// <summary>A(d): users with a core action or a succeeded payment, per entity.</summary>
    public UserDays Active { get; } = new();

    public UserDays Payers { get; } = new();

    public UserDays FeatureUsers { get; } = new();

    public Dictionary<(string User, DateOnly Day), int> CoreActionsOf { get; } = [];

    private (DateOnly, DateOnly) ComputeRange()
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
    public IEnumerable<(string Type, string Value)> Entities(string? userId, DateOnly day)
    {
        var v = userId is null ? null : app.VersionOn(userId, day);
        yield return ("all", "ALL");
        yield return ("platform", v?.Platform ?? "unknown");
        yield return ("country", v?.Country ?? "unknown");
        yield return ("channel", v?.Channel ?? "unknown");
        yield return ("plan", v?.Plan ?? "unknown");
    }

    private Dictionary<(DateOnly, string, string), decimal> Sums(IEnumerable<(DateOnly Day, string UserId, decimal? Amount)> rows) =>
        SumsOf(rows.Select(r => (r.Day, (string?)r.UserId, r.Amount)));

    /// <summary>Per day and member, the sum of the rows' amounts (null amounts left out); a null user is unknown.</summary>
    private Dictionary<(DateOnly, string, string), decimal> SumsOf(IEnumerable<(DateOnly Day, string? UserId, decimal? Amount)> rows)
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

    /// <summary>The additive daily series (per day and entity) the KPIs are made of.</summary>
    public Dictionary<string, Dictionary<(DateOnly, string, string), decimal>> Series()
    {
        var succeeded = app.Payments.Where(p => p.Status == "succeeded").ToList();
        var gross = succeeded.Select(p => (app.Day(p.Ts), p.UserId, app.ToReporting(p.Amount, p.Currency, app.Day(p.Ts)))).ToList();
        var refunds = app.Refunds.Select(r => (app.Day(r.Ts), r.UserId, app.ToReporting(r.Amount, r.Currency, app.Day(r.Ts)))).ToList();
        var paid = app.Settings.PaidChannels.ToHashSet(StringComparer.Ordinal);
        var series = new Dictionary<string, Dictionary<(DateOnly, string, string), decimal>>
        {
            ["revenue_gross"] = Sums(gross),
            ["refunds"] = Sums(refunds),
            ["revenue_net"] = Sums(gross.Concat(refunds.Select(r => (r.Item1, r.UserId, -r.Item3)))),
            ["new_payers"] = Sums(succeeded.GroupBy(p => p.UserId).Select(g => (g.Min(p => app.Day(p.Ts)), g.Key, (decimal?)1m))),
            ["new_users"] = Sums(app.Versions.Keys.Select(u => (app.SignupDay(u), u, (decimal?)1m))),
            ["new_users_paid"] = Sums(app.Versions.Where(v => v.Value[^1].Channel is { } c && paid.Contains(c))
                .Select(v => (app.SignupDay(v.Key), v.Key, (decimal?)1m))),
            ["sessions"] = Sums(app.Sessions.Select(s => (app.Day(s.Start), s.UserId, (decimal?)1m))),
            ["session_seconds"] = Sums(app.Sessions.Select(s => (app.Day(s.Start), s.UserId, (decimal?)((s.End - s.Start).Ticks / 10_000_000m)))),
            ["session_events"] = Sums(app.Sessions.Select(s => (app.Day(s.Start), s.UserId, (decimal?)s.Events))),
            ["core_actions"] = Sums(app.Events.Where(e => app.IsCore(e.Name)).Select(e => (app.Day(e.Ts), e.UserId, (decimal?)1m))),
            ["content_created"] = Sums(Category("content_creation")),
            ["social_interactions"] = Sums(Category("social_interaction")),
            ["content_views"] = Sums(Category("content_view")),
        };
        AddCommerce(series);
        foreach (var n in new[] { 1, 7, 30 })
        {
            // The cohort of d - n, under each member's version on d (the day the window closes).
            var cohort = app.Versions.Keys.Select(u => (app.SignupDay(u).AddDays(n), u)).ToList();
            series[$"cohort_d{n}"] = Sums(cohort.Select(c => (c.Item1, c.u, (decimal?)1m)));
            series[$"retained_d{n}"] = Sums(cohort.Where(c => Active.Has("all", "ALL", c.u, c.Item1)).Select(c => (c.Item1, c.u, (decimal?)1m)));
        }
        return series;
    }

    private IEnumerable<(DateOnly, string, decimal?)> Category(string category) =>
        app.Events.Where(e => app.Category(e.Name) == category).Select(e => (app.Day(e.Ts), e.UserId, (decimal?)1m));
}
