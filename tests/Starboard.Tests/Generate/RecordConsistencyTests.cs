using Starboard.Core.Contract;
using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

/// <summary>Rules that tie records to each other: what a warehouse built on these files will rely on.</summary>
public class RecordConsistencyTests
{
    private static readonly MemoryRecordSink App = GeneratedSamples.App;
    private static readonly GeneratorOptions Options = GeneratedSamples.AppOptions;
    private static readonly DateTime PeriodStart = Options.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private static readonly DateTime PeriodEnd = Options.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    [Fact]
    public void Should_Date_Refunds_After_Their_Succeeded_Payment_When_Refunding()
    {
        // Given
        var payments = App.Payments.DistinctBy(p => p.PaymentId).ToDictionary(p => p.PaymentId);

        // When
        var refunds = App.Refunds;

        // Then
        refunds.ShouldNotBeEmpty();
        foreach (var refund in refunds)
        {
            var payment = payments[refund.PaymentId];
            payment.Status.ShouldBe("succeeded");
            refund.Ts.ShouldBeGreaterThan(payment.Ts);
            refund.Amount.ShouldBeInRange(0.01m, payment.Amount);
            refund.Currency.ShouldBe(payment.Currency);
            refund.UserId.ShouldBe(payment.UserId);
        }
        refunds.Count(r => r.Amount < payments[r.PaymentId].Amount).ShouldBeGreaterThan(0, "some refunds are partial");
    }

    [Fact]
    public void Should_Sum_Order_Items_To_The_Amount_When_Placing_Orders()
    {
        // Given
        var orders = App.Orders;

        // When
        var mismatched = orders.Where(o => o.Items!.Sum(i => i.Quantity * i.UnitPrice) != o.Amount).ToList();

        // Then
        orders.ShouldNotBeEmpty();
        mismatched.ShouldBeEmpty();
        orders.Where(o => o.Currency is "JPY" or "INR").ShouldAllBe(o => o.Amount == decimal.Truncate(o.Amount));
    }

    [Fact]
    public void Should_Complete_Orders_Only_After_A_Succeeded_Payment_When_Versioning()
    {
        // Given
        var paid = App.Payments.Where(p => p.Status == "succeeded" && p.OrderId is not null)
            .GroupBy(p => p.OrderId!).ToDictionary(g => g.Key, g => g.Min(p => p.Ts));

        // When
        var versions = App.Orders.GroupBy(o => o.OrderId).ToList();

        // Then
        foreach (var order in versions)
        {
            order.First().Status.ShouldBe("placed");
            foreach (var later in order.Skip(1))
            {
                later.UpdatedAt.ShouldNotBeNull();
                later.UpdatedAt!.Value.ShouldBeGreaterThan(later.Ts);
                if (later.Status == "completed")
                    later.UpdatedAt.Value.ShouldBeGreaterThan(paid[order.Key]);
            }
        }
        versions.Count(v => v.Last().Status == "completed").ShouldBeGreaterThan(versions.Count / 2);
        versions.Count(v => v.Last().Status == "cancelled").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Should_Keep_User_Plans_In_Step_With_Subscriptions_When_Versioning_Users()
    {
        // Given
        var versions = App.Users.GroupBy(u => u.UserId)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.UpdatedAt ?? u.CreatedAt).ToList());

        // When
        string PlanAt(string userId, DateTime at) =>
            versions[userId].Last(v => (v.UpdatedAt ?? v.CreatedAt) <= at).Plan!;

