using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>
/// Active users worked out by hand. Over 1–3 March 2026 (UTC): a is active on the 1st (twice, on two screens)
/// and the 3rd, b on the 1st, c only on 23 Feb, d only on 31 Jan.
/// </summary>
public sealed class TrendsTests(TrendsTests.Data data) : IClassFixture<TrendsTests.Data>
{
    private readonly InsightApp _app = data;

    /// <summary>The app, loaded once for the class.</summary>
    public sealed class Data() : InsightApp(
        User("a", "2026-01-01T00:00:00Z", "\"plan\":\"pro\""),
        User("b", "2026-01-01T00:00:00Z", "\"plan\":\"free\""),
        Event("a1", "a", "app_open", "2026-03-01T08:00:00Z", """{"screen":"home"}"""),
        Event("a2", "a", "app_open", "2026-03-01T09:00:00Z", """{"screen":"feed"}"""),
        Event("a3", "a", "app_open", "2026-03-03T09:00:00Z", """{"screen":"feed"}"""),
        Event("b1", "b", "app_open", "2026-03-01T10:00:00Z", """{"screen":"home"}"""),
        Event("c1", "c", "app_open", "2026-02-23T00:00:00Z"),
        Event("d1", "d", "app_open", "2026-01-31T12:00:00Z"));

    private static string Query(string math, string interval = "day", string extra = "", string from = "2026-03-01", string to = "2026-03-03") => $$"""
        {"kind": "trends", "date_from": "{{from}}", "date_to": "{{to}}", "interval": "{{interval}}",
         "series": [{"event": "app_open", "math": "{{math}}"}]{{extra}}}
        """;

    [Fact]
    public void Should_Count_Distinct_Persons_Per_Bucket_For_Dau()
    {
        var result = _app.Run(Query("dau"));

        Strings(result["buckets"]).ShouldBe(["2026-03-01", "2026-03-02", "2026-03-03"]);
        Longs(result["data"]).ShouldBe([2, 0, 1]);
    }

    [Fact]
    public void Should_Count_The_Seven_Days_Ending_On_Each_Day_For_Weekly_Active_Reaching_Before_Date_From()
    {
        var result = _app.Run(Query("weekly_active"));

        // 1 Mar: 23 Feb–1 Mar holds a, b and c; 2 Mar: 24 Feb–2 Mar holds a and b; 3 Mar: a and b.
        Longs(result["data"]).ShouldBe([3, 2, 2]);
    }

    [Fact]
    public void Should_Count_The_Thirty_Days_Ending_On_Each_Day_For_Monthly_Active()
    {
        var result = _app.Run(Query("monthly_active"));

        // 1 Mar's 30 days start on 31 Jan (d); 2 Mar's on 1 Feb.
        Longs(result["data"]).ShouldBe([4, 3, 3]);
    }

    [Fact]
    public void Should_Give_The_Last_Buckets_Value_As_The_Aggregate()
    {
        _app.Run(Query("weekly_active", extra: """, "display": "aggregate" """))["aggregated_value"]!.GetValue<long>().ShouldBe(2);
        _app.Run(Query("dau", extra: """, "display": "aggregate" """))["aggregated_value"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public void Should_Count_Distinct_Persons_In_Each_Week_For_Weekly_Active_By_Week()
    {
        var result = _app.Run(Query("weekly_active", "week", from: "2026-02-22", to: "2026-03-03"));

        // Sunday weeks: 22–28 Feb holds c; 1–7 March holds a and b.
        Strings(result["buckets"]).ShouldBe(["2026-02-22", "2026-03-01"]);
        Longs(result["data"]).ShouldBe([1, 2]);
    }

    [Fact]
    public void Should_Split_Persons_By_An_Event_Property_Ordered_By_Value()
    {
        var result = _app.Run(Query("dau", extra: """, "breakdown": {"type": "event", "property": "screen"}"""));

        // a counts under both screens they used on the 1st; c and d are outside the range.
        var breakdown = result["breakdown"]!.AsArray();
        breakdown.Select(b => b!["value"]?.GetValue<string>()).ShouldBe(["feed", "home"]);
        Longs(breakdown[0]!["data"]).ShouldBe([1, 0, 1]);
        Longs(breakdown[1]!["data"]).ShouldBe([2, 0, 0]);
    }

    [Fact]
    public void Should_Split_Persons_By_A_Person_Property_With_Persons_Lacking_It_Last()
    {
        var result = _app.Run(Query("weekly_active", extra: """, "breakdown": {"type": "person", "property": "plan"}, "display": "aggregate" """));

        // On 3 March the week holds a (pro) and b (free); c, with no user record, fell out of the window on the 2nd.
        var breakdown = result["breakdown"]!.AsArray();
        breakdown.Select(b => b!["value"]?.GetValue<string>()).ShouldBe(["free", "pro", null]);
        breakdown.Select(b => b!["aggregated_value"]!.GetValue<long>()).ShouldBe([1L, 1L, 0L]);
    }

    [Fact]
    public void Should_Order_Numeric_Breakdown_Values_As_Numbers()
    {
        using var app = new InsightApp(
            Event("e1", "u1", "tap", "2026-03-01T10:00:00Z", """{"level":10}"""),
            Event("e2", "u2", "tap", "2026-03-01T10:00:00Z", """{"level":9}"""),
            Event("e3", "u3", "tap", "2026-03-01T10:00:00Z", """{"level":9}"""));
        var result = app.Run("""
            {"kind": "trends", "date_from": "2026-03-01", "date_to": "2026-03-01", "series": [{"event": "tap"}],
             "breakdown": {"property": "level"}, "display": "aggregate"}
            """);

        var breakdown = result["breakdown"]!.AsArray();
        breakdown.Select(b => b!["value"]!.GetValue<string>()).ShouldBe(["9", "10"]);
        breakdown.Select(b => b!["aggregated_value"]!.GetValue<long>()).ShouldBe([2L, 1L]);
    }

    [Fact]
    public void Should_Count_The_Seven_Days_Ending_At_The_End_Of_Each_Hour_For_Weekly_Active_By_Hour()
    {
        // Hours 00, 01 and 02 of 3 March. Their windows: [24 Feb 01:00, 3 Mar 01:00), [24 Feb 02:00, 3 Mar 02:00),
        // [24 Feb 03:00, 3 Mar 03:00). x at 24 Feb 01:30 is in the first only, w at 02:30 in the first two, y
        // (3 Mar 01:15) in the last two, z (24 Feb 00:30) in none.
        using var app = new InsightApp(
            Event("x", "x", "tap", "2026-02-24T01:30:00Z"),
            Event("w", "w", "tap", "2026-02-24T02:30:00Z"),
            Event("y", "y", "tap", "2026-03-03T01:15:00Z"),
            Event("z", "z", "tap", "2026-02-24T00:30:00Z"));
        var result = app.Run("""
            {"kind": "trends", "date_from": "2026-03-03T00:00:00Z", "date_to": "2026-03-03T02:00:00Z", "interval": "hour",
             "series": [{"event": null, "math": "weekly_active"}]}
            """);

        Strings(result["buckets"]).ShouldBe(["2026-03-03T00:00:00+00:00", "2026-03-03T01:00:00+00:00", "2026-03-03T02:00:00+00:00"]);
        Longs(result["data"]).ShouldBe([2, 2, 1]);
    }

}
