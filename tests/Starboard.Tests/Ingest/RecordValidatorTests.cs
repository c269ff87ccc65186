using System.Text;
using Starboard.Core.Contract;
using static Starboard.Tests.Ingest.IngestSamples;

namespace Starboard.Tests.Ingest;

public class RecordValidatorTests
{
    /// <summary>A complete valid record of every type of SPEC section 3 (every optional field given).</summary>
    public static readonly Dictionary<string, string> Full = new()
    {
        ["user"] = """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-02-01T10:00:00Z","country":"DE","platform":"ios","plan":"pro","channel":"paid_search","campaign_id":"c1","email":"a@b.c","properties":{"k":1}}""",
        ["alias"] = """{"type":"alias","distinct_id":"anon-1","user_id":"u1"}""",
        ["session"] = """{"type":"session","session_id":"s1","user_id":"u1","started_at":"2026-01-01T10:00:00Z","ended_at":"2026-01-01T10:30:00Z","platform":"web","device":"Chrome","app_version":"1.2.3","country":"US","properties":{}}""",
        ["event"] = """{"type":"event","event_id":"e1","user_id":"u1","name":"like","ts":"2026-01-01T10:00:00Z","session_id":"s1","platform":"android","device":"Pixel","app_version":"1.0","country":"FR","feature":"feed","properties":{"x":[1,2]}}""",
        ["order"] = """{"type":"order","order_id":"o1","user_id":"u1","ts":"2026-01-01T10:00:00Z","status":"completed","amount":"22.97","currency":"USD","updated_at":"2026-01-01T10:05:00Z","items":[{"sku":"A","quantity":2,"unit_price":9.99},{"sku":"B","quantity":1,"unit_price":2.99}],"properties":{}}""",
        ["payment"] = """{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":19.99,"currency":"EUR","status":"succeeded","updated_at":"2026-01-01T10:00:01Z","order_id":"o1","method":"card","source":"ios","properties":{}}""",
        ["refund"] = """{"type":"refund","refund_id":"r1","payment_id":"p1","user_id":"u1","ts":"2026-01-02T10:00:00Z","amount":5,"currency":"EUR","properties":{}}""",
        ["subscription"] = """{"type":"subscription","subscription_id":"sub1","user_id":"u1","ts":"2026-01-01T10:00:00Z","action":"upgrade","plan":"pro","mrr":29.99,"currency":"GBP","properties":{}}""",
        ["error"] = """{"type":"error","error_id":"err1","ts":"2026-01-01T10:00:00Z","code":"E_CRASH","severity":"fatal","user_id":"u1","session_id":"s1","message":"boom","platform":"ios","app_version":"1.0","properties":{}}""",
        ["campaign"] = """{"type":"campaign","campaign_id":"c1","name":"Brand","channel":"paid_search","started_at":"2026-01-01T00:00:00Z","ended_at":"2026-02-01T00:00:00Z","budget":1000,"currency":"USD","properties":{}}""",
        ["ad_spend"] = """{"type":"ad_spend","campaign_id":"c1","date":"2026-01-01","spend":"12.50","currency":"USD","impressions":1000,"clicks":12,"properties":{}}""",
        ["fx_rate"] = """{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":1.0850000001}""",
    };

    /// <summary>Only the required fields of every type.</summary>
    public static readonly Dictionary<string, string> Minimal = new()
    {
        ["user"] = """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z"}""",
        ["alias"] = """{"type":"alias","distinct_id":"anon-1","user_id":"u1"}""",
        ["session"] = """{"type":"session","session_id":"s1","user_id":"u1","started_at":"2026-01-01T10:00:00Z"}""",
        ["event"] = """{"type":"event","event_id":"e1","user_id":"u1","name":"like","ts":"2026-01-01T10:00:00Z"}""",
        ["order"] = """{"type":"order","order_id":"o1","user_id":"u1","ts":"2026-01-01T10:00:00Z","status":"placed","amount":0,"currency":"USD"}""",
        ["payment"] = """{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":1,"currency":"EUR","status":"failed"}""",
        ["refund"] = """{"type":"refund","refund_id":"r1","payment_id":"p1","user_id":"u1","ts":"2026-01-02T10:00:00Z","amount":5,"currency":"EUR"}""",
        ["subscription"] = """{"type":"subscription","subscription_id":"sub1","user_id":"u1","ts":"2026-01-01T10:00:00Z","action":"cancel","plan":"pro","mrr":0,"currency":"GBP"}""",
        ["error"] = """{"type":"error","error_id":"err1","ts":"2026-01-01T10:00:00Z","code":"E1","severity":"warning"}""",
        ["campaign"] = """{"type":"campaign","campaign_id":"c1","name":"Brand","channel":"organic"}""",
        ["ad_spend"] = """{"type":"ad_spend","campaign_id":"c1","date":"2026-01-01","spend":0,"currency":"USD"}""",
        ["fx_rate"] = """{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":1.08}""",
    };

