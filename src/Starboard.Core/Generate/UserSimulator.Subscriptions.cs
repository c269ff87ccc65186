using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

internal static partial class UserSimulator
{
    private static readonly WeightedChoice<int> ConversionPlans = new((1, 60), (2, 32), (3, 8));

    /// <summary>A new subscription: the start action, its first payment, and a user version on the paid plan.</summary>
    private static void StartSubscription(SimulatedUser u, SimDay day, DayBatch batch, DateTime at, int plan)
    {
        if (at >= day.PeriodEnd)
            return;
        u.SubscriptionId = $"sub-{u.Index + 1}-{++u.SubscriptionCount}";
        u.SubscriptionCurrency = u.Currency;
        u.NextRenewal = at.AddMonths(1);
        SubscriptionAction(u, batch, at, "start", plan);
        Charge(u, day, batch, at.AddMilliseconds(u.Random.NextInt(1_000, 15_000)), firstAttemptSucceeds: 0.97);
    }

    /// <summary>Monthly renewals due today: renew (with a payment), change plan, or cancel.</summary>
    private static void RenewalsDue(SimulatedUser u, SimDay day, DayBatch batch)
    {
        var dayEnd = day.Start.AddDays(1);
        while (u.SubscriptionId is not null && u.NextRenewal < dayEnd && u.NextRenewal < day.PeriodEnd)
        {
            var r = u.Random;
            var at = u.NextRenewal;
            u.NextRenewal = at.AddMonths(1);
            // Users who stopped using the app cancel far more often than active ones.
            bool alive = IsAlive(u, day.Index - u.SignupDay);
            if (r.Chance(alive ? 0.035 : 0.30))
            {
                Cancel(u, batch, at);
                return;
            }
            if (u.Plan < 3 && r.Chance(0.03))
                SubscriptionAction(u, batch, at, "upgrade", u.Plan + 1);
            else if (u.Plan > 1 && r.Chance(0.02))
                SubscriptionAction(u, batch, at, "downgrade", u.Plan - 1);
            else
                SubscriptionAction(u, batch, at, "renew", u.Plan);
            Charge(u, day, batch, at.AddMilliseconds(r.NextInt(1_000, 120_000)), firstAttemptSucceeds: 0.95);
        }
    }

    /// <summary>Charges the current plan's price; a failed charge is retried hours later, then the plan lapses.</summary>
    private static void Charge(SimulatedUser u, SimDay day, DayBatch batch, DateTime at, double firstAttemptSucceeds)
    {
        var r = u.Random;
        string currency = u.SubscriptionCurrency!;
        decimal price = PriceList.Plan(u.Plan, currency);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (at >= day.PeriodEnd)
                return;
            bool ok = r.Chance(attempt == 0 ? firstAttemptSucceeds : 0.7);
            var payment = Payment(batch, u, at, price, currency, ok, orderId: null);
            if (ok)
            {
                MaybeRefund(u, payment, 0.02);
                return;
            }
            at = at.AddMilliseconds(r.NextInt(3_600_000, 8 * 3_600_000));
        }
        if (at < day.PeriodEnd)
            Cancel(u, batch, at); // involuntary churn: the card kept failing
    }

    /// <summary>On an active day: a free user may convert, a subscriber may change plan mid-cycle.</summary>
    private static void PlanDecisions(SimulatedUser u, SimDay day, DayBatch batch, DateTime at)
    {
        var r = u.Random;
        if (at <= u.LastSubscriptionAt)
            return;
        if (u.SubscriptionId is null)
        {
            if (r.Chance(0.002 * (1 + 3 * u.BuyPropensity)))
                StartSubscription(u, day, batch, at, ConversionPlans.Next(r));
            return;
        }
        if (u.Plan < 3 && r.Chance(0.002))
            SubscriptionAction(u, batch, at, "upgrade", u.Plan + 1);
        else if (u.Plan > 1 && r.Chance(0.001))
            SubscriptionAction(u, batch, at, "downgrade", u.Plan - 1);
    }

    private static void Cancel(SimulatedUser u, DayBatch batch, DateTime at)
    {
        batch.Subscriptions.Add(new SubscriptionRecord(u.SubscriptionId!, u.Id, at, "cancel", AppCatalog.Plans[u.Plan], 0m,
            u.SubscriptionCurrency!));
        u.LastSubscriptionAt = at;
        u.SubscriptionId = null;
        u.Plan = 0;
        WriteVersion(u, batch, at);
    }

    /// <summary>Writes the action with the MRR after it; a plan change also writes a new user version.</summary>
    private static void SubscriptionAction(SimulatedUser u, DayBatch batch, DateTime at, string action, int plan)
    {
        decimal mrr = PriceList.Plan(plan, u.SubscriptionCurrency!);
        batch.Subscriptions.Add(new SubscriptionRecord(u.SubscriptionId!, u.Id, at, action, AppCatalog.Plans[plan], mrr,
            u.SubscriptionCurrency!));
        u.LastSubscriptionAt = at;
        if (plan != u.Plan)
        {
            u.Plan = plan;
            WriteVersion(u, batch, at);
        }
    }
}
