using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>Stickiness worked out by hand over 1–5 March 2026 (UTC days).</summary>
public sealed class StickinessTests(StickinessTests.Data data) : IClassFixture<StickinessTests.Data>
{
    // Days with a like: a on the 1st (twice) and 2nd; b on the 3rd; c on the 1st, 2nd, 3rd and 5th; d on
    // 28 Feb and 6 Mar (outside the range); e on 24 and 25 Feb.
    private readonly InsightApp _app = data;

    /// <summary>The app, loaded once for the class.</summary>
    public sealed class Data() : InsightApp(
        Event("a1", "a", "like", "2026-03-01T08:00:00Z"),
        Event("a2", "a", "like", "2026-03-01T09:00:00Z"),
        Event("a3", "a", "like", "2026-03-02T09:00:00Z"),
        Event("b1", "b", "like", "2026-03-03T09:00:00Z"),
        Event("c1", "c", "like", "2026-03-01T10:00:00Z"),
        Event("c2", "c", "like", "2026-03-02T10:00:00Z"),
        Event("c3", "c", "like", "2026-03-03T10:00:00Z"),
        Event("c4", "c", "like", "2026-03-05T23:59:59Z"),
        Event("c5", "c", "comment", "2026-03-04T10:00:00Z"),
        Event("d1", "d", "like", "2026-02-28T10:00:00Z"),
        Event("d2", "d", "like", "2026-03-06T00:00:00Z"),
        Event("e1", "e", "like", "2026-02-24T10:00:00Z"),
        Event("e2", "e", "like", "2026-02-25T10:00:00Z"));

    private static string Query(string extra = "") => $$"""
        {"kind": "stickiness", "date_from": "2026-03-01", "date_to": "2026-03-05", "interval": "day",
         "series": [{"event": "like"}]{{extra}}}
        """;

    [Fact]
    public void Should_Count_Persons_By_The_Number_Of_Buckets_They_Were_Active_In()
    {
        var result = _app.Run(Query());

        // b: 1 day, a: 2 days, c: 4 days (the comment is another event); d is outside the range.
        Longs(result["data"]).ShouldBe([1, 1, 0, 1, 0]);
        Longs(result["days"]).ShouldBe([1, 2, 3, 4, 5]);
        result["count"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public void Should_Count_Persons_Active_In_At_Least_K_Buckets_When_Cumulative()
    {
        var result = _app.Run(Query(""", "computed_as": "cumulative" """));

        Longs(result["data"]).ShouldBe([3, 2, 1, 1, 0]);
        result["count"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public void Should_Group_Intervals_Into_Blocks_From_Date_From()
    {
        var result = _app.Run(Query(""", "interval_count": 2 """));

        // Blocks 1–2, 3–4 and 5 March: a is in the first, b in the second, c in all three.
        Longs(result["days"]).ShouldBe([1, 2, 3]);
        Longs(result["data"]).ShouldBe([2, 0, 1]);
    }

    [Theory]
    [InlineData("gte", 2, new long[] { 1, 0, 0, 0, 0 }, 1)] // only a's 1 March (two likes)
    [InlineData("lte", 1, new long[] { 2, 0, 0, 1, 0 }, 3)] // a's 2 March, b's day, c's four days
    [InlineData("exact", 2, new long[] { 1, 0, 0, 0, 0 }, 1)]
    public void Should_Count_Only_Buckets_Where_The_Criteria_On_The_Event_Count_Hold(string op, int value, long[] data, long count)
    {
        var result = _app.Run(Query($$""", "criteria": {"operator": "{{op}}", "value": {{value}}}"""));

        Longs(result["data"]).ShouldBe(data);
        result["count"]!.GetValue<long>().ShouldBe(count);
    }

    [Fact]
    public void Should_Compare_With_The_Previous_Range_Of_Equal_Length()
    {
        var result = _app.Run(Query(""", "compare": true"""));

        Longs(result["current"]!["data"]).ShouldBe([1, 1, 0, 1, 0]);
        // 24–28 February: d on one day, e on two.
        Longs(result["previous"]!["data"]).ShouldBe([1, 1, 0, 0, 0]);
        result["previous"]!["count"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public void Should_Compare_With_A_Shifted_Range()
    {
        var result = _app.Run(Query(""", "compare_to": "-1w" """));

        // 22–26 February: only e, on two days.
        Longs(result["previous"]!["data"]).ShouldBe([0, 1, 0, 0, 0]);
        result["previous"]!["count"]!.GetValue<long>().ShouldBe(1);
        Longs(result["current"]!["data"]).ShouldBe([1, 1, 0, 1, 0]);
    }

}
