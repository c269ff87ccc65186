using System.Text;
using Starboard.Core.Ingest;
using static Starboard.Tests.Ingest.IngestSamples;

namespace Starboard.Tests.Ingest;

public class RecordReaderTests
{
    private const string Event = """{"type":"event","event_id":"e1","user_id":"u1","name":"like","ts":"2026-01-01T10:00:00Z"}""";

    [Fact]
    public void Should_Read_Jsonl_With_Crlf_A_Bom_Blank_Lines_And_No_Final_Newline()
    {
        var text = "\uFEFF" + Event + "\r\n\r\n   \n" + Event.Replace("e1", "e2", StringComparison.Ordinal);
        var rows = Read(Encoding.UTF8.GetBytes(text), "events.jsonl");
        rows.Select(r => r.Line).ShouldBe([1L, 4L]);
        rows.ShouldAllBe(r => r.Checked.IsValid);
        rows[1].Checked["event_id"].ShouldBe("e2");
    }

    [Fact]
    public void Should_Cut_A_Line_Longer_Than_The_Limit_And_Carry_On()
    {
        var text = Event + "\n{\"type\":\"event\",\"event_id\":\"" + new string('x', 3 << 20) + "\"}\n" + Event.Replace("e1", "e3", StringComparison.Ordinal) + "\n";
        var rows = Read(Encoding.UTF8.GetBytes(text), "events.jsonl", maxRecordBytes: 1 << 20);
        rows.Select(r => r.Line).ShouldBe([1L, 2L, 3L]);
        rows[1].Checked.Codes.ShouldBe(["too_long"]);
        rows[1].Text.Length.ShouldBe(1024);
        rows[2].Checked["event_id"].ShouldBe("e3");
    }

    [Fact]
    public void Should_Read_Csv_With_Quotes_Embedded_Newlines_Crlf_And_A_Bom()
    {
        var csv = "\uFEFFtype,event_id,user_id,name,ts,properties\r\n"
            + "event,e1,u1,\"a, \"\"quoted\"\"\nname\",2026-01-01T00:00:00Z,\"{\"\"k\"\":1}\"\r\n"
            + "event,e2,u1,plain,2026-01-01T00:00:00Z,\r\n";
        var rows = Read(Encoding.UTF8.GetBytes(csv), "events.csv");
        rows.Select(r => r.Line).ShouldBe([2L, 4L]);
        rows[0].Checked.Codes.ShouldBeEmpty();
        rows[0].Checked["name"].ShouldBe("a, \"quoted\"\nname");
        rows[0].Checked["properties"].ShouldBe("{\"k\":1}");
        rows[1].Checked["properties"].ShouldBeNull();
        rows[1].Text.ShouldBe("event,e2,u1,plain,2026-01-01T00:00:00Z,");
    }

    [Fact]
    public void Should_Take_The_Type_From_The_File_Name_When_There_Is_No_Type_Column()
    {
        var rows = ReadAll("payment_id,user_id,ts,amount,currency,status\np1,u1,2026-01-01T00:00:00Z,1.5,USD,succeeded\n", "payments_ios.csv.gz");
        rows.Single().Spec!.Type.ShouldBe("payment");
        rows[0].Codes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("type,event_id,user_id\nevent,e1\n", "column_count", "expected 3 columns, got 2")]
    [InlineData("type,event_id,user_id\nevent,\"e1\"x,u1\n", "malformed", "malformed CSV: text after the closing quote of column 2")]
    [InlineData("type,event_id,user_id\nevent,\"e1,u1\nevent,e2,u2\n", "malformed", "malformed CSV: a quoted field does not end")]
    [InlineData("event_id,user_id\ne1,u1\n", "type.missing", "no `type` column, and the file name does not name a record type")]
    [InlineData("type,event_id\n,e1\n", "type.missing", "missing required field 'type'")]
    public void Should_Reject_Bad_Csv_Rows(string csv, string code, string message)
    {
        var row = ReadAll(csv, "export.csv")[0];
        row.Codes.ShouldBe([code]);
        row.Reasons[0].Message.ShouldBe(message);
    }

    [Fact]
    public void Should_Keep_Going_After_A_Bad_Csv_Row()
    {
        var rows = Read(Encoding.UTF8.GetBytes("type,event_id,user_id,name,ts\nevent,e1\nevent,e2,u1,x,2026-01-01T00:00:00Z\n"), "events.csv");
        rows.Select(r => r.Checked.IsValid).ShouldBe([false, true]);
        rows.Select(r => r.Line).ShouldBe([2L, 3L]);
    }

    [Fact]
    public void Should_Refuse_A_Repeated_Csv_Column()
    {
        var row = ReadAll("type,event_id,user_id,name,ts,event_id\nevent,e1,u1,x,2026-01-01T00:00:00Z,e2\n", "events.csv").Single();
        row.Codes.ShouldBe(["event_id.repeated"]);
    }

    [Theory]
    [InlineData("", "events.csv")]
    [InlineData("type,event_id,user_id,name,ts\n", "events.csv")]
    [InlineData("type,event_id,user_id,name,ts", "events.csv")]
    [InlineData("", "events.jsonl")]
    [InlineData("\n\n  \n", "events.jsonl")]
    public void Should_Yield_Nothing_For_Empty_Or_Header_Only_Input(string text, string file) => ReadAll(text, file).ShouldBeEmpty();

    [Theory]
    [InlineData("events.jsonl")]
    [InlineData("events.csv")]
    public void Should_Hash_Exactly_The_Prefix_It_Has_Consumed_And_Resume_From_It(string file)
    {
        // Given input with several records
        var text = file.EndsWith(".csv", StringComparison.Ordinal)
            ? "type,event_id,user_id,name,ts\n" + string.Concat(Enumerable.Range(1, 50).Select(i => $"event,e{i},u1,\"multi\nline\",2026-01-01T00:00:00Z\r\n"))
            : string.Concat(Enumerable.Range(1, 50).Select(i => Event.Replace("e1", $"e{i}", StringComparison.Ordinal) + "\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        var record = new RawRecord();

        // When one reader stops after 20 records
        long offset, lines;
        using (var reader = Open(bytes, file))
        {
            for (var i = 0; i < 20; i++)
                reader.Read(record).ShouldBeTrue();
            offset = reader.Position;
            lines = reader.LinesConsumed;
            Convert.ToHexString(reader.PrefixHash()).ShouldBe(Convert.ToHexString(System.IO.Hashing.XxHash128.Hash(bytes.AsSpan(0, (int)offset))));
        }

        // Then another, skipping to that point, reads the remaining 30 with the same line numbers
        using var resumed = Open(bytes, file);
        resumed.SkipTo(offset, lines).ShouldBeTrue();
        var rest = new List<(long, string)>();
        while (resumed.Read(record))
            rest.Add((record.Line, Check(record)["event_id"]!.ToString()!));
        rest.Count.ShouldBe(30);
        rest[0].ShouldBe((file.EndsWith(".csv", StringComparison.Ordinal) ? 2L + 20 * 2 : 21L, "e21"));
        Convert.ToHexString(resumed.PrefixHash()).ShouldBe(Convert.ToHexString(System.IO.Hashing.XxHash128.Hash(bytes)));
    }
}
