using System.Text;
using static Starboard.Tests.Ingest.IngestSamples;

namespace Starboard.Tests.Ingest;

public class JsonRecordParserTests
{
    [Theory]
    [InlineData("""{"type":"event","event_id":"e""", "malformed")]
    [InlineData("""{"type":"event","event_id":"e",}""", "malformed")]
    [InlineData("""{"type":"event"} trailing""", "malformed")]
    [InlineData("""{"type":"event",'event_id':"e"}""", "malformed")]
    [InlineData("""[1,2]""", "not_an_object")]
    [InlineData(""" "just text" """, "not_an_object")]
    [InlineData("""{"type":"bogus"}""", "type.unknown")]
    [InlineData("""{"event_id":"e"}""", "type.missing")]
    [InlineData("""{"type":7}""", "type.wrong_type")]
    [InlineData("""{"type":"event","type":"user"}""", "type.repeated")]
    [InlineData("""{"type":"event","event_id":"\uD800"}""", "malformed")]
    public void Should_Refuse_Lines_That_Are_Not_Records(string json, string code) => Check(json).Codes.ShouldBe([code]);

    [Fact]
    public void Should_Find_The_Type_Anywhere_In_The_Object()
    {
        var r = Check("""{"event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","type":"event"}""");
        r.Codes.ShouldBeEmpty();
        r["event_id"].ShouldBe("e");
    }

    [Fact]
    public void Should_Ignore_Fields_Outside_The_Contract()
    {
        var r = Check("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","extra":{"deep":[1,{"a":2}]},"more":null}""");
        r.Codes.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Keep_Objects_As_Their_Json_Text()
    {
        var r = Check("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","properties":{"a": [1, "b\u00e9"], "c":{}}}""");
        r["properties"].ShouldBe("""{"a": [1, "b\u00e9"], "c":{}}""");
    }

    [Fact]
    public void Should_Read_Escaped_Property_Names()
    {
        var r = Check("""{"\u0074ype":"event","event_\u0069d":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z"}""");
        r.Codes.ShouldBeEmpty();
        r["event_id"].ShouldBe("e");
    }

    [Fact]
    public void Should_Refuse_Invalid_Utf8_In_Any_Field()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"event","event_id":"e","user_id":"u","name":"X","ts":"2026-01-01T00:00:00Z"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3; // a lead byte without its continuation
        Check(bytes).Codes.ShouldBe(["invalid_utf8"]);
    }

    [Fact]
    public void Should_Refuse_An_Empty_Record() => Check("").Codes.ShouldBe(["malformed"]);
}
