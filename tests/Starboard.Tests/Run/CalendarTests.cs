using Starboard.Core.Run;

namespace Starboard.Tests.Run;

public class CalendarTests
{
    [Theory]
    [InlineData("2025-10-01", 10, 2026, 1)]
    [InlineData("2025-09-30", 10, 2025, 12)]
    [InlineData("2026-01-15", 1, 2026, 1)]
    [InlineData("2026-03-31", 4, 2026, 12)]
    [InlineData("2026-04-01", 4, 2027, 1)]
    public void Should_Name_Fiscal_Years_For_The_Year_They_End_In(string day, int start, int year, int month) =>
        Calendar.Fiscal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), start).ShouldBe((year, month));

    [Fact]
    public void Should_Cover_2015_To_2035_With_Iso_Weeks_And_Holidays()
    {
        var rows = Calendar.DateRows(1).ToList();
        rows.Count.ShouldBe(7670);
        var newYear2027 = rows.Single(r => (int)r[0]! == 20270101);
        newYear2027[6].ShouldBe(53);   // ISO week 53 of ...
        newYear2027[7].ShouldBe(2026); // ... ISO year 2026
        newYear2027[20].ShouldBe(true);
        Holidays.NameOf(new DateOnly(2026, 11, 26)).ShouldBe("Thanksgiving Day");
        Holidays.NameOf(new DateOnly(2026, 5, 25)).ShouldBe("Memorial Day");
    }

    [Fact]
    public void Should_Have_1440_Minutes() => Calendar.TimeRows().Count().ShouldBe(1440);
}
