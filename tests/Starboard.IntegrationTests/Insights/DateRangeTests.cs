using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>Ranges, relative dates, time zones and daylight-saving changes, seen through daily active persons.</summary>
public sealed class DateRangeTests(DateRangeTests.Data data) : IClassFixture<DateRangeTests.Data>
{
    private readonly InsightApp _app = data;

    /// <summary>The app, loaded once for the class.</summary>
    public sealed class Data() : InsightApp(
        Event("e1", "u1", "tap", "2026-03-08T09:00:00Z"),
        Event("e2", "u2", "tap", "2026-03-10T14:59:00Z"),
        // Berlin springs forward on 29 March 2026 (02:00 → 03:00, +01:00 → +02:00) and falls back on 25 October
        // (03:00 → 02:00). 28 Mar 23:30Z is 29 Mar 00:30 local; 29 Mar 22:30Z is 30 Mar 00:30 local.
        Event("s1", "s1", "tap", "2026-03-28T23:30:00Z"),
        Event("s2", "s2", "tap", "2026-03-29T22:30:00Z"),
        // Both read 02:30 on the Berlin clock: the first at +02:00, the second an hour later at +01:00.
        Event("f1", "f1", "tap", "2026-10-25T00:30:00Z"),
        Event("f2", "f2", "tap", "2026-10-25T01:30:00Z"),
        // 25 Oct 22:30Z is 23:30 local, still 25 October (a 25-hour day).
        Event("f3", "f3", "tap", "2026-10-25T22:30:00Z"));

    private static string Range(string from, string? to, string? now = null) =>
        $"\"date_from\": \"{from}\", \"date_to\": {(to is null ? "null" : $"\"{to}\"")}" + (now is null ? "" : $", \"now\": \"{now}\"");

    private (string[] Buckets, long[] Data) Dau(string range, string interval = "day", string zone = "UTC")
    {
        var result = _app.Run($$"""
            {"kind": "trends", {{range}}, "interval": "{{interval}}", "timezone": "{{zone}}", "series": [{"event": "tap", "math": "dau"}]}
            """);
        return (Strings(result["buckets"]), Longs(result["data"]));
    }

    [Theory]
    [InlineData("-2d", "day", new[] { "2026-03-08", "2026-03-09", "2026-03-10" })]
    [InlineData("-1w", "day", new[] { "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10" })]
    [InlineData("-3h", "hour", new[] { "2026-03-10T12:00:00+00:00", "2026-03-10T13:00:00+00:00", "2026-03-10T14:00:00+00:00", "2026-03-10T15:00:00+00:00" })]
    [InlineData("-1m", "week", new[] { "2026-02-08", "2026-02-15", "2026-02-22", "2026-03-01", "2026-03-08" })]
    public void Should_Resolve_Relative_Dates_Against_Now_And_End_At_Now_When_Date_To_Is_Null(string from, string interval, string[] buckets)
    {
        // -1m is 10 February (midnight), whose week starts on Sunday 8 February.
        var (actual, _) = Dau(Range(from, null, now: "2026-03-10T15:30:00Z"), interval);
        actual.ShouldBe(buckets);
    }

    [Fact]
    public void Should_Start_At_The_Earliest_Event_For_All()
    {
        var (buckets, data) = Dau(Range("all", "2026-03-10"));
        buckets[0].ShouldBe("2026-03-08");
        data.ShouldBe([1, 0, 1]);
    }

    [Fact]
    public void Should_Read_A_Date_To_Without_A_Time_As_Local_Midnight_So_Hours_Reach_Only_Its_First_Hour()
    {
        var (buckets, _) = Dau(Range("2026-03-09T22:00:00", "2026-03-10"), "hour");
        buckets.ShouldBe(["2026-03-09T22:00:00+00:00", "2026-03-09T23:00:00+00:00", "2026-03-10T00:00:00+00:00"]);
    }

    [Fact]
    public void Should_Read_Values_Without_An_Offset_In_The_Query_Time_Zone()
    {
        // In New York (UTC-4 from 8 March), u2's 14:59Z is 10:59 on 10 March: inside 09:00–10:59 local, and
        // outside 11:00–12:00 local; with an explicit offset the value is an instant.
        Dau(Range("2026-03-10T09:00:00", "2026-03-10T10:00:00"), "hour", "America/New_York").Data.ShouldBe([0, 1]);
        Dau(Range("2026-03-10T11:00:00", "2026-03-10T12:00:00"), "hour", "America/New_York").Data.ShouldBe([0, 0]);
        Dau(Range("2026-03-10T14:00:00Z", "2026-03-10T14:00:00Z"), "hour", "America/New_York").Buckets
            .ShouldBe(["2026-03-10T10:00:00-04:00"]);
    }

    [Fact]
    public void Should_Count_Local_Days_Across_The_Spring_Change()
    {
        var (buckets, data) = Dau(Range("2026-03-28", "2026-03-30"), zone: "Europe/Berlin");
        buckets.ShouldBe(["2026-03-28", "2026-03-29", "2026-03-30"]);
        data.ShouldBe([0, 1, 1]);
        // In UTC both fall on their UTC dates.
        Dau(Range("2026-03-28", "2026-03-30")).Data.ShouldBe([1, 1, 0]);
    }

    [Fact]
    public void Should_Have_23_Clock_Hours_On_The_Spring_Day_And_25_On_The_Autumn_Day()
    {
        var (spring, _) = Dau(Range("2026-03-29", "2026-03-29T23:00:00"), "hour", "Europe/Berlin");
        spring.Length.ShouldBe(23);
        spring[1..3].ShouldBe(["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00"]);

        var (autumn, data) = Dau(Range("2026-10-25", "2026-10-25T23:00:00"), "hour", "Europe/Berlin");
        autumn.Length.ShouldBe(25);
        autumn[2..4].ShouldBe(["2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00"]);
        data[2..4].ShouldBe([1L, 1L]);
        data[^1].ShouldBe(1); // f3 at 23:30 local
    }

    [Fact]
    public void Should_Count_The_Whole_25_Hour_Autumn_Day_In_One_Bucket()
    {
        var (buckets, data) = Dau(Range("2026-10-25", "2026-10-26"), zone: "Europe/Berlin");
        buckets.ShouldBe(["2026-10-25", "2026-10-26"]);
        data.ShouldBe([3, 0]);
    }

    [Fact]
    public void Should_Name_Date_To_When_It_Is_Before_Date_From()
    {
        var e = Should.Throw<Starboard.Core.Insights.InsightQueryException>(() => Dau(Range("2026-03-10", "2026-03-09")));
        e.Message.ShouldBe("insight: date_to: is before date_from (2026-03-09T00:00:00Z < 2026-03-10T00:00:00Z)");
    }

}
