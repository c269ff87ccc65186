using System.Text;
using Starboard.Core.Ingest;

namespace Starboard.Tests.Ingest;

public class CsvSourceTests
{
    private static List<SourceRecord> Read(string csv, string file = "events.csv") =>
        new CsvSource(new MemoryStream(Encoding.UTF8.GetBytes(csv)), file).Records().ToList();

    [Fact]
    public void Should_Read_Quoted_Fields_Embedded_Newlines_Crlf_And_A_Bom()
    {
        var rows = Read("\uFEFFtype,event_id,user_id,name,ts,properties\r\nevent,e1,u1,\"a, \"\"quoted\"\"\nname\",2026-01-01T00:00:00Z,\"{\"\"k\"\":1}\"\r\n");
        rows.Count.ShouldBe(1);
        var r = rows[0].Record;
        r.Error.ShouldBeNull();
        r.Fields![r.Spec!.IndexOf("name")].Text.ShouldBe("a, \"quoted\"\nname");
        r.Fields[r.Spec.IndexOf("properties")].Text.ShouldBe("{\"k\":1}");
    }

    [Fact]
    public void Should_Take_The_Type_From_The_File_Name_When_There_Is_No_Type_Column()
    {
        var rows = Read("payment_id,user_id,ts,amount,currency,status\np1,u1,2026-01-01T00:00:00Z,1.5,USD,succeeded\n", "payments_ios.csv");
        rows[0].Record.Spec!.Type.ShouldBe("payment");
    }

    [Fact]
    public void Should_Reject_A_Row_With_The_Wrong_Column_Count()
    {
        var rows = Read("type,event_id,user_id\nevent,e1\n");
        rows[0].Record.Error!.Value.Code.ShouldBe("column_count");
        rows[0].Line.ShouldBe(2);
    }

    [Fact]
    public void Should_Yield_Nothing_For_A_Header_Only_File() => Read("type,event_id\n").ShouldBeEmpty();

    [Theory]
    [InlineData("users.csv", "user")]
    [InlineData("ad_spend.csv", "ad_spend")]
    [InlineData("fx_rates.csv", "fx_rate")]
    [InlineData("events_late.csv", "event")]
    [InlineData("notes.csv", null)]
    public void Should_Map_File_Names_To_Record_Types(string file, string? type) => CsvSource.TypeFromFileName(file).ShouldBe(type);
}