    public static TheoryData<string> Types => [.. InputContract.Records.Select(r => r.Type)];

    [Theory]
    [MemberData(nameof(Types))]
    public void Should_Accept_A_Complete_And_A_Minimal_Record_Of_Every_Type(string type)
    {
        var full = Check(Full[type]);
        var minimal = Check(Minimal[type]);
        full.Codes.ShouldBeEmpty();
        minimal.Codes.ShouldBeEmpty();
        full.Spec!.Type.ShouldBe(type);
        full.Values.Count(v => v.Value is not null).ShouldBe(full.Spec.Fields.Count(f => Full[type].Contains($"\"{f.Name}\"", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Should_Name_Every_Missing_Required_Field(string type)
    {
        var spec = InputContract.Find(type)!;
        var r = Check($$"""{"type":"{{type}}"}""");
        r.Codes.ShouldBe([.. spec.Fields.Where(f => f.Required).Select(f => $"{f.Name}.missing")], ignoreOrder: true);
    }

    [Fact]
    public void Should_Convert_Values_To_Their_Types()
    {
        var r = Check(Full["payment"]);
        r["amount"].ShouldBe(19.99m);
        r["ts"].ShouldBe(new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc));
        r["properties"].ShouldBe("{}");
        Check(Full["ad_spend"])["date"].ShouldBe(new DateOnly(2026, 1, 1));
        Check(Full["ad_spend"])["impressions"].ShouldBe(1000L);
        Check(Full["fx_rate"])["rate"].ShouldBe(1.0850000001m);
    }

    [Fact]
    public void Should_Give_Every_Reason_At_Once()
    {
        var r = Check("""{"type":"payment","payment_id":"p1","ts":"1999-12-31T23:59:59Z","amount":-5,"currency":"ZZZ","status":"pending","source":"tv"}""");
        r.Codes.ShouldBe(["user_id.missing", "ts.too_old", "amount.negative", "currency.unknown_currency", "status.not_allowed", "source.not_allowed"], ignoreOrder: true);
        r.Reasons.Single(x => x.Code == "status.not_allowed").Message.ShouldBe("status: 'pending' is not one of succeeded, failed");
    }

    [Theory]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":12345}""", "ts.bad_timestamp")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-02-30T00:00:00Z"}""", "ts.bad_timestamp")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-11-02T00:00:01Z"}""", "ts.in_future")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"9999-12-31T23:59:59Z"}""", "ts.in_future")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"0001-01-01T00:00:00Z"}""", "ts.too_old")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2000-01-01T00:30:00+01:00"}""", "ts.too_old")]
    [InlineData("""{"type":"ad_spend","campaign_id":"c","date":"1999-12-31","spend":1,"currency":"USD"}""", "date.too_old")]
    [InlineData("""{"type":"ad_spend","campaign_id":"c","date":"2026-11-03","spend":1,"currency":"USD"}""", "date.in_future")]
    [InlineData("""{"type":"ad_spend","campaign_id":"c","date":"2026-01-01T00:00:00Z","spend":1,"currency":"USD"}""", "date.bad_date")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":"abc","currency":"USD"}""", "amount.not_a_number")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":true,"currency":"USD"}""", "amount.not_a_number")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1e13,"currency":"USD"}""", "amount.out_of_range")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1.0000001,"currency":"USD"}""", "amount.too_precise")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"shipped","amount":1,"currency":"USD"}""", "status.not_allowed")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1,"currency":"usd"}""", "currency.unknown_currency")]
    [InlineData("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1,"currency":"BTC"}""", "currency.unknown_currency")]
    [InlineData("""{"type":"event","event_id":"e","user_id":{"id":1},"name":"x","ts":"2026-01-01T00:00:00Z"}""", "user_id.wrong_type")]
    [InlineData("""{"type":"event","event_id":"e","user_id":["u"],"name":"x","ts":"2026-01-01T00:00:00Z"}""", "user_id.wrong_type")]
    [InlineData("""{"type":"event","event_id":"e","user_id":true,"name":"x","ts":"2026-01-01T00:00:00Z"}""", "user_id.wrong_type")]
    [InlineData("""{"type":"user","user_id":"u","created_at":"2026-01-01T00:00:00Z","country":"XX"}""", "country.unknown_country")]
    [InlineData("""{"type":"user","user_id":"u","created_at":"2026-01-01T00:00:00Z","country":"us"}""", "country.unknown_country")]
    [InlineData("""{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":1.12345678901}""", "rate.too_precise")]
    [InlineData("""{"type":"fx_rate","date":"2026-01-01","currency":"EUR","rate":-1.1}""", "rate.negative")]
    [InlineData("""{"type":"ad_spend","campaign_id":"c","date":"2026-01-01","spend":1,"currency":"USD","clicks":-1}""", "clicks.negative")]
    [InlineData("""{"type":"ad_spend","campaign_id":"c","date":"2026-01-01","spend":1,"currency":"USD","clicks":1.5}""", "clicks.not_an_integer")]
    [InlineData("""{"type":"subscription","subscription_id":"s","user_id":"u","ts":"2026-01-01T00:00:00Z","action":"pause","plan":"p","mrr":1,"currency":"USD"}""", "action.not_allowed")]
    [InlineData("""{"type":"subscription","subscription_id":"s","user_id":"u","ts":"2026-01-01T00:00:00Z","action":"start","plan":"p","mrr":-9.99,"currency":"USD"}""", "mrr.negative")]
    [InlineData("""{"type":"refund","refund_id":"r","payment_id":"p","user_id":"u","ts":"2026-01-01T00:00:00Z","amount":"-0.01","currency":"USD"}""", "amount.negative")]
    [InlineData("""{"type":"error","error_id":"x","ts":"2026-01-01T00:00:00Z","code":"E","severity":"info"}""", "severity.not_allowed")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","properties":[1]}""", "properties.wrong_type")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","properties":"not json"}""", "properties.wrong_type")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z","event_id":"f"}""", "event_id.repeated")]
    [InlineData("""{"type":"event","event_id":"e","user_id":"u\u0000","name":"x","ts":"2026-01-01T00:00:00Z"}""", "user_id.control_character")]
    public void Should_Reject_With_The_Reason(string json, string code) => Check(json).Codes.ShouldContain(code);

    [Fact]
    public void Should_Accept_Timestamps_With_And_Without_Offsets_And_Note_Assumed_Utc()
    {
        var withOffset = Check("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01T02:00:00+02:00"}""");
        var without = Check("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-01-01 00:00:00.5"}""");
        withOffset["ts"].ShouldBe(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        withOffset.AssumedUtc.ShouldBeFalse();
        without["ts"].ShouldBe(new DateTime(2026, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc));
        without.AssumedUtc.ShouldBeTrue();
    }

    [Fact]
    public void Should_Accept_Up_To_A_Day_Ahead()
    {
        Check("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-11-01T23:59:59Z"}""").Codes.ShouldBeEmpty();
        Check("""{"type":"event","event_id":"e","user_id":"u","name":"x","ts":"2026-11-02T00:00:00Z"}""").Codes.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Reject_A_Session_That_Ends_Before_It_Starts()
    {
        var r = Check("""{"type":"session","session_id":"s","user_id":"u","started_at":"2026-01-01T10:00:00Z","ended_at":"2026-01-01T09:59:59Z"}""");
        r.Codes.ShouldBe(["ended_at.before_started_at"]);
        Check("""{"type":"session","session_id":"s","user_id":"u","started_at":"2026-01-01T10:00:00Z","ended_at":"2026-01-01T12:00:00+02:00"}""").Codes.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Reject_A_Campaign_Ending_Before_It_Starts_Or_A_Budget_Without_Currency()
    {
        Check("""{"type":"campaign","campaign_id":"c","name":"n","channel":"x","started_at":"2026-02-01T00:00:00Z","ended_at":"2026-01-01T00:00:00Z"}""")
            .Codes.ShouldBe(["ended_at.before_started_at"]);
        Check("""{"type":"campaign","campaign_id":"c","name":"n","channel":"x","budget":100}""").Codes.ShouldBe(["currency.missing"]);
    }

    [Theory]
    [InlineData("""[{"sku":"A","quantity":0,"unit_price":1}]""", "items[0]: quantity must be an integer of at least 1")]
    [InlineData("""[{"sku":"A","quantity":1.5,"unit_price":1}]""", "items[0]: quantity must be an integer of at least 1")]
    [InlineData("""[{"sku":"A","quantity":1,"unit_price":-1}]""", "items[0]: unit_price must be a non-negative number (unit_price: -1 is negative)")]
    [InlineData("""[{"sku":"A","quantity":1}]""", "items[0]: missing unit_price")]
    [InlineData("""[{"quantity":1,"unit_price":1}]""", "items[0]: missing sku")]
    [InlineData("""[{"sku":"A","quantity":1,"unit_price":1},7]""", "items[1]: not an object")]
    [InlineData("""[{"sku":"","quantity":1,"unit_price":1}]""", "items[0]: sku must be text of 1 to 256 characters")]
    public void Should_Check_Every_Order_Item(string items, string message)
    {
        var r = Check($$"""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1,"currency":"USD","items":{{items}}}""");
        r.Codes.ShouldBe(["items.bad_item"]);
        r.Reasons[0].Message.ShouldBe(message);
    }

    [Fact]
    public void Should_Accept_Items_As_Json_Text_And_Refuse_Items_That_Are_Not_A_List()
    {
        Check("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1,"currency":"USD","items":"[{\"sku\":\"A\",\"quantity\":1,\"unit_price\":1}]"}""")
            .Codes.ShouldBeEmpty();
        Check("""{"type":"order","order_id":"o","user_id":"u","ts":"2026-01-01T00:00:00Z","status":"placed","amount":1,"currency":"USD","items":{"sku":"A"}}""")
            .Codes.ShouldBe(["items.wrong_type"]);
    }

    [Fact]
    public void Should_Keep_Sql_Injection_Text_Verbatim()
    {
        const string injection = "x'); DROP TABLE raw_events; --";
        var r = Check($$"""{"type":"event","event_id":"{{injection}}","user_id":"u\" OR 1=1 --","name":"x","ts":"2026-01-01T00:00:00Z","device":"Robert'); DELETE FROM loads;--"}""");
        r.Codes.ShouldBeEmpty();
        r["event_id"].ShouldBe(injection);
        r["user_id"].ShouldBe("u\" OR 1=1 --");
        r["device"].ShouldBe("Robert'); DELETE FROM loads;--");
    }

    [Fact]
    public void Should_Refuse_A_Megabyte_String_With_A_Short_Reason()
    {
        var big = new string('x', 1 << 20);
        var r = Check($$"""{"type":"error","error_id":"e","ts":"2026-01-01T00:00:00Z","code":"E","severity":"error","message":"{{big}}","device":"{{big}}"}""");
        r.Codes.ShouldBe(["message.too_long"]);
        r.Reasons[0].Message.ShouldBe("message: longer than 65536 characters");
    }

    [Fact]
    public void Should_Count_Characters_Not_Bytes_For_Text_Limits()
    {
        var accents = new string('é', 256); // 512 bytes, 256 characters
        Check($$"""{"type":"event","event_id":"{{accents}}","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z"}""").Codes.ShouldBeEmpty();
        Check($$"""{"type":"event","event_id":"{{accents}}é","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z"}""").Codes.ShouldBe(["event_id.too_long"]);
    }

    [Fact]
    public void Should_Treat_Empty_Text_And_Null_As_Missing()
    {
        Check("""{"type":"event","event_id":"","user_id":null,"name":"x","ts":"2026-01-01T00:00:00Z","device":""}""")
            .Codes.ShouldBe(["event_id.missing", "user_id.missing"], ignoreOrder: true);
    }

    [Fact]
    public void Should_Accept_Numeric_Ids_As_Their_Text()
    {
        var r = Check("""{"type":"event","event_id":12345,"user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z"}""");
        r.Codes.ShouldBeEmpty();
        r["event_id"].ShouldBe("12345");
    }

    [Fact]
    public void Should_Decode_Escaped_Strings()
    {
        var r = Check("""{"type":"event","event_id":"e\u00e9\n\"q\"","user_id":"u","name":"x","ts":"2026-01-01T00:00:00Z"}""");
        r["event_id"].ShouldBe("eé\n\"q\"");
    }

    [Fact]
    public void Should_Validate_Csv_Cells_As_Text()
    {
        var rows = ReadAll("type,order_id,user_id,ts,status,amount,currency,items\norder,o1,u1,2026-01-01T00:00:00Z,placed,9.99,USD,\"[{\"\"sku\"\":\"\"A\"\",\"\"quantity\"\":1,\"\"unit_price\"\":9.99}]\"\n", "orders.csv");
        rows.Single().Codes.ShouldBeEmpty();
        rows[0]["amount"].ShouldBe(9.99m);
        rows[0]["items"].ShouldBe("""[{"sku":"A","quantity":1,"unit_price":9.99}]""");
    }

    [Fact]
    public void Should_Say_Where_Utf8_Is_Invalid()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal["event"]);
        bytes[Array.IndexOf(bytes, (byte)'l')] = 0xFF;
        var r = Check(bytes);
        r.Codes.ShouldBe(["invalid_utf8"]);
        r.Reasons[0].Message.ShouldBe($"invalid UTF-8 at byte {Array.IndexOf(bytes, (byte)0xFF) + 1}");
    }
}
