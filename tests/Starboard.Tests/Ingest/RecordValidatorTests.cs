using System.Text;
using Starboard.Core.Ingest;

namespace Starboard.Tests.Ingest;

public class RecordValidatorTests
{
    private static readonly RecordValidator Validator = new(new FixedClock(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));

    private static ValidatedRecord? Validate(string json, out LineRecord line)
    {
        line = JsonRecordReader.Read(Encoding.UTF8.GetBytes(json));
        return line.Error is null ? Validator.Validate(line.Spec!, line.Fields) : null;
    }

    [Fact]
    public void Should_Accept_A_Valid_Payment_With_Typed_Values()
    {
        var r = Validate("""{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T12:30:00Z","amount":"19.99","currency":"EUR","status":"succeeded","properties":{"a":[1,2]}}""", out _)!;
        r.IsValid.ShouldBeTrue();
        r.Values[r.Spec.IndexOf("amount")].ShouldBe(19.99m);
        r.Values[r.Spec.IndexOf("ts")].ShouldBe(new DateTime(2026, 1, 1, 12, 30, 0, DateTimeKind.Utc));
        r.Values[r.Spec.IndexOf("properties")].ShouldBe("""{"a":[1,2]}""");
    }

    [Fact]
    public void Should_Give_Every_Reason_At_Once()
    {
        var r = Validate("""{"type":"payment","payment_id":"p1","ts":"1999-12-31T23:59:59Z","amount":-5,"currency":"ZZZ","status":"pending"}""", out _)!;
        r.IsValid.ShouldBeFalse();
        r.Reasons.Select(x => x.Code).ShouldBe(["user_id.missing", "ts.too_old", "amount.negative", "currency.unknown_currency", "status.not_allowed"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":12345}""", "ts.bad_timestamp")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2099-01-01T00:00:00Z"}""", "ts.in_future")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":"abc","currency":"USD"}""", "amount.not_a_number")]
    [InlineData("""{"type":"event","event_id":"e","user_id":{"id":1},"name":"x","ts":"2026-01-01T00:00:00Z"}""", "user_id.wrong_type")]
    [InlineData("""{"type":"user","user_id":"u","created_at":"2026-01-01T00:00:00Z","country":"XX"}""", "country.unknown_country")]
    [InlineData("""{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":1.12345678901}""", "rate.too_precise")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","properties":[1]}""", "properties.wrong_type")]
    public void Should_Reject_With_The_Reason(string json, string code)
    {
        var r = Validate(json, out _)!;
        r.Reasons.Select(x => x.Code).ShouldContain(code);
    }

    [Theory]
    [InlineData("""{"type":"event","event_id":"e""", "malformed")]
    [InlineData("""[1,2]""", "not_an_object")]
    [InlineData("""{"type":"bogus"}""", "type.unknown")]
    [InlineData("""{"event_id":"e"}""", "type.missing")]
    [InlineData("""{"type":"event"} trailing""", "malformed")]
    public void Should_Refuse_Lines_That_Are_Not_Records(string json, string code)
    {
        Validate(json, out var line).ShouldBeNull();
        line.Error!.Value.Code.ShouldBe(code);
    }

    [Fact]
    public void Should_Refuse_Invalid_Utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"event","event_id":"e","user_id":"u","name":"X","ts":"2026-01-01T00:00:00Z"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        var line = JsonRecordReader.Read(bytes);
        line.Error!.Value.Code.ShouldBe("invalid_utf8");
    }

    [Fact]
    public void Should_Note_When_Utc_Was_Assumed()
    {
        Validate("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00"}""", out _)!.AssumedUtc.ShouldBeTrue();
        Validate("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z"}""", out _)!.AssumedUtc.ShouldBeFalse();
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
