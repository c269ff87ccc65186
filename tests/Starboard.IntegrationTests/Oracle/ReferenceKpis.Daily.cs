namespace Starboard.IntegrationTests.Oracle;

public sealed partial class ReferenceKpis
{
    /// <summary>Every daily value of every KPI the oracle knows, for every day in the range and every member seen.</summary>
    public Dictionary<(string Kpi, DateOnly Day, string Type, string Value), ReferenceValue> Daily()
    {
        var s = Series();
        var members = Active.Entities.Concat(Payers.Entities).Concat(s.Values.SelectMany(x => x.Keys).Select(k => (k.Item2, k.Item3)))
            .Distinct().ToList();
        var features = FeatureUsers.Entities.ToList();
        var result = new Dictionary<(string, DateOnly, string, string), ReferenceValue>();
        void Add(string kpi, DateOnly d, (string T, string V) e, decimal? num, decimal? den, double? value) =>
            result[(kpi, d, e.T, e.V)] = new(kpi, d, e.T, e.V, num, den, value);
        static double? Ratio(decimal num, decimal den) => den == 0 ? null : (double)num / (double)den;
        decimal Get(string series, DateOnly d, (string T, string V) e) => s[series].GetValueOrDefault((d, e.T, e.V));

        var trailing = Trailing(members);
        for (var d = Range.First; d <= Range.Last; d = d.AddDays(1))
        {
            foreach (var e in members)
            {
                var dau = (decimal)Active.OnDay(e.Item1, e.Item2, d);
                var payers = (decimal)Payers.OnDay(e.Item1, e.Item2, d);
                var net = Get("revenue_net", d, e);
                foreach (var sum in new[] { "revenue_gross", "refunds", "revenue_net", "new_users", "new_users_paid", "sessions", "core_actions", "content_created", "orders", "mrr" })
                    Add(sum, d, e, Get(sum, d, e), null, (double)Get(sum, d, e));
                Add("new_paying_users", d, e, Get("new_payers", d, e), null, (double)Get("new_payers", d, e));
                Add("dau", d, e, dau, null, (double)dau);
                Add("paying_users", d, e, payers, null, (double)payers);
                Add("arpu", d, e, net, dau, Ratio(net, dau));
                Add("arppu", d, e, net, payers, Ratio(net, payers));
                Add("conversion_rate", d, e, payers, dau, Ratio(payers, dau));
                var t = trailing[(d, e.Item1, e.Item2)];
                Add("wau", d, e, t.Wau, null, (double)t.Wau);
                Add("mau", d, e, t.Mau, null, (double)t.Mau);
                Add("stickiness", d, e, dau, t.Mau, Ratio(dau, t.Mau));
                Add("churn_rate_30d", d, e, t.Churned, t.Before, Ratio(t.Churned, t.Before));
                Add("tier_casual_users", d, e, t.Casual, null, (double)t.Casual);
                Add("tier_regular_users", d, e, t.Regular, null, (double)t.Regular);
                Add("tier_core_users", d, e, t.Core, null, (double)t.Core);
                Add("tier_power_users", d, e, t.Power, null, (double)t.Power);
                var sessions = Get("sessions", d, e);
                Add("avg_session_duration", d, e, Get("session_seconds", d, e), sessions, Ratio(Get("session_seconds", d, e), sessions));
                Add("session_depth", d, e, Get("session_events", d, e), sessions, Ratio(Get("session_events", d, e), sessions));
                Add("sessions_per_user", d, e, sessions, dau, Ratio(sessions, dau));
                Add("actions_per_dau", d, e, Get("core_actions", d, e), dau, Ratio(Get("core_actions", d, e), dau));
                Add("aov", d, e, Get("order_amount", d, e), Get("priced_orders", d, e), Ratio(Get("order_amount", d, e), Get("priced_orders", d, e)));
                Add("crash_free_sessions", d, e, Get("crash_free_sessions", d, e), sessions, Ratio(Get("crash_free_sessions", d, e), sessions));
                Add("errors_per_session", d, e, Get("errors", d, e), sessions, Ratio(Get("errors", d, e), sessions));
                Add("interaction_rate", d, e, Get("social_interactions", d, e), Get("content_views", d, e),
                    Ratio(Get("social_interactions", d, e), Get("content_views", d, e)));
                foreach (var n in new[] { 1, 7, 30 })
                    Add($"retention_d{n}", d, e, Get($"retained_d{n}", d, e), Get($"cohort_d{n}", d, e),
                        Ratio(Get($"retained_d{n}", d, e), Get($"cohort_d{n}", d, e)));
                // LTV: 30-day ARPU (net revenue of [d-29, d] over its distinct active users) over the 30-day churn.
                var revenue30 = Enumerable.Range(0, 30).Sum(back => Get("revenue_net", d.AddDays(-back), e));
                var churn = Ratio(t.Churned, t.Before);
                Add("ltv", d, e, null, null, t.Mau == 0 || churn is null or 0 ? null : (double)revenue30 / (double)t.Mau / churn.Value);
            }
            Marketing(d, s, members.Where(m => m.Item1 == "channel"), ltvOf: e => result.GetValueOrDefault(("ltv", d, e.Item1, e.Item2))?.Value, Add);
            var all = (decimal)Active.OnDay("all", "ALL", d);
            foreach (var f in features)
            {
                var users = (decimal)FeatureUsers.OnDay(f.Item1, f.Item2, d);
                Add("feature_adoption", d, f, users, all, Ratio(users, all));
            }
        }
        return result;
    }