        // Then
        foreach (var action in App.Subscriptions)
        {
            PlanAt(action.UserId, action.Ts).ShouldBe(action.Action == "cancel" ? "free" : action.Plan, $"{action}");
            (action.Mrr == 0).ShouldBe(action.Action == "cancel");
        }
        versions.Values.Count(v => v.Count > 1).ShouldBeGreaterThan(0);
        versions.Values.Count(v => v.Select(u => u.Country).Distinct().Count() > 1).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Should_Follow_The_Subscription_Lifecycle_In_Time_Order_When_Acting()
    {
        // Given
        var byUser = App.Subscriptions.GroupBy(s => s.UserId);

        foreach (var actions in byUser)
        {
            // When
            string? active = null;
            foreach (var action in actions.OrderBy(a => a.Ts))
            {
                // Then
                if (action.Action == "start")
                    active.ShouldBeNull($"{action} starts while {active} is active");
                else
                    action.SubscriptionId.ShouldBe(active, $"{action}");
                active = action.Action == "cancel" ? null : action.SubscriptionId;
            }
        }
        byUser.Count().ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Should_Write_Each_Users_Versions_In_Time_Order_When_Versioning()
    {
        // Given
        var byUser = App.Users.GroupBy(u => u.UserId);

        // When
        var unordered = byUser.Where(g =>
        {
            var times = g.Select(u => u.UpdatedAt ?? u.CreatedAt).ToList();
            return !times.SequenceEqual(times.Order()) || times.Distinct().Count() != times.Count;
        }).Select(g => g.Key).ToList();

        // Then
        unordered.ShouldBeEmpty();
        byUser.ShouldAllBe(g => g.Select(u => u.CreatedAt).Distinct().Count() == 1);
    }

    [Fact]
    public void Should_Hold_Only_Events_Of_The_Last_Days_When_Writing_Late_Events()
    {
        // Given
        var lateFrom = Options.EndDate.AddDays(1 - Options.LateDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // When
        var late = App.LateEvents;
        int lastDays = App.Events.Count(e => e.Ts >= lateFrom) + late.Count;

        // Then
        late.ShouldNotBeEmpty();
        late.ShouldAllBe(e => e.Ts >= lateFrom && e.Ts < PeriodEnd);
        (late.Count / (double)lastDays).ShouldBe(Options.LateShare, 0.01);
        App.Events.Select(e => e.EventId).ShouldNotContain(late[0].EventId);
    }

    [Fact]
    public void Should_Date_Every_Record_Inside_The_Period_When_Generating()
    {
        // Given
        var timestamps = App.Users.SelectMany(u => new[] { u.CreatedAt, u.UpdatedAt ?? u.CreatedAt })
            .Concat(App.Sessions.Select(s => s.StartedAt)).Concat(App.Sessions.Select(s => s.EndedAt ?? s.StartedAt))
            .Concat(App.Events.Select(e => e.Ts)).Concat(App.Orders.Select(o => o.UpdatedAt ?? o.Ts))
            .Concat(App.Payments.Select(p => p.Ts)).Concat(App.Refunds.Select(r => r.Ts))
            .Concat(App.Subscriptions.Select(s => s.Ts)).Concat(App.Errors.Select(e => e.Ts));

        // When
        var outside = timestamps.Where(t => t < PeriodStart || t >= PeriodEnd).ToList();

        // Then
        outside.ShouldBeEmpty();
        App.AdSpend.ShouldAllBe(a => a.Date >= Options.StartDate && a.Date <= Options.EndDate);
    }

    [Fact]
    public void Should_Keep_Events_Inside_Their_Recorded_Session_When_It_Has_An_End()
    {
        // Given
        var sessions = App.Sessions.Where(s => s.EndedAt is not null).ToDictionary(s => s.SessionId);

        // When
        var outside = App.Events.Where(e => e.SessionId is not null && sessions.TryGetValue(e.SessionId, out var s)
            && (e.Ts < s.StartedAt || e.Ts > s.EndedAt)).ToList();

        // Then
        outside.ShouldBeEmpty();
        App.Sessions.ShouldAllBe(s => s.EndedAt == null || s.EndedAt >= s.StartedAt);
    }

    [Fact]
    public void Should_Refer_To_Known_Sessions_And_Users_When_Writing_Errors()
    {
        // Given
        var sessionIds = App.Events.Select(e => e.SessionId).OfType<string>().ToHashSet();
        var userIds = App.Users.Select(u => u.UserId).Concat(App.Aliases.Select(a => a.DistinctId)).ToHashSet();

        // When
        var errors = App.Errors;

        // Then
        errors.Where(e => e.SessionId is not null).ShouldAllBe(e => sessionIds.Contains(e.SessionId!));
        errors.Where(e => e.UserId is not null).ShouldAllBe(e => userIds.Contains(e.UserId!));
    }

    [Fact]
    public void Should_Alias_Every_Anonymous_Id_When_Users_Sign_Up()
    {
        // Given
        var aliases = App.Aliases.ToDictionary(a => a.DistinctId, a => a.UserId);
        var users = App.Users.Select(u => u.UserId).ToHashSet();

        // When
        string Resolve(string id) => aliases.TryGetValue(id, out var next) ? Resolve(next) : id;
        var anonymous = App.Events.Where(e => e.UserId.StartsWith("anon-", StringComparison.Ordinal)).ToList();
        var unresolved = anonymous.Where(e => !users.Contains(Resolve(e.UserId))).ToList();

        // Then
        anonymous.ShouldNotBeEmpty();
        unresolved.ShouldBeEmpty();
        App.Aliases.Count(a => aliases.ContainsKey(a.UserId)).ShouldBeGreaterThan(0, "some aliases chain");
    }

    [Fact]
    public void Should_Resend_Identical_Records_When_Duplicating()
    {
        // Given
        var events = App.Events.GroupBy(e => e.EventId).Where(g => g.Count() > 1).ToList();
        var payments = App.Payments.GroupBy(p => p.PaymentId).Where(g => g.Count() > 1).ToList();

        // When
        var differing = events.Where(g => g.Distinct().Count() > 1).Concat<object>(payments.Where(g => g.Distinct().Count() > 1));

        // Then
        events.Count.ShouldBe((int)GeneratedSamples.AppSummary.Duplicates[RecordTypes.Event]);
        payments.Count.ShouldBe((int)GeneratedSamples.AppSummary.Duplicates[RecordTypes.Payment]);
        differing.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Write_Daily_Rates_With_A_Few_Gaps_When_Walking_Fx()
    {
        // Given
        var rates = App.FxRates;

        // When
        var perCurrency = rates.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.Count());

        // Then
        perCurrency.Keys.ShouldBe(["EUR", "GBP", "JPY", "INR", "BRL", "CAD", "AUD"], ignoreOrder: true);
        perCurrency.Where(p => p.Key != "BRL").ShouldAllBe(p => p.Value == Options.Days);
        perCurrency["BRL"].ShouldBeInRange(Options.Days - 5, Options.Days - 1);
        rates.Where(r => r.Date == Options.StartDate).Count().ShouldBe(7);
        rates.ShouldAllBe(r => r.Rate > 0);
        rates.GroupBy(r => r.Currency).ShouldAllBe(g => g.Max(r => r.Rate) / g.Min(r => r.Rate) < 1.5m);
    }

    [Fact]
    public void Should_Restate_A_Few_Ad_Spend_Days_Later_When_Networks_Correct_Figures()
    {
        // Given
        var spend = App.AdSpend;

        // When
        var restated = spend.Select((a, i) => (a, i)).GroupBy(x => (x.a.CampaignId, x.a.Date)).Where(g => g.Count() > 1).ToList();

        // Then
        restated.ShouldNotBeEmpty();
        restated.ShouldAllBe(g => g.First().a.Spend != g.Last().a.Spend && g.Last().i > g.First().i);
        spend.ShouldAllBe(a => a.Spend >= 0 && a.Clicks <= a.Impressions);
    }
}
