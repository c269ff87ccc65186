using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>The npm build of libduckdb links the ICU extension in, so named time zones work offline.</summary>
public sealed class TimeZoneTests
{
    [Fact]
    public void Should_Convert_To_New_York_Wall_Clock_When_Icu_Time_Zones_Are_Used()
    {
        // Given: 07:30 UTC on the morning US daylight saving time began (02:00 EST -> 03:00 EDT)
        using var connection = DuckDbTestHelpers.OpenInMemory();

        // When
        var local = connection.Scalar<DateTime>("SELECT timezone('America/New_York', TIMESTAMPTZ '2024-03-10 07:30:00+00')");
        var before = connection.Scalar<DateTime>("SELECT timezone('America/New_York', TIMESTAMPTZ '2024-03-10 06:30:00+00')");

        // Then
        local.ShouldBe(new DateTime(2024, 3, 10, 3, 30, 0));
        before.ShouldBe(new DateTime(2024, 3, 10, 1, 30, 0));
    }
}
