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

    [Fact]
    public void Should_Use_Utc_Session_Time_Zone_When_Connection_String_Names_None()
    {
        // Given: DuckDB would otherwise use the host's zone for TIMESTAMP <-> TIMESTAMPTZ casts
        using var connection = DuckDbTestHelpers.OpenInMemory();
        var value = new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        connection.Exec("CREATE TABLE tz(v TIMESTAMPTZ)");

        // When
        connection.Exec("INSERT INTO tz VALUES ($1)", value);

        // Then
        connection.Scalar<string>("SELECT current_setting('TimeZone')").ShouldBe("UTC");
        connection.Scalar<DateTime>("SELECT v FROM tz").ShouldBe(value);
        connection.Scalar<string>("SELECT v::VARCHAR FROM tz").ShouldBe("2024-07-01 12:00:00+00");
    }

    [Fact]
    public void Should_Use_Named_Session_Time_Zone_When_Connection_String_Sets_One()
    {
        // Given
        using var connection = DuckDbTestHelpers.OpenInMemory("Data Source=:memory:;TimeZone=America/New_York");

        // When
        var rendered = connection.Scalar<string>("SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00'::VARCHAR");

        // Then
        rendered.ShouldBe("2024-07-01 08:00:00-04");
    }
}
