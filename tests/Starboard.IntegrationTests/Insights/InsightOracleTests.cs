using Starboard.Core.Generate;
using Starboard.Core.Insights;
using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>
/// Every kind of insight against <see cref="ReferenceInsights"/> on a generated app (aliases, late and duplicate
/// events included) whose weeks span the autumn clock changes of Europe and the US, in four time zones.
/// </summary>
public sealed class InsightOracleTests(InsightOracleTests.Data data) : IClassFixture<InsightOracleTests.Data>
{
    /// <summary>300 users over the 40 days to 5 November 2026, loaded once.</summary>
    public sealed class Data() : InsightApp(folder =>
    {
        using var files = new FileRecordSink(folder, OutputFormat.Jsonl);
        SyntheticAppGenerator.Generate(new GeneratorOptions { Users = 300, Days = 40, Seed = 11, EndDate = new DateOnly(2026, 11, 5) }, files);
    })
    {
        internal ReferenceInsights Reference => field ??= new ReferenceInsights(Warehouse);
    }

    public static TheoryData<string> Zones => ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"];

    private static InsightCalendar Calendar(string zone, DayOfWeek weekStart = DayOfWeek.Sunday) => new(InsightCalendar.FindZone(zone)!, weekStart);

    private static PeriodGrid Grid(InsightCalendar calendar, Interval interval, DateTime fromWall, DateTime toWall) =>
        PeriodGrid.Covering(calendar, interval, calendar.ToUtc(fromWall), calendar.ToUtc(toWall), "test");