    /// <summary>Ad spend and CAC by channel and campaign, ROAS by campaign, LTV/CAC by channel.</summary>
    private void Marketing(DateOnly d, Dictionary<string, Dictionary<(DateOnly, string, string), decimal>> s, IEnumerable<(string, string)> channels,
        Func<(string, string), double?> ltvOf, Action<string, DateOnly, (string, string), decimal?, decimal?, double?> add)
    {
        static double? Ratio(decimal num, decimal den) => den == 0 ? null : (double)num / (double)den;
        decimal Get(string series, DateOnly day, (string T, string V) e) => s[series].GetValueOrDefault((day, e.T, e.V));
        var members = s["ad_spend"].Keys.Concat(s["paid_signups"].Keys).Concat(s["campaign_revenue"].Keys)
            .Select(k => (k.Item2, k.Item3)).Append(("all", "ALL")).Concat(channels).Distinct().ToList();
        foreach (var e in members)
        {
            var spend = Get("ad_spend", d, e);
            add("ad_spend", d, e, spend, null, (double)spend);
            add("cac", d, e, spend, Get("paid_signups", d, e), Ratio(spend, Get("paid_signups", d, e)));
            if (e.Item1 is "all" or "campaign")
                add("roas", d, e, Get("campaign_revenue", d, e), spend, Ratio(Get("campaign_revenue", d, e), spend));
            if (e.Item1 is "all" or "channel")
            {
                var spend30 = Enumerable.Range(0, 30).Sum(b => Get("ad_spend", d.AddDays(-b), e));
                var signups30 = Enumerable.Range(0, 30).Sum(b => Get("paid_signups", d.AddDays(-b), e));
                var ltv = ltvOf(e);
                add("ltv_cac", d, e, null, null, ltv is null || spend30 == 0 || signups30 == 0 ? null : ltv.Value / ((double)spend30 / (double)signups30));
            }
        }
    }

    private sealed record TrailingCounts(decimal Wau, decimal Mau, decimal Churned, decimal Before, decimal Casual, decimal Regular, decimal Core, decimal Power);

    /// <summary>WAU, MAU, 30-day churn and the engagement tiers of every day and member, each user under each day's version.</summary>
    private Dictionary<(DateOnly, string, string), TrailingCounts> Trailing(List<(string, string)> members)
    {
        var result = new Dictionary<(DateOnly, string, string), TrailingCounts>();
        var power = app.Settings.PowerActionsPerDay;
        foreach (var (type, value) in members)
        {
            var users = Active.Users(type, value);
            for (var d = Range.First; d <= Range.Last; d = d.AddDays(1))
            {
                int n = d.DayNumber, wau = 0, mau = 0, churned = 0, before = 0, casual = 0, regular = 0, core = 0, powered = 0;
                foreach (var (user, days) in users)
                {
                    if (UserDays.Any(days, n - 6, n)) wau++;
                    var active = UserDays.CountIn(days, n - 29, n);
                    if (active > 0) mau++;
                    if (UserDays.Any(days, n - 59, n - 30))
                    {
                        before++;
                        if (active == 0) churned++;
                    }
                    if (active is >= 1 and <= 5) casual++;
                    else if (active is >= 6 and <= 15) regular++;
                    else if (active >= 16)
                    {
                        core++;
                        var actions = days.Where(x => x >= n - 29 && x <= n)
                            .Sum(x => CoreActionsOf.GetValueOrDefault((user, DateOnly.FromDayNumber(x))));
                        if (actions >= power * active) powered++;
                    }
                }
                result[(d, type, value)] = new(wau, mau, churned, before, casual, regular, core, powered);
            }
        }
        return result;
    }
}
