using Starboard.Core.Contract;
using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

/// <summary>The properties that make the KPI charts interesting, checked on a 2,000-user, 120-day app.</summary>
public class DatasetRealismTests
{
    private static readonly MemoryRecordSink App = GeneratedSamples.App;
    private static readonly GeneratorOptions Options = GeneratedSamples.AppOptions;

    /// <summary>Days each user was active (any event under their user id, late ones included).</summary>
    private static readonly Lazy<Dictionary<string, HashSet<DateOnly>>> ActiveDays = new(() =>
        App.Events.Concat(App.LateEvents).GroupBy(e => e.UserId)
            .ToDictionary(g => g.Key, g => g.Select(e => DateOnly.FromDateTime(e.Ts)).ToHashSet()));

    [Fact]
    public void Should_Produce_Every_Record_Type_When_Generating()
    {
        // Given
        var summary = GeneratedSamples.AppSummary;

        // When
        var counts = summary.Records;

        // Then
        foreach (string type in RecordTypes.All)
            counts[type].ShouldBeGreaterThan(0, type);
        summary.LateEvents.ShouldBeGreaterThan(0);
        summary.Duplicates[RecordTypes.Event].ShouldBeGreaterThan(0);
        summary.Duplicates[RecordTypes.Payment].ShouldBeGreaterThan(0);
        App.Campaigns.Count.ShouldBeInRange(10, 14);
    }

    [Fact]
    public void Should_Make_Weekends_Quieter_When_Counting_Daily_Active_Users()
    {
        // Given
        var dau = App.Events.GroupBy(e => DateOnly.FromDateTime(e.Ts))
            .Where(g => g.Key >= Options.StartDate.AddDays(14) && g.Key <= Options.EndDate)
            .Select(g => (Day: g.Key, Users: g.Select(e => e.UserId).Distinct().Count())).ToList();

        // When
        double weekend = dau.Where(d => d.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Users);
        double weekday = dau.Where(d => d.Day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Users);

        // Then
        (weekend / weekday).ShouldBeLessThan(0.93);
    }