    private static PeriodGrid Last(InsightCalendar calendar, Interval interval, DateTime toWall, int count)
    {
        var last = calendar.PeriodStart(interval, calendar.ToUtc(toWall));
        return new PeriodGrid(calendar, interval, calendar.Step(interval, last, -(count - 1)), count);
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Should_Agree_On_Retention(string zone)
    {
        var calendar = Calendar(zone);
        var days = Matrix(data.Run($$"""
            {"kind": "retention", "timezone": "{{zone}}", "date_to": "2026-11-05", "total_intervals": 12,
             "target": {"event": "app_open"}, "returning": {"event": "like"}, "minimum_occurrences": 2}
            """)["values"]);
        days.ShouldBe(data.Reference.Retention(Last(calendar, Interval.Day, new DateTime(2026, 11, 5), 12), "app_open", "like", false, false, 2));

        var weeks = Matrix(data.Run($$"""
            {"kind": "retention", "timezone": "{{zone}}", "week_start": "monday", "date_to": "2026-11-05", "period": "week", "total_intervals": 5,
             "target": {"event": "view_item"}, "returning": {"event": "app_open"}, "retention_type": "first_time", "cumulative": true}
            """)["values"]);
        weeks.ShouldBe(data.Reference.Retention(Last(Calendar(zone, DayOfWeek.Monday), Interval.Week, new DateTime(2026, 11, 5), 5), "view_item", "app_open", true, true, 1));

        var hours = Matrix(data.Run($$"""
            {"kind": "retention", "timezone": "{{zone}}", "date_to": "2026-10-25T06:00:00", "period": "hour", "total_intervals": 10,
             "target": {"event": "screen_view"} }
            """)["values"]);
        hours.ShouldBe(data.Reference.Retention(Last(calendar, Interval.Hour, new DateTime(2026, 10, 25, 6, 0, 0), 10), "screen_view", "screen_view", false, false, 1));
        days.Sum(r => r[0]).ShouldBeGreaterThan(50);
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Should_Agree_On_Stickiness(string zone)
    {
        var calendar = Calendar(zone);
        foreach (var (interval, count) in new[] { ("day", 1), ("day", 3), ("week", 1) })
        {
            var result = data.Run($$"""
                {"kind": "stickiness", "timezone": "{{zone}}", "date_from": "2026-10-01", "date_to": "2026-11-01", "interval": "{{interval}}",
                 "interval_count": {{count}}, "series": [{"event": "comment"}]}
                """);
            var grid = Grid(calendar, interval == "day" ? Interval.Day : Interval.Week, new DateTime(2026, 10, 1), new DateTime(2026, 11, 1));
            var (expected, persons) = data.Reference.Stickiness(grid, "comment", count);
            Longs(result["data"]).ShouldBe(expected, $"{interval} x {count}");
            result["count"]!.GetValue<long>().ShouldBe(persons);
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Should_Agree_On_Lifecycle(string zone)
    {
        var calendar = Calendar(zone);
        foreach (var (interval, name) in new[] { (Interval.Day, "like"), (Interval.Week, (string?)null) })
        {
            var result = data.Run($$"""
                {"kind": "lifecycle", "timezone": "{{zone}}", "date_from": "2026-10-10", "date_to": "2026-11-05",
                 "interval": "{{interval.ToString().ToLowerInvariant()}}", "series": [{"event": {{(name is null ? "null" : $"\"{name}\"")}}}]}
                """);
            var expected = data.Reference.Lifecycle(Grid(calendar, interval, new DateTime(2026, 10, 10), new DateTime(2026, 11, 5)), name);
            Longs(result["new"]).ShouldBe(expected[0], $"{interval} new");
            Longs(result["returning"]).ShouldBe(expected[1], $"{interval} returning");
            Longs(result["resurrecting"]).ShouldBe(expected[2], $"{interval} resurrecting");
            Longs(result["dormant"]).ShouldBe(expected[3], $"{interval} dormant");
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Should_Agree_On_Active_Users(string zone)
    {
        var calendar = Calendar(zone);
        var cases = new (string Math, int Days, Interval Interval, DateTime From, DateTime To)[]
        {
            ("dau", 0, Interval.Day, new(2026, 10, 20), new(2026, 11, 5)),
            ("weekly_active", 7, Interval.Day, new(2026, 10, 20), new(2026, 11, 5)),
            ("monthly_active", 30, Interval.Day, new(2026, 10, 28), new(2026, 11, 5)),
            ("weekly_active", 7, Interval.Hour, new(2026, 10, 24, 20, 0, 0), new(2026, 10, 25, 8, 0, 0)),
            ("monthly_active", 30, Interval.Hour, new(2026, 10, 31, 22, 0, 0), new(2026, 11, 1, 9, 0, 0)),
            ("dau", 0, Interval.Hour, new(2026, 10, 24, 20, 0, 0), new(2026, 10, 25, 8, 0, 0)),
            ("weekly_active", 7, Interval.Week, new(2026, 10, 1), new(2026, 11, 5)),
            ("monthly_active", 30, Interval.Month, new(2026, 10, 1), new(2026, 11, 5)),
        };
        foreach (var c in cases)
        {
            var result = data.Run($$"""
                {"kind": "trends", "timezone": "{{zone}}", "date_from": "{{c.From:yyyy-MM-ddTHH:mm:ss}}", "date_to": "{{c.To:yyyy-MM-ddTHH:mm:ss}}",
                 "interval": "{{c.Interval.ToString().ToLowerInvariant()}}", "series": [{"event": null, "math": "{{c.Math}}"}]}
                """);
            Longs(result["data"]).ShouldBe(data.Reference.ActiveUsers(Grid(calendar, c.Interval, c.From, c.To), null, c.Days), $"{c.Math} by {c.Interval}");
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Should_Agree_On_Funnels(string zone)
    {
        var calendar = Calendar(zone);
        var result = data.Run($$"""
            {"kind": "funnel", "timezone": "{{zone}}", "date_from": "2026-10-10", "date_to": "2026-10-31",
             "steps": [{"event": "view_item"}, {"event": "add_to_cart"}, {"event": "checkout_start"}, {"event": "purchase_complete"}],
             "conversion_window": {"value": 2, "unit": "day"},
             "exclusions": [{"event": "search", "from_step": 1, "to_step": 2}]}
            """);
        var expected = data.Reference.Funnel(Grid(calendar, Interval.Day, new DateTime(2026, 10, 10), new DateTime(2026, 10, 31)),
            ["view_item", "add_to_cart", "checkout_start", "purchase_complete"], TimeSpan.FromDays(2), [("search", 1, 2)]);
        Longs(result["step_counts"]).ShouldBe(expected);
        expected[1].ShouldBeGreaterThan(0);
    }
}
