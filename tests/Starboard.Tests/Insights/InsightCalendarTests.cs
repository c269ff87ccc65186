using Starboard.Core.Insights;

namespace Starboard.Tests.Insights;

public sealed class InsightCalendarTests
{
    private static InsightCalendar In(string zone, DayOfWeek weekStart = DayOfWeek.Sunday) => new(InsightCalendar.FindZone(zone)!, weekStart);

    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Fact]
    public void Should_Make_The_Spring_Day_23_Hours_And_The_Autumn_Day_25_Hours()
    {
        var berlin = In("Europe/Berlin");

        var spring = berlin.PeriodStart(Interval.Day, Utc("2026-03-29T12:00:00"));
        spring.ShouldBe(Utc("2026-03-28T23:00:00"));
        (berlin.NextPeriodStart(Interval.Day, spring) - spring).ShouldBe(TimeSpan.FromHours(23));

        var autumn = berlin.PeriodStart(Interval.Day, Utc("2026-10-25T12:00:00"));
        autumn.ShouldBe(Utc("2026-10-24T22:00:00"));
        (berlin.NextPeriodStart(Interval.Day, autumn) - autumn).ShouldBe(TimeSpan.FromHours(25));
        berlin.Label(Interval.Day, autumn).ShouldBe("2026-10-25");
    }

    [Fact]
    public void Should_Give_The_Repeated_Autumn_Hour_Two_Buckets_Named_By_Their_Offsets()
    {
        var berlin = In("Europe/Berlin");
        var grid = PeriodGrid.Covering(berlin, Interval.Hour, Utc("2026-10-24T22:00:00"), Utc("2026-10-25T22:59:59"), "interval");

        grid.Count.ShouldBe(25);
        grid.Labels().ToArray()[1..5].ShouldBe(["2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"]);
        grid.IndexOf(Utc("2026-10-25T00:30:00")).ShouldBe(2);
        grid.IndexOf(Utc("2026-10-25T01:30:00")).ShouldBe(3);
    }

    [Fact]
    public void Should_Start_A_Day_Whose_Midnight_Is_Skipped_When_The_Gap_Ends()
    {
        // Santiago springs forward at midnight: 6 Sep 2026 00:00 -04:00 becomes 01:00 -03:00 (04:00Z).
        var santiago = In("America/Santiago");

        santiago.ToUtc(new DateTime(2026, 9, 6)).ShouldBe(Utc("2026-09-06T04:00:00"));
        var day = santiago.PeriodStart(Interval.Day, Utc("2026-09-06T12:00:00"));
        day.ShouldBe(Utc("2026-09-06T04:00:00"));
        santiago.Label(Interval.Day, day).ShouldBe("2026-09-06");
        (santiago.NextPeriodStart(Interval.Day, day) - day).ShouldBe(TimeSpan.FromHours(23));
        santiago.PeriodStart(Interval.Day, Utc("2026-09-06T03:59:59")).ShouldBe(Utc("2026-09-05T04:00:00"));
    }

    [Fact]
    public void Should_Read_A_Repeated_Wall_Time_As_Its_First_Occurrence_And_A_Skipped_One_With_The_Earlier_Offset()
    {
        var berlin = In("Europe/Berlin");

        berlin.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0)).ShouldBe(Utc("2026-10-25T00:30:00"));
        berlin.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0)).ShouldBe(Utc("2026-03-29T01:30:00"));
        berlin.ToWall(Utc("2026-03-29T01:30:00")).ShouldBe(new DateTime(2026, 3, 29, 3, 30, 0));
    }

    [Fact]
    public void Should_Start_Clock_Hours_At_The_Half_Hour_In_A_Half_Hour_Zone()
    {
        var kolkata = In("Asia/Kolkata");

        var hour = kolkata.PeriodStart(Interval.Hour, Utc("2026-03-01T10:45:00"));
        hour.ShouldBe(Utc("2026-03-01T10:30:00"));
        kolkata.Label(Interval.Hour, hour).ShouldBe("2026-03-01T16:00:00+05:30");
        kolkata.PeriodStart(Interval.Hour, Utc("2026-03-01T10:15:00")).ShouldBe(Utc("2026-03-01T09:30:00"));
    }

    [Theory]
    [InlineData(DayOfWeek.Sunday, "2026-03-01")]
    [InlineData(DayOfWeek.Monday, "2026-03-02")]
    public void Should_Start_Weeks_On_The_Week_Start(DayOfWeek start, string label)
    {
        var calendar = new InsightCalendar(TimeZoneInfo.Utc, start);

        var week = calendar.PeriodStart(Interval.Week, Utc("2026-03-04T10:00:00")); // a Wednesday
        calendar.Label(Interval.Week, week).ShouldBe(label);
        (calendar.NextPeriodStart(Interval.Week, week) - week).ShouldBe(TimeSpan.FromDays(7));
    }

    [Fact]
    public void Should_Step_Months_By_The_Calendar()
    {
        var calendar = In("America/New_York");
        var march = calendar.PeriodStart(Interval.Month, Utc("2026-03-31T12:00:00"));

        march.ShouldBe(Utc("2026-03-01T05:00:00"));
        calendar.NextPeriodStart(Interval.Month, march).ShouldBe(Utc("2026-04-01T04:00:00"));
        calendar.Step(Interval.Month, march, -2).ShouldBe(Utc("2026-01-01T05:00:00"));
        calendar.Step(Interval.Day, march, -1).ShouldBe(Utc("2026-02-28T05:00:00"));
    }

    [Fact]
    public void Should_List_The_Offset_Changes_To_The_Second()
    {
        var changes = In("Europe/Berlin").Transitions(Utc("2026-01-01T00:00:00"), Utc("2027-01-01T00:00:00"));

        changes.ShouldBe([
            (Utc("2026-01-01T00:00:00"), TimeSpan.FromHours(1)),
            (Utc("2026-03-29T01:00:00"), TimeSpan.FromHours(2)),
            (Utc("2026-10-25T01:00:00"), TimeSpan.FromHours(1)),
        ]);
    }

    [Fact]
    public void Should_Refuse_A_Grid_Of_More_Than_The_Bucket_Limit()
    {
        var e = Should.Throw<InsightQueryException>(() =>
            PeriodGrid.Covering(InsightCalendar.Utc, Interval.Hour, Utc("2020-01-01T00:00:00"), Utc("2026-01-01T00:00:00"), "interval"));
        e.Message.ShouldBe("insight: interval: the range holds more than 20000 hours; choose a longer interval or a shorter range");
    }
}
