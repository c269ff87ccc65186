using System.Text;
using Starboard.Core.Ingest;
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

    [Theory]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","properties":{"a":[1,-2.5e+3,true,null,{}],"b":""}}""", true)]
    [InlineData(""" { "type" : "event" , "amount" : -0.5E2 } """, true)]
    [InlineData("""{"type":"event","event_id":"e\u0041"}""", false)]
    [InlineData("""{"type":"event","event_id":01}""", false)]
    [InlineData("""{"type":"event","n":1.}""", false)]
    [InlineData("""{"type":"event","n":tru}""", false)]
    [InlineData("""{"type":"event","p":{"a":1,}}""", false)]
    [InlineData("""{"type":"event","p":[1 2]}""", false)]
    [InlineData("""{"type":"event","p":{"a":[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}}""", false)]
    [InlineData("""{}""", false)]
    [InlineData("""{"type":"event"}x""", false)]
    public void Should_Scan_Only_What_It_Can_Vouch_For(string json, bool scanned) =>
        Scans(Encoding.UTF8.GetBytes(json)).ShouldBe(scanned);

    private static bool Scans(byte[] line)
    {
        var record = new RawRecord();
        record.Reset(line, 1);
        return new JsonRecordParser().TryScan(record, out _, out _, out _);
    }

    [Fact]
    public void Should_Read_Every_Line_The_Same_With_Or_Without_The_Flat_Scan()
    {
        // Generated lines of every type (dirty ones included), each also mangled at random: the flat scan and the full
        // reader must make the same record of every one, or the scan must step aside.
        var random = new Random(11);
        var lines = 0;
        var scanned = 0;
        foreach (var line in Directory.GetFiles(Generate.GeneratedSamples.Jsonl.Folder, "*.jsonl").Order().SelectMany(File.ReadLines))
        {
            lines++;
            foreach (var text in new[] { line, Mangle(line, random), Mangle(Mangle(line, random), random) })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                Read(bytes, flatScan: true).ShouldBe(Read(bytes, flatScan: false), text);
                scanned += Scans(bytes) ? 1 : 0;
            }
        }
        scanned.ShouldBeGreaterThan(lines); // the unmangled lines nearly all take the scan, and many mangled ones too
    }

    private static string Mangle(string line, Random random)
    {
        const string significant = "{}[]\",: -+.eE0129tfnul\t\\";
        var at = random.Next(line.Length + 1);
        var from = random.Next(line.Length);
        return random.Next(4) switch
        {
            0 when line.Length > 0 => line.Remove(Math.Min(at, line.Length - 1), 1),
            1 => line.Insert(at, significant[random.Next(significant.Length)].ToString()),
            2 => line.Insert(at, line.Substring(from, Math.Min(8, line.Length - from))),
            _ => line.Insert(at, "\"\\u00e9\""),
        };
    }

    /// <summary>Everything a parse leaves in the record, as text to compare.</summary>
    private static string Read(byte[] bytes, bool flatScan)
    {
        var record = new RawRecord();
        record.Reset(bytes, 1);
        new JsonRecordParser { FlatScan = flatScan }.Parse(record);
        var fields = record.Spec is { } spec
            ? string.Join(" ", spec.Fields.Select((f, i) => $"{f.Name}={record.Kind(i)}:{Encoding.UTF8.GetString(record.Value(i))}"))
            : "";
        return $"{record.Error?.Code}|{record.Error?.Message}|{record.Spec?.Type}|{record.GivenType}|{record.Repeated}|{fields}";
    }
}
