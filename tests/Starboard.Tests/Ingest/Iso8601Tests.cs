using Starboard.Core.Ingest;

namespace Starboard.Tests.Ingest;

public class Iso8601Tests
{
    [Theory]
    [InlineData("2026-03-05T14:22:31.123Z", "2026-03-05T14:22:31.1230000", true)]
    [InlineData("2026-03-05T16:22:31.123+02:00", "2026-03-05T14:22:31.1230000", true)]
    [InlineData("2026-03-05T09:22:31-0500", "2026-03-05T14:22:31.0000000", true)]
    [InlineData("2026-03-05 14:22:31", "2026-03-05T14:22:31.0000000", false)]
    [InlineData("2026-03-05T14:22:31.1234567891Z", "2026-03-05T14:22:31.1234567", true)]
    [InlineData("2026-03-01T00:30:00+01:00", "2026-02-28T23:30:00.0000000", true)]
    public void Should_Parse_To_Utc(string text, string expected, bool hadOffset)
    {
        Iso8601.TryParseTimestamp(text, out var utc, out var offset).ShouldBeTrue();
        utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff").ShouldBe(expected);
        utc.Kind.ShouldBe(DateTimeKind.Utc);
        offset.ShouldBe(hadOffset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-03-05")]
    [InlineData("2026-03-05T24:00:00Z")]
    [InlineData("2026-03-05T14:22:31.Z")]
    [InlineData("2026-03-05T14:22:31+25:00")]
    [InlineData("2026-03-05T14:22:31Zjunk")]
    [InlineData("12345")]
    [InlineData("yesterday")]
    public void Should_Refuse_What_Is_Not_A_Timestamp(string text) =>
        Iso8601.TryParseTimestamp(text, out _, out _).ShouldBeFalse();

    [Fact]
    public void Should_Parse_Dates_Strictly()
    {
        Iso8601.TryParseDate("2024-02-29", out var d).ShouldBeTrue();
        d.ShouldBe(new DateOnly(2024, 2, 29));
        Iso8601.TryParseDate("2023-02-29", out _).ShouldBeFalse();
        Iso8601.TryParseDate("2023-2-1", out _).ShouldBeFalse();
    }
}
