using Starboard.Core.Ingest;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>
/// Incremental staging and interrupted loads: models see only committed loads, and a load that resumes after
/// later loads committed (keeping its load id) is still staged, because staging follows commit order.
/// </summary>
public sealed class ResumedLoadStagingTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    private static string[] Events(string prefix, int n) => Enumerable.Range(1, n)
        .Select(i => $$"""{"type":"event","event_id":"{{prefix}}{{i}}","user_id":"u{{i % 7}}","name":"app_open","ts":"2026-01-0{{1 + i % 3}}T10:{{i % 60:00}}:00Z"}""")
        .ToArray();

    [Fact]
    public void Should_Stage_A_Load_That_Resumes_After_Later_Loads_Committed()
    {
        // Given a.jsonl interrupted after its first chunk, and a run in between
        var a = _w.WriteFile("a.jsonl", Events("a", 40));
        using (var stop = new CancellationTokenSource())
        {
            var options = new IngestOptions { ChunkRecords = 10, Cancellation = stop.Token, ChunkCommitted = _ => stop.Cancel() };
            Should.Throw<OperationCanceledException>(() => new Ingester(_w.Warehouse, TimeProvider.System, options).IngestPaths([a]));
        }
        _w.Run();
        var stagedWhileInterrupted = _w.Scalar<long>("SELECT count(*) FROM stg_events");

        // When b.jsonl loads whole, a run stages it, and only then a.jsonl resumes and another run follows
        _w.Ingest(_w.WriteFile("b.jsonl", Events("b", 15)));
        _w.Run();
        _w.Ingest(a);
        _w.Run();

        // Then nothing of the interrupted load was staged early, and in the end every event of both files is
        stagedWhileInterrupted.ShouldBe(0);
        _w.Scalar<long>("SELECT count(*) FROM stg_events").ShouldBe(55);
        _w.Scalar<long>("SELECT count(*) FROM fact_event").ShouldBe(55);
    }

    public void Dispose() => _w.Dispose();
}
