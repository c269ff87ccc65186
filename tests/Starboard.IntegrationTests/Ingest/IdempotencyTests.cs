using Starboard.Core.Engine;
using Starboard.Core.Generate;
using Starboard.Core.Ingest;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>
/// Loading the same input again changes nothing, and a load interrupted at any chunk resumes to exactly the
/// warehouse an uninterrupted load gives (the process-kill version of this is <see cref="CrashTests"/>).
/// </summary>
public sealed class IdempotencyTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    private Ingester Ingester(Warehouse? warehouse = null, IngestOptions? options = null) =>
        new(warehouse ?? _w.Warehouse, TimeProvider.System, options);

    [Fact]
    public void Should_Change_Nothing_When_The_Same_Files_Are_Loaded_Again()
    {
        // Given a folder of JSONL, gzip and CSV files, loaded once
        var folder = GeneratedApp.Mixed(Path.Combine(_w.Folder, "app"));
        var first = Ingester().IngestPaths([folder]);
        var before = WarehouseContents.Checksums(_w.Warehouse);

        // When it is loaded again
        var second = Ingester().IngestPaths([folder]);

        // Then every file is skipped and no table changed
        first.Loads.ShouldAllBe(l => l.Status == "committed" && l.Balanced);
        second.Loads.Count.ShouldBe(first.Loads.Count);
        second.Loads.ShouldAllBe(l => l.Skipped && l.Status == "skipped");
        second.Loads.Select(l => l.SameAs).ShouldBe(first.Loads.Select(l => l.LoadId));
        WarehouseContents.Checksums(_w.Warehouse).ShouldBe(before);
    }

    [Fact]
    public void Should_Skip_The_Same_Content_Under_Another_Name()
    {
        var original = _w.WriteFile("payments_web.jsonl", """{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":1,"currency":"USD","status":"succeeded"}""");
        var copy = Path.Combine(_w.Folder, "copy.jsonl");
        File.Copy(original, copy);

        var result = Ingester().IngestPaths([original, copy]);

        result.Loads[1].Status.ShouldBe("skipped");
        result.Loads[1].SameAs.ShouldBe(result.Loads[0].LoadId);
        _w.Count("raw_payments_web").ShouldBe(1);
    }

    [Fact]
    public void Should_Resume_Interrupted_Loads_To_The_Same_Warehouse_As_An_Uninterrupted_One()
    {
        // Given the same files loaded cleanly into one warehouse
        var folder = GeneratedApp.Mixed(Path.Combine(_w.Folder, "app"));
        using var clean = new TestWarehouse();
        Ingester(clean.Warehouse, new IngestOptions { ChunkRecords = 250 }).IngestPaths([folder]);

        // When another warehouse loads them in chunks of 250, interrupted after every second chunk, until a run finishes
        var runs = 0;
        var resumed = 0;
        while (true)
        {
            using var stop = new CancellationTokenSource();
            var chunks = 0;
            var options = new IngestOptions
            {
                ChunkRecords = 250, Cancellation = stop.Token, Parallel = runs % 2 == 0,
                ChunkCommitted = c => { if (!c.Final && ++chunks == 2) stop.Cancel(); },
            };
            runs++;
            try
            {
                var result = Ingester(options: options).IngestPaths([folder]);
                resumed += result.Loads.Count(l => l.Resumed);
                break;
            }
            catch (OperationCanceledException)
            {
                runs.ShouldBeLessThan(200);
            }
        }

        // Then it was interrupted many times, resumed loads, and ended with exactly the same tables
        runs.ShouldBeGreaterThan(5);
        _w.Strings("SELECT DISTINCT status FROM loads").ShouldBe(["committed"]);
        WarehouseContents.Checksums(_w.Warehouse).ShouldBe(WarehouseContents.Checksums(clean.Warehouse));
    }

    [Fact]
    public void Should_Start_Over_When_An_Interrupted_File_Changed_Before_It_Resumed()
    {
        // Given a load interrupted after its first chunk
        var lines = Enumerable.Range(1, 50).Select(i => $$"""{"type":"alias","distinct_id":"a{{i}}","user_id":"u{{i}}"}""").ToArray();
        var path = _w.WriteFile("aliases.jsonl", lines);
        using (var stop = new CancellationTokenSource())
        {
            var options = new IngestOptions { ChunkRecords = 10, Cancellation = stop.Token, ChunkCommitted = _ => stop.Cancel() };
            Should.Throw<OperationCanceledException>(() => Ingester(options: options).IngestPaths([path]));
        }
        _w.Count("raw_aliases").ShouldBe(10);

        // When the file is rewritten with the same size but other content, and loaded again
        _w.WriteFile("aliases.jsonl", [.. lines.Select(l => l.Replace(":\"u", ":\"v", StringComparison.Ordinal))]);
        var result = Ingester().IngestPaths([path]).Loads.Single();

        // Then the partial load is abandoned with its rows removed, and the new content loads whole
        result.Resumed.ShouldBeFalse();
        _w.Strings("SELECT status FROM loads ORDER BY load_id").ShouldBe(["abandoned", "committed"]);
        _w.Count("raw_aliases").ShouldBe(50);
        _w.Count("raw_aliases", "user_id LIKE 'u%'").ShouldBe(0);
    }

    [Fact]
    public void Should_Remove_A_Resumed_Load_That_Turns_Out_To_Duplicate_Another()
    {
        // Given a.jsonl interrupted midway, then its copy b.jsonl loaded whole
        var lines = Enumerable.Range(1, 30).Select(i => $$"""{"type":"alias","distinct_id":"a{{i}}","user_id":"u{{i}}"}""").ToArray();
        var a = _w.WriteFile("a.jsonl", lines);
        var b = _w.WriteFile("b.jsonl", lines);
        using (var stop = new CancellationTokenSource())
        {
            var options = new IngestOptions { ChunkRecords = 10, Cancellation = stop.Token, ChunkCommitted = _ => stop.Cancel() };
            Should.Throw<OperationCanceledException>(() => Ingester(options: options).IngestPaths([a]));
        }
        Ingester().IngestPaths([b]);

        // When a.jsonl is loaded again
        var result = Ingester().IngestPaths([a]).Loads.Single();

        // Then it resumes, finds its content was loaded as b.jsonl, and removes its rows
        (result.Resumed, result.Status, result.SameAs).ShouldBe((true, "duplicate", (long?)2));
        _w.Count("raw_aliases").ShouldBe(30);
        _w.Strings("SELECT status FROM loads ORDER BY load_id").ShouldBe(["duplicate", "committed"]);
    }

    [Fact]
    public void Should_Load_Standard_Input_Once()
    {
        var content = System.Text.Encoding.UTF8.GetBytes("""{"type":"alias","distinct_id":"a1","user_id":"u1"}""" + "\n");
        var spool = Path.Combine(_w.Folder, "spool");

        var first = Ingester().IngestFile(InputFile.Spool(new MemoryStream(content), spool, InputFormat.Jsonl));
        var again = Ingester().IngestFile(InputFile.Spool(new MemoryStream(content), spool, InputFormat.Jsonl));

        (first.Source, first.Loaded).ShouldBe(("stdin", 1L));
        again.Status.ShouldBe("skipped");
        _w.Strings("SELECT load_source FROM raw_aliases").ShouldBe(["stdin"]);
    }

    [Fact]
    public void Should_Load_A_Compressed_File_Like_The_Plain_One()
    {
        var plain = Path.Combine(_w.Folder, "plain");
        var packed = Path.Combine(_w.Folder, "packed");
        GeneratedApp.Write(plain, OutputFormat.Jsonl, users: 60, days: 10);
        GeneratedApp.Write(packed, OutputFormat.Jsonl, users: 60, days: 10);
        foreach (var f in Directory.GetFiles(packed))
            GeneratedApp.Compress(f);
        using var other = new TestWarehouse();

        Ingester().IngestPaths([plain]);
        Ingester(other.Warehouse).IngestPaths([packed]);

        const string events = "SELECT count(*), sum(hash(event_id, user_id, name, ts, session_id, platform, device, app_version, country, feature, properties, line, assumed_utc)) FROM raw_events";
        _w.Query<(long, decimal)>(events).ShouldBe(other.Query<(long, decimal)>(events));
        _w.Count("rejects").ShouldBe(other.Count("rejects"));
    }

    public void Dispose() => _w.Dispose();
}
