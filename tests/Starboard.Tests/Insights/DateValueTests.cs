using Starboard.Core.Insights;

namespace Starboard.Tests.Insights;

public sealed class DateValueTests
{
    private static readonly InsightCalendar Berlin = new(InsightCalendar.FindZone("Europe/Berlin")!, DayOfWeek.Sunday);
    private static readonly DateTime Now = new(2026, 3, 31, 21, 45, 0, DateTimeKind.Utc); // 23:45 on 31 March in Berlin

    private static DateTime Resolve(string text, bool allowAll = false) =>
        DateValue.TryParse(text, allowAll)!.Resolve(Berlin, Now, () => new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));

    [Theory]
    [InlineData("2026-03-01", "2026-02-28T23:00:00Z")]           // a date is local midnight
    [InlineData("2026-07-01T12:00:00", "2026-07-01T10:00:00Z")]  // no offset: local time
    [InlineData("2026-07-01T12:00:00Z", "2026-07-01T12:00:00Z")] // an offset: that instant
    [InlineData("2026-07-01T12:00:00+05:00", "2026-07-01T07:00:00Z")]
    [InlineData("-2h", "2026-03-31T19:00:00Z")]                  // 23:45 local minus 2 h, down to 21:00 local
    [InlineData("-0h", "2026-03-31T21:00:00Z")]
    [InlineData("-1d", "2026-03-29T22:00:00Z")]                  // 30 March, local midnight (CEST)
    [InlineData("-1w", "2026-03-23T23:00:00Z")]                  // 24 March, local midnight (CET)
    [InlineData("-1m", "2026-02-27T23:00:00Z")]                  // 31 March minus a month is 28 February (clamped)
    public void Should_Resolve_Against_Now_In_The_Time_Zone(string text, string expected)
    {
        var utc = Resolve(text);
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);
    }

    [Fact]
    public void Should_Resolve_All_To_The_Earliest_Event()
    {
        Resolve("all", allowAll: true).ShouldBe(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        DateValue.TryParse("all", allowAll: false).ShouldBeNull();
    }

    [Theory]
    [InlineData("-1y")]
    [InlineData("1d")]
    [InlineData("-d")]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    public void Should_Refuse_Other_Forms(string text) => DateValue.TryParse(text, allowAll: true).ShouldBeNull();

    [Fact]
    public void Should_Shift_Days_By_The_Calendar_And_Hours_By_Elapsed_Time()
    {
        // 12:00 on 29 March (after the spring change) minus a day is 12:00 on 28 March: 23 hours earlier.
        var noon = Berlin.ToUtc(new DateTime(2026, 3, 29, 12, 0, 0));
        (noon - new RelativeShift(1, 'd').ShiftInstant(Berlin, noon)).ShouldBe(TimeSpan.FromHours(23));
        (noon - new RelativeShift(24, 'h').ShiftInstant(Berlin, noon)).ShouldBe(TimeSpan.FromHours(24));
    }
}
