using Starboard.Core.Generate;
using Starboard.Core.Ingest;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>After every load: received = staged + rejected + duplicates, per source and record type, stored and checked.</summary>
public sealed class ReconciliationTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    [Fact]
    public void Should_Split_What_Each_Load_Received_Into_Staged_Rejected_And_Duplicates()
    {
        // Given a first load, and a second that repeats one event, re-sends a user version, adds a new version and a bad line
        var first = _w.WriteFile("day1.jsonl",
            """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z"}""",
            """{"type":"event","event_id":"e1","user_id":"u1","name":"open","ts":"2026-01-01T10:00:00"}""",
            """{"type":"event","event_id":"e2","user_id":"ghost","name":"open","ts":"2026-01-01T10:00:00Z"}""",
            """{"type":"event","event_id":"e2","user_id":"ghost","name":"open","ts":"2026-01-01T10:00:00Z"}""");
        var second = _w.WriteFile("day2.jsonl",
            """{"type":"event","event_id":"e1","user_id":"u1","name":"open","ts":"2026-01-01T10:00:00Z"}""",
            """{"type":"event","event_id":"e3","user_id":"anon-9","name":"open","ts":"2026-01-02T10:00:00Z"}""",
            """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z"}""",
            """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-02T10:00:00Z","plan":"pro"}""",
            """{"type":"alias","distinct_id":"anon-9","user_id":"u1"}""",
            """{"type":"event","event_id":"e4"}""",
            """not json""");

        // When both are loaded
        var result = _w.Ingest(first, second);

        // Then each load's rows add up, type by type
        result.Balanced.ShouldBeTrue();
        var day1 = result.Loads[0].Reconciliation.ToDictionary(r => r.RecordType);
        var day2 = result.Loads[1].Reconciliation.ToDictionary(r => r.RecordType);
        Row(day1["event"]).ShouldBe((3L, 2L, 0L, 1L, (long?)2, 1L));
        Row(day1["user"]).ShouldBe((1L, 1L, 0L, 0L, (long?)null, 0L));
        // e1 again is a duplicate of day 1's; e3 is new, and its user is an alias of u1, so it is known
        Row(day2["event"]).ShouldBe((3L, 1L, 1L, 1L, (long?)0, 0L));
        // u1 at created_at again is the same version (updated_at defaults to created_at); the 01-02 version is new
        Row(day2["user"]).ShouldBe((2L, 1L, 0L, 1L, (long?)null, 0L));
        Row(day2["alias"]).ShouldBe((1L, 1L, 0L, 0L, (long?)0, 0L));
        Row(day2["(none)"]).ShouldBe((1L, 0L, 1L, 0L, (long?)null, 0L));

        // And the same rows are stored, with the sources they came from
        var stored = _w.Query<(string Source, string Type, long Received, long Staged, long Rejected, long Duplicates, bool Balanced)>(
            "SELECT source, record_type, received, staged, rejected, duplicates, balanced FROM load_reconciliation ORDER BY load_id, record_type");
        stored.Count.ShouldBe(day1.Count + day2.Count);
        stored.ShouldAllBe(r => r.Balanced && r.Received == r.Staged + r.Rejected + r.Duplicates);
        stored.Select(r => r.Source).Distinct().ShouldBe(["day1.jsonl", "day2.jsonl"]);
    }

    [Fact]
    public void Should_Balance_Every_Load_Of_A_Generated_App_And_Reject_Exactly_Its_Dirty_Lines()
    {
        foreach (var format in new[] { OutputFormat.Jsonl, OutputFormat.Csv })
        {
            using var w = new TestWarehouse();
            var summary = GeneratedApp.Write(w.Folder, format, users: 200, days: 20);

            var result = w.Ingest(w.Folder);

            result.Balanced.ShouldBeTrue();
            result.Rejected.ShouldBe(summary.DirtyLines, format.ToString());
            result.Loaded.ShouldBe(summary.CleanLines, format.ToString());
            result.Duplicates.ShouldBeGreaterThanOrEqualTo(summary.Duplicates.Values.Sum());
        }
    }

    [Fact]
    public void Should_Find_A_Load_That_Does_Not_Add_Up()
    {
        // Given a committed load, and a row slipped into its raw table afterwards (as a double write would)
        var load = _w.Ingest(_w.WriteFile("events.jsonl", """{"type":"event","event_id":"e1","user_id":"u1","name":"open","ts":"2026-01-01T10:00:00Z"}""")).Loads[0];
        _w.Warehouse.Execute("INSERT INTO raw_events SELECT * FROM raw_events", "doubling");

        // When it is reconciled again
        var rows = new Reconciler(_w.Warehouse).Compute(load.LoadId!.Value, load.Source, new Dictionary<string, long> { ["event"] = 1 });

        // Then the event row does not balance, and the error says by how much
        var events = rows.Single();
        (events.Received, events.Staged, events.Duplicates, events.Balanced).ShouldBe((1L, 1L, 1L, false));
        new ReconciliationException(rows).Message.ShouldBe("reconciliation failed: events.jsonl event: received 1 <> staged 1 + rejected 0 + duplicates 1");
    }

    private static (long Received, long Staged, long Rejected, long Duplicates, long? UnknownUsers, long AssumedUtc) Row(ReconciliationRow r) =>
        (r.Received, r.Staged, r.Rejected, r.Duplicates, r.UnknownUsers, r.AssumedUtc);

    public void Dispose() => _w.Dispose();
}
