using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>Retention matrices worked out by hand (UTC days unless a test says otherwise).</summary>
public sealed class RetentionTests
{
    // Days with app_open: u1 on 1, 2, 4 March; u2 on 1, 3; u3 on 2, 3.
    private static InsightApp AppOpens() => new(
        Event("a1", "u1", "app_open", "2026-03-01T10:00:00Z"),
        Event("a2", "u1", "app_open", "2026-03-02T09:00:00Z"),
        Event("a3", "u1", "app_open", "2026-03-04T12:00:00Z"),
        Event("b1", "u2", "app_open", "2026-03-01T20:00:00Z"),
        Event("b2", "u2", "app_open", "2026-03-03T08:00:00Z"),
        Event("c1", "u3", "app_open", "2026-03-02T11:00:00Z"),
        Event("c2", "u3", "app_open", "2026-03-03T12:00:00Z"));

    private const string Recurring = """
        {"kind": "retention", "date_to": "2026-03-04", "period": "day", "total_intervals": 4,
         "target": {"event": "app_open"}, "returning": {"event": "app_open"}, "retention_type": "recurring" CUMULATIVE}
        """;

    [Fact]
    public void Should_Put_A_Recurring_Person_In_Every_Cohort_And_Count_Returns_Per_Period()
    {
        using var app = AppOpens();
        var result = app.Run(Recurring.Replace("CUMULATIVE", ""));

        // The last cohort is the day that contains date_to; four cohorts back from it.
        Strings(result["cohort_starts"]).ShouldBe(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]);
        Matrix(result["values"]).ShouldBe(new long[][]
        {
            [2, 1, 1, 1], // 1 Mar: u1, u2; back on the 2nd u1, on the 3rd u2, on the 4th u1
            [2, 1, 1, 0], // 2 Mar: u1, u3; back on the 3rd u3, on the 4th u1; past the last period: 0
            [2, 0, 0, 0], // 3 Mar: u2, u3; neither on the 4th
            [1, 0, 0, 0], // 4 Mar: u1
        });
    }

    [Fact]
    public void Should_Count_A_Member_In_Every_Cell_Up_To_Their_Last_Return_When_Cumulative()
    {
        using var app = AppOpens();
        var result = app.Run(Recurring.Replace("CUMULATIVE", ", \"cumulative\": true"));

        Matrix(result["values"]).ShouldBe(new long[][]
        {
            [2, 2, 2, 1], // u1 (back 2nd, 4th) and u2 (back 3rd): both on the 2nd or later, both 3rd or later, u1 4th
            [2, 2, 1, 0], // u1 (back 4th), u3 (back 3rd)
            [2, 0, 0, 0],
            [1, 0, 0, 0],
        });
    }

    [Fact]
    public void Should_Apply_Minimum_Occurrences_To_Returns_But_Not_To_The_Cohort()
    {
        // a signs up and likes once on the 2nd, twice on the 3rd; b likes twice on the 2nd; c only signs up.
        using var app = new InsightApp(
            Event("s1", "a", "signup", "2026-03-01T08:00:00Z"),
            Event("s2", "b", "signup", "2026-03-01T09:00:00Z"),
            Event("s3", "c", "signup", "2026-03-01T10:00:00Z"),
            Event("l1", "a", "like", "2026-03-02T08:00:00Z"),
            Event("l2", "a", "like", "2026-03-03T08:00:00Z"),
            Event("l3", "a", "like", "2026-03-03T09:00:00Z"),
            Event("l4", "b", "like", "2026-03-02T08:00:00Z"),
            Event("l5", "b", "like", "2026-03-02T18:00:00Z"));
        var result = app.Run("""
            {"kind": "retention", "date_to": "2026-03-03", "total_intervals": 3,
             "target": {"event": "signup"}, "returning": {"event": "like"}, "minimum_occurrences": 2}
            """);

        // Cohort 1 Mar: a, b, c (one signup each is enough). 2nd: only b liked twice. 3rd: only a did.
        Matrix(result["values"])[0].ShouldBe([3, 1, 1]);
    }

    [Fact]
    public void Should_Put_A_First_Time_Person_Only_In_The_Cohort_Of_Their_First_Target_Event_Ever()
    {
        // p1 first purchased before the first cohort; p2 on the 1st and again on the 3rd; p3 first on the 3rd.
        using var app = new InsightApp(
            Event("p1a", "p1", "purchase", "2026-02-20T10:00:00Z"),
            Event("p1b", "p1", "purchase", "2026-03-02T10:00:00Z"),
            Event("p1c", "p1", "app_open", "2026-03-03T10:00:00Z"),
            Event("p2a", "p2", "purchase", "2026-03-01T10:00:00Z"),
            Event("p2b", "p2", "app_open", "2026-03-02T10:00:00Z"),
            Event("p2c", "p2", "purchase", "2026-03-03T10:00:00Z"),
            Event("p3a", "p3", "purchase", "2026-03-03T11:00:00Z"),
            Event("p3b", "p3", "app_open", "2026-03-04T11:00:00Z"));
        const string query = """
            {"kind": "retention", "date_to": "2026-03-04", "total_intervals": 4,
             "target": {"event": "purchase"}, "returning": {"event": "app_open"}, "retention_type": "TYPE"}
            """;

        var firstTime = Matrix(app.Run(query.Replace("TYPE", "first_time"))["values"]);
        var recurring = Matrix(app.Run(query.Replace("TYPE", "recurring"))["values"]);

        // p1 is in no cohort (first purchase before 1 Mar); p2 only in 1 Mar's; p3 in 3 Mar's.
        firstTime.ShouldBe(new long[][] { [1, 1, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0] });
        // Recurring: p1 in 2 Mar's (back on the 3rd), p2 in 1 Mar's and 3 Mar's, p3 in 3 Mar's.
        recurring.ShouldBe(new long[][] { [1, 1, 0, 0], [1, 1, 0, 0], [2, 1, 0, 0], [0, 0, 0, 0] });
    }

    [Fact]
    public void Should_Count_Merged_Persons_When_An_Anonymous_Id_Is_Aliased()
    {
        // anon-1's first visit and u1's return are the same person; anon-2 has no alias and stays a person of its own.
        using var app = new InsightApp(
            Alias("anon-1", "u1"),
            Event("e1", "anon-1", "app_open", "2026-03-01T10:00:00Z"),
            Event("e2", "u1", "app_open", "2026-03-02T10:00:00Z"),
            Event("e3", "anon-2", "app_open", "2026-03-01T11:00:00Z"));
        var result = app.Run("""
            {"kind": "retention", "date_to": "2026-03-02", "total_intervals": 2, "target": {"event": "app_open"}}
            """);

        Matrix(result["values"]).ShouldBe(new long[][] { [2, 1], [1, 0] });
    }

    [Fact]
    public void Should_Use_Weeks_From_The_Week_Start_In_The_Query_Time_Zone()
    {
        // 2026-03-01 is a Sunday. In New York (UTC-5), 2026-03-02T03:00Z is still Sunday 1 March, 22:00.
        using var app = new InsightApp(
            Event("e1", "u3", "app_open", "2026-03-02T03:00:00Z"),
            Event("e2", "u1", "app_open", "2026-03-03T15:00:00Z"),
            Event("e3", "u2", "app_open", "2026-03-09T15:00:00Z"));
        const string query = """
            {"kind": "retention", "date_to": "2026-03-10", "period": "week", "total_intervals": 2,
             "timezone": "America/New_York", "week_start": "START", "target": {"event": "app_open"}}
            """;

        // Monday weeks: u3's Sunday evening falls in the week of 23 Feb (no cohort), u1's Tuesday in 2 Mar's,
        // and 9 Mar holds u2 alone.
        var monday = app.Run(query.Replace("START", "monday"));
        Strings(monday["cohort_starts"]).ShouldBe(["2026-03-02", "2026-03-09"]);
        Matrix(monday["values"]).ShouldBe(new long[][] { [1, 0], [1, 0] });
        // Sunday weeks: 1 Mar holds u3 and u1, 8 Mar u2.
        var sunday = app.Run(query.Replace("START", "sunday"));
        Strings(sunday["cohort_starts"]).ShouldBe(["2026-03-01", "2026-03-08"]);
        Matrix(sunday["values"]).ShouldBe(new long[][] { [2, 0], [1, 0] });
    }

    [Fact]
    public void Should_Count_Monthly_Returns_By_Calendar_Month()
    {
        using var app = new InsightApp(
            Event("e1", "u1", "app_open", "2026-01-31T23:00:00Z"),
            Event("e2", "u1", "app_open", "2026-02-01T00:30:00Z"),
            Event("e3", "u2", "app_open", "2026-01-05T00:30:00Z"),
            Event("e4", "u2", "app_open", "2026-03-31T00:30:00Z"));
        var result = app.Run("""
            {"kind": "retention", "date_to": "2026-03-01", "period": "month", "total_intervals": 3, "target": {"event": "app_open"}}
            """);

        Strings(result["cohort_starts"]).ShouldBe(["2026-01-01", "2026-02-01", "2026-03-01"]);
        Matrix(result["values"]).ShouldBe(new long[][] { [2, 1, 1], [1, 0, 0], [1, 0, 0] });
    }
}
