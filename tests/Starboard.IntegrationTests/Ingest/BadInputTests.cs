using System.Text;
using Starboard.Core.Ingest;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>
/// Bad input of every kind, each between good records: what is loaded, what is rejected, and why. A bad record
/// never stops the records around it, and the warehouse keeps the bad one's raw text with every reason.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
    private readonly TestWarehouse _w = new(clock: Clock);

    private static string Event(string id, string extra = "") =>
        $$"""{"type":"event","event_id":"{{id}}","user_id":"u1","name":"like","ts":"2026-01-01T10:00:00Z"{{extra}}}""";

    private static string Payment(string id, string amount = "9.99", string currency = "USD") =>
        $$"""{"type":"payment","payment_id":"{{id}}","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":{{amount}},"currency":"{{currency}}","status":"succeeded","source":"web"}""";

    private LoadResult IngestLines(string file, params string[] lines) => _w.Ingest(_w.WriteFile(file, lines)).Loads.Single();

    private IReadOnlyList<string> EventIds() => _w.Strings("SELECT event_id FROM raw_events ORDER BY line");

    [Fact]
    public void Should_Reject_Truncated_Json_And_Load_Its_Neighbours()
    {
        var load = IngestLines("events.jsonl", Event("e1"), """{"type":"event","event_id":"e2","user_id":"u1","na""", Event("e3"));

        (load.Received, load.Loaded, load.Rejected).ShouldBe((3L, 2L, 1L));
        EventIds().ShouldBe(["e1", "e3"]);
        var reject = _w.Rejects().Single();
        (reject.Line, reject.Codes[0], reject.RecordType).ShouldBe((2L, "malformed", (string?)null));
        reject.Raw.ShouldBe("""{"type":"event","event_id":"e2","user_id":"u1","na""");
        reject.Reasons.ShouldStartWith("malformed JSON: ");
    }

    [Fact]
    public void Should_Reject_Invalid_Utf8_And_Keep_Its_Text_Readable()
    {
        var path = Path.Combine(_w.Folder, "events.jsonl");
        var bad = Encoding.UTF8.GetBytes(Event("e2", ""","device":"X" """.TrimEnd()));
        bad[Array.IndexOf(bad, (byte)'X')] = 0xFF;
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Event("e1") + "\n"), .. bad, (byte)'\n', .. Encoding.UTF8.GetBytes(Event("e3") + "\n")]);

        _w.Ingest(path);

        EventIds().ShouldBe(["e1", "e3"]);
        var reject = _w.Rejects().Single();
        reject.Codes.ShouldBe(["invalid_utf8"]);
        reject.Raw.ShouldContain("\"device\":\"\uFFFD\"");
    }

    [Fact]
    public void Should_Reject_Wrong_Types_Missing_Fields_Negative_Amounts_And_Unknown_Currencies_With_Every_Reason()
    {
        IngestLines("payments.jsonl",
            Payment("p1"),
            """{"type":"payment","payment_id":"p2","user_id":{"id":7},"ts":1767261600,"amount":"ten","currency":"USD","status":"succeeded"}""",
            """{"type":"payment","payment_id":"p3","ts":"2026-01-01T10:00:00Z","currency":"USD"}""",
            Payment("p4", amount: "-9.99"),
            Payment("p5", currency: "XYZ"),
            Payment("p6", amount: "-1", currency: "EURO"),
            Payment("p7"));

        _w.Strings("SELECT payment_id FROM raw_payments_web ORDER BY line").ShouldBe(["p1", "p7"]);
        var rejects = _w.Rejects();
        rejects.Select(r => r.Line).ShouldBe([2L, 3L, 4L, 5L, 6L]);
        rejects.ShouldAllBe(r => r.RecordType == "payment");
        rejects[0].Codes.ShouldBe(["user_id.wrong_type", "ts.bad_timestamp", "amount.not_a_number"]);
        rejects[1].Codes.ShouldBe(["user_id.missing", "amount.missing", "status.missing"]);
        rejects[2].Codes.ShouldBe(["amount.negative"]);
        rejects[3].Codes.ShouldBe(["currency.unknown_currency"]);
        rejects[4].Codes.ShouldBe(["amount.negative", "currency.unknown_currency"]);
        rejects[4].Reasons.ShouldBe("amount: -1 is negative; currency: 'EURO' is not an ISO 4217 currency code");
    }

    [Fact]
    public void Should_Reject_Megabyte_Strings_And_Keep_Them_Whole_In_Rejects()
    {
        var big = new string('x', 1 << 20);
        IngestLines("events.jsonl", Event("e1"), Event("e2", $$""","device":"{{big}}" """.TrimEnd()), Event("e3", $$""","properties":{"blob":"{{big}}"}"""), Event("e4"));

        EventIds().ShouldBe(["e1", "e4"]);
        var rejects = _w.Rejects();
        rejects.Select(r => r.Codes.Single()).ShouldBe(["device.too_long", "properties.too_long"]);
        rejects[0].Raw.Length.ShouldBe(Event("e2", $$""","device":"{{big}}" """.TrimEnd()).Length);
        rejects[0].Reasons.Length.ShouldBeLessThan(100);
    }

    [Fact]
    public void Should_Store_Sql_Injection_Strings_Verbatim_In_Every_Text_Field()
    {
        // Given records whose every text field is an injection attempt
        const string evil = "x'); DROP TABLE raw_events; -- \" OR 1=1; DELETE FROM loads;";
        var spec = Starboard.Core.Contract.InputContract.Find("event")!;
        var texts = spec.Fields.Where(f => f.Kind == Starboard.Core.Contract.FieldKind.Text && f.Allowed is null && f.Rule == Starboard.Core.Contract.FieldRule.None)
            .Select(f => f.Name).ToList();
        var json = "{\"type\":\"event\",\"ts\":\"2026-01-01T10:00:00Z\"," + string.Join(",", texts.Select(t => $"\"{t}\":\"{evil.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";
        var enumEvil = Event("e2", $$""","platform":"{{evil.Replace("\"", "\\\"", StringComparison.Ordinal)}}" """.TrimEnd());

        // When they are loaded
        IngestLines("events.jsonl", json, enumEvil, Event("e3"));

        // Then free text is stored as it came, enum fields refuse it with the text kept in rejects, and nothing else happened
        _w.Count("raw_events").ShouldBe(2);
        foreach (var t in texts)
            _w.Strings($"SELECT {t} FROM raw_events WHERE line = 1").Single().ShouldBe(evil);
        var reject = _w.Rejects().Single();
        reject.Codes.ShouldBe(["platform.not_allowed"]);
        reject.Raw.ShouldBe(enumEvil);
        _w.Count("loads").ShouldBe(1);
        _w.Count("information_schema.tables", "table_name = 'raw_events'").ShouldBe(1);
    }

    [Fact]
    public void Should_Keep_Every_Copy_Of_A_Duplicate_Id_In_Raw_And_Count_It_As_A_Duplicate()
    {
        var load = IngestLines("events.jsonl", Event("e1"), Event("e1", ""","device":"other phone" """.TrimEnd()), Event("e2"));

        (load.Loaded, load.Rejected, load.Duplicates).ShouldBe((3L, 0L, 1L));
        var events = load.Reconciliation.Single(r => r.RecordType == "event");
        (events.Received, events.Staged, events.Duplicates, events.Balanced).ShouldBe((3L, 2L, 1L, true));
        _w.Count("raw_events", "event_id = 'e1'").ShouldBe(2);
    }

    [Fact]
    public void Should_Commit_An_Empty_File_As_A_Load_Of_Nothing()
    {
        var path = Path.Combine(_w.Folder, "empty.jsonl");
        File.WriteAllBytes(path, []);

        var load = _w.Ingest(path).Loads.Single();

        (load.Received, load.Loaded, load.Rejected, load.Skipped).ShouldBe((0L, 0L, 0L, false));
        _w.Strings("SELECT status FROM loads").ShouldBe(["committed"]);
        load.Reconciliation.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Load_Nothing_From_A_Header_Only_Csv()
    {
        var load = IngestLines("events.csv", "type,event_id,user_id,name,ts");

        (load.Received, load.Loaded, load.Rejected).ShouldBe((0L, 0L, 0L));
        _w.Count("raw_events").ShouldBe(0);
    }

    [Fact]
    public void Should_Reject_Bad_Csv_Rows_With_Their_Physical_Line()
    {
        IngestLines("events.csv",
            "type,event_id,user_id,name,ts,properties",
            "event,e1,u1,\"multi",
            "line name\",2026-01-01T10:00:00Z,",
            "event,e2,u1,like",
            "event,e3,u1,like,not a time,",
            "event,e4,u1,like,2026-01-01T10:00:00Z,\"{\"\"a\"\":1}\"");

        _w.Strings("SELECT event_id FROM raw_events ORDER BY line").ShouldBe(["e1", "e4"]);
        _w.Strings("SELECT name FROM raw_events WHERE event_id = 'e1'").Single().ShouldBe("multi\nline name");
        var rejects = _w.Rejects();
        rejects.Select(r => (r.Line, r.ReasonCodes)).ShouldBe([(4L, "column_count"), (5L, "ts.bad_timestamp")]);
        rejects[0].Raw.ShouldBe("event,e2,u1,like");
    }

    [Fact]
    public void Should_Reject_Every_Line_Of_A_File_That_Is_Not_Json_At_All()
    {
        var path = Path.Combine(_w.Folder, "garbage.jsonl");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))]);

        var load = _w.Ingest(path).Loads.Single();

        load.Loaded.ShouldBe(0);
        load.Rejected.ShouldBe(load.Received);
        load.Rejected.ShouldBeGreaterThan(0);
        load.Balanced.ShouldBeTrue();
    }

    [Fact]
    public void Should_Reject_Nul_Characters_And_Store_The_Raw_Text()
    {
        var path = Path.Combine(_w.Folder, "events.csv");
        File.WriteAllText(path, "type,event_id,user_id,name,ts\nevent,e1,u1\0,like,2026-01-01T10:00:00Z\nevent,e2,u1,like,2026-01-01T10:00:00Z\n");
        var jsonl = _w.WriteFile("events.jsonl", Event("e3").Replace("like", "li\0ke", StringComparison.Ordinal), Event("e4").Replace("like", "li\\u0000ke", StringComparison.Ordinal));

        _w.Ingest(path, jsonl);

        _w.Strings("SELECT event_id FROM raw_events").ShouldBe(["e2"]);
        var rejects = _w.Rejects();
        rejects.Select(r => r.ReasonCodes).ShouldBe(["user_id.control_character", "malformed", "name.control_character"]);
        rejects[0].Raw.ShouldBe("event,e1,u1\uFFFD,like,2026-01-01T10:00:00Z");
        rejects[1].Raw.ShouldContain("li\uFFFDke");
    }

    public void Dispose() => _w.Dispose();

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