    [Fact]
    public void Should_Retain_Fewer_Users_When_Cohorts_Age()
    {
        // Given
        var signups = App.Users.GroupBy(u => u.UserId).ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.First().CreatedAt));

        // When
        double Retention(int n)
        {
            var cohort = signups.Where(s => s.Value.AddDays(n) <= Options.EndDate).ToList();
            return cohort.Count(s => ActiveDays.Value.TryGetValue(s.Key, out var days) && days.Contains(s.Value.AddDays(n)))
                / (double)cohort.Count;
        }
        double d1 = Retention(1), d7 = Retention(7), d30 = Retention(30);

        // Then
        d1.ShouldBeGreaterThan(d7);
        d7.ShouldBeGreaterThan(d30);
        d30.ShouldBeGreaterThan(0.03);
        d1.ShouldBeLessThan(0.7);
    }

    [Fact]
    public void Should_Concentrate_Events_In_The_Top_Decile_When_Engagement_Is_Heavy_Tailed()
    {
        // Given
        var perUser = App.Events.GroupBy(e => e.UserId).Select(g => g.Count()).OrderDescending().ToList();

        // When
        double topShare = perUser.Take(perUser.Count / 10).Sum() / (double)perUser.Sum();

        // Then
        topShare.ShouldBeGreaterThan(0.45);
    }

    [Fact]
    public void Should_Have_Power_Users_When_Looking_At_The_Last_30_Days()
    {
        // Given
        var from = Options.EndDate.AddDays(-29);
        var window = App.Events.Where(e => DateOnly.FromDateTime(e.Ts) >= from && DateOnly.FromDateTime(e.Ts) <= Options.EndDate);

        // When
        int power = window.GroupBy(e => e.UserId).Count(g =>
        {
            int days = g.Select(e => DateOnly.FromDateTime(e.Ts)).Distinct().Count();
            return days >= 16 && g.Count() / (double)days >= 20;
        });

        // Then
        power.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Should_Have_Paying_Users_In_Every_Month_When_Payments_Succeed()
    {
        // Given
        var months = Enumerable.Range(0, Options.Days).Select(d => Options.StartDate.AddDays(d))
            .Select(d => (d.Year, d.Month)).Distinct().ToList();

        // When
        var payers = App.Payments.Where(p => p.Status == "succeeded")
            .GroupBy(p => (p.Ts.Year, p.Ts.Month)).ToDictionary(g => g.Key, g => g.Select(p => p.UserId).Distinct().Count());

        // Then
        foreach (var month in months)
            payers.GetValueOrDefault(month).ShouldBeGreaterThan(0, $"{month}");
    }

    [Fact]
    public void Should_Mix_Session_Identification_When_Writing_Events()
    {
        // Given
        var recorded = App.Sessions.Select(s => s.SessionId).ToHashSet();

        // When
        var withoutId = App.Events.Where(e => e.SessionId is null).ToList();
        double noIdShare = withoutId.Count / (double)App.Events.Count;
        double webShareOfNoId = withoutId.Count(e => e.Platform is "web" or "other") / (double)withoutId.Count;
        int unrecordedIds = App.Events.Where(e => e.SessionId is not null && !recorded.Contains(e.SessionId))
            .Select(e => e.SessionId).Distinct().Count();

        // Then
        noIdShare.ShouldBeInRange(0.05, 0.2);
        webShareOfNoId.ShouldBeGreaterThan(0.6);
        unrecordedIds.ShouldBeGreaterThan(100);
        App.Sessions.Count(s => s.EndedAt is null).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Should_Grow_Signups_And_Tie_Paid_Signups_To_Spend_When_Campaigns_Run()
    {
        // Given
        var firstVersions = App.Users.GroupBy(u => u.UserId).Select(g => g.First()).ToList();
        var paid = new HashSet<string> { "paid_search", "paid_social", "display" };
        var spendByDay = App.AdSpend.GroupBy(a => (a.CampaignId, a.Date)).Select(g => g.Last())
            .GroupBy(a => a.Date).ToDictionary(g => g.Key, g => g.Sum(a => a.Spend));
        var paidByDay = firstVersions.Where(u => u.Channel is not null && paid.Contains(u.Channel))
            .GroupBy(u => DateOnly.FromDateTime(u.CreatedAt)).ToDictionary(g => g.Key, g => g.Count());

        // When
        int firstMonth = firstVersions.Count(u => DateOnly.FromDateTime(u.CreatedAt) < Options.StartDate.AddDays(30));
        int lastMonth = firstVersions.Count(u => DateOnly.FromDateTime(u.CreatedAt) > Options.EndDate.AddDays(-30));
        decimal median = spendByDay.Values.Order().ElementAt(spendByDay.Count / 2);
        double paidOnHighSpend = spendByDay.Where(d => d.Value > median).Average(d => paidByDay.GetValueOrDefault(d.Key));
        double paidOnLowSpend = spendByDay.Where(d => d.Value <= median).Average(d => paidByDay.GetValueOrDefault(d.Key));

        // Then
        lastMonth.ShouldBeGreaterThan(firstMonth);
        paidOnHighSpend.ShouldBeGreaterThan(paidOnLowSpend * 1.3);
    }

    [Fact]
    public void Should_Fix_Crashes_In_Newer_Releases_When_Counting_Fatal_Errors()
    {
        // Given
        var sessionsByVersion = App.Events.Where(e => e.SessionId is not null)
            .GroupBy(e => e.AppVersion!).ToDictionary(g => g.Key, g => g.Select(e => e.SessionId).Distinct().Count());
        var crashesByVersion = App.Errors.Where(e => e.Severity == "fatal" && e.UserId is not null)
            .GroupBy(e => e.AppVersion!).ToDictionary(g => g.Key, g => g.Count());

        // When
        double Rate(string version) => crashesByVersion.GetValueOrDefault(version) / (double)sessionsByVersion[version];

        // Then
        sessionsByVersion.Count.ShouldBeGreaterThanOrEqualTo(5);
        Rate("3.5.0").ShouldBeLessThan(Rate("3.2.0"));
        Rate("3.4.0").ShouldBeLessThan(Rate("3.0.0"));
    }

    [Fact]
    public void Should_Use_The_Whole_Vocabulary_When_Generating()
    {
        // Given
        string[] names =
        [
            "app_open", "screen_view", "view_item", "search", "create_post", "upload_media", "comment", "like", "share",
            "follow", "add_to_cart", "checkout_start", "purchase_complete", "settings_change", "notification_open",
            "app_background",
        ];
        string[] features = ["search", "composer", "media", "comments", "sharing", "playlists", "export", "dark_mode", "notifications"];

        // When
        var events = App.Events;
        var payments = App.Payments;

        // Then
        events.Select(e => e.Name).Distinct().ShouldBe(names, ignoreOrder: true);
        events.Select(e => e.Feature).OfType<string>().Distinct().ShouldBe(features, ignoreOrder: true);
        events.Where(e => e.Properties is not null).Count().ShouldBeGreaterThan(events.Count / 10);
        events.Select(e => e.Platform).Distinct().ShouldBe(["web", "ios", "android", "other"], ignoreOrder: true);
        payments.Select(p => p.Currency).Distinct().ShouldBe(["USD", "EUR", "GBP", "JPY", "INR", "BRL", "CAD", "AUD"], ignoreOrder: true);
        payments.Select(p => p.Method).Distinct().ShouldBe(["card", "paypal", "apple_pay", "google_pay", "bank_transfer"], ignoreOrder: true);
        payments.Select(p => p.Status).Distinct().ShouldBe(["succeeded", "failed"], ignoreOrder: true);
        App.Errors.Select(e => e.Severity).Distinct().ShouldBe(["fatal", "error", "warning"], ignoreOrder: true);
        App.Errors.Count(e => e.UserId is null).ShouldBeGreaterThan(0);
        App.Subscriptions.Select(s => s.Action).Distinct().ShouldBe(["start", "renew", "upgrade", "downgrade", "cancel"], ignoreOrder: true);
        App.Campaigns.Select(c => c.Channel).Distinct().ShouldBe(["paid_search", "paid_social", "display", "email"], ignoreOrder: true);
    }

    [Fact]
    public void Should_Attribute_Campaigns_Only_To_Paid_And_Email_Users_When_Acquiring()
    {
        // Given
        var campaigns = App.Campaigns.Select(c => c.CampaignId).ToHashSet();

        // When
        var users = App.Users.GroupBy(u => u.UserId).Select(g => g.First()).ToList();

        // Then
        users.Where(u => u.Channel is "paid_search" or "paid_social" or "display" or "email")
            .ShouldAllBe(u => u.CampaignId != null && campaigns.Contains(u.CampaignId));
        users.Where(u => u.Channel is null or "organic" or "referral").ShouldAllBe(u => u.CampaignId == null);
        users.Count(u => u.Channel == null).ShouldBeGreaterThan(0);
        users.Select(u => u.Country).Distinct().Count().ShouldBeGreaterThanOrEqualTo(12);
    }
}
