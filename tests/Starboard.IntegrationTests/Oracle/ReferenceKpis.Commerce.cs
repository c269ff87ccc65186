namespace Starboard.IntegrationTests.Oracle;

public sealed partial class ReferenceKpis
{
    /// <summary>Orders, MRR, errors and crashes, and the marketing series (by channel and campaign rather than by user).</summary>
    private void AddCommerce(Dictionary<string, Dictionary<(DateOnly, string, string), decimal>> series)
    {
        var completed = app.Orders.Where(o => o.Status == "completed")
            .Select(o => (Day: app.Day(o.Ts), User: app.Resolve(o.UserId), Amount: app.ToReporting(o.Amount, o.Currency, app.Day(o.Ts)))).ToList();
        series["orders"] = SumsOf(completed.Select(o => (o.Day, (string?)o.User, (decimal?)1m)));
        series["order_amount"] = SumsOf(completed.Select(o => (o.Day, (string?)o.User, o.Amount)));
        series["priced_orders"] = SumsOf(completed.Where(o => o.Amount is not null).Select(o => (o.Day, (string?)o.User, (decimal?)1m)));
        series["errors"] = SumsOf(app.Errors.Select(e => (app.Day(e.Ts), e.UserId is null ? null : app.Resolve(e.UserId), (decimal?)1m)));
        var crashed = CrashedSessions();
        series["crash_free_sessions"] = SumsOf(app.Sessions.Where(s => !crashed.Contains(s.SessionId)).Select(s => (app.Day(s.Start), (string?)s.UserId, (decimal?)1m)));
        series["mrr"] = SumsOf(Mrr());

        var spend = new Dictionary<(DateOnly, string, string), decimal>();
        void Add(Dictionary<(DateOnly, string, string), decimal> sums, DateOnly d, string type, string value, decimal amount) =>
            sums[(d, type, value)] = sums.GetValueOrDefault((d, type, value)) + amount;
        foreach (var a in app.AdSpend)
        {
            if (app.ToReporting(a.Spend, a.Currency, a.Date) is not { } amount) continue;
            Add(spend, a.Date, "all", "ALL", amount);
            Add(spend, a.Date, "channel", app.CampaignChannels.GetValueOrDefault(a.CampaignId) ?? "unknown", amount);
            Add(spend, a.Date, "campaign", a.CampaignId, amount);
        }
        series["ad_spend"] = spend;

        var paid = app.Settings.PaidChannels.ToHashSet(StringComparer.Ordinal);
        var signups = new Dictionary<(DateOnly, string, string), decimal>();
        var firstTouch = app.Versions.ToDictionary(v => v.Key, v => v.Value.FirstOrDefault(x => x.CampaignId is not null)?.CampaignId, StringComparer.Ordinal);
        foreach (var (user, versions) in app.Versions)
        {
            if (versions[^1].Channel is not { } channel || !paid.Contains(channel)) continue;
            var day = app.SignupDay(user);
            Add(signups, day, "all", "ALL", 1);
            Add(signups, day, "channel", channel, 1);
            if (firstTouch[user] is { } campaign) Add(signups, day, "campaign", campaign, 1);
        }
        series["paid_signups"] = signups;

        var revenue = new Dictionary<(DateOnly, string, string), decimal>();
        var net = app.Payments.Where(p => p.Status == "succeeded").Select(p => (app.Day(p.Ts), p.UserId, app.ToReporting(p.Amount, p.Currency, app.Day(p.Ts))))
            .Concat(app.Refunds.Select(r => (app.Day(r.Ts), r.UserId, -app.ToReporting(r.Amount, r.Currency, app.Day(r.Ts)))));
        foreach (var (day, user, amount) in net)
            if (amount is { } a && firstTouch.GetValueOrDefault(user) is { } campaign)
            {
                Add(revenue, day, "campaign", campaign, a);
                Add(revenue, day, "all", "ALL", a);
            }
        series["campaign_revenue"] = revenue;
    }

    /// <summary>
    /// Sessions with a fatal error: an error belongs to its session_id's session, else to its user's session whose
    /// span contains it (the latest started).
    /// </summary>
    private HashSet<string> CrashedSessions()
    {
        var byId = app.Sessions.ToDictionary(s => s.SessionId, StringComparer.Ordinal);
        var byUser = app.Sessions.GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var crashed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in app.Errors.Where(e => e.Severity == "fatal"))
        {
            if (e.SessionId is not null && byId.ContainsKey(e.SessionId)) crashed.Add(e.SessionId);
            else if (e.UserId is not null && byUser.TryGetValue(app.Resolve(e.UserId), out var sessions)
                     && sessions.Where(s => s.Start <= e.Ts && e.Ts <= s.End).MaxBy(s => s.Start) is { } containing)
                crashed.Add(containing.SessionId);
        }
        return crashed;
    }

    /// <summary>Per day, each subscription's mrr after its latest action on or before the day, unless it was a cancel.</summary>
    private IEnumerable<(DateOnly, string?, decimal?)> Mrr()
    {
        foreach (var sub in app.Subscriptions.GroupBy(s => s.SubscriptionId))
        {
            var actions = sub.OrderBy(s => s.Ts).ToList();
            for (var i = 0; i < actions.Count; i++)
            {
                var a = actions[i];
                var from = app.Day(a.Ts);
                var until = i + 1 < actions.Count ? app.Day(actions[i + 1].Ts) : Range.Last.AddDays(1);
                if (a.Action == "cancel" || app.ToReporting(a.Mrr, a.Currency, from) is not { } mrr) continue;
                for (var d = from; d < until && d <= Range.Last; d = d.AddDays(1))
                    yield return (d, app.Resolve(a.UserId), mrr);
            }
        }
    }
}
