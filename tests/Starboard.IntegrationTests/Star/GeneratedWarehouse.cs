using Starboard.Core.Generate;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Star;

/// <summary>A small generated app (dirty and late records included), ingested and built once for the class.</summary>
public sealed class GeneratedWarehouse : IDisposable
{
    public GeneratedWarehouse()
    {
        var options = new GeneratorOptions { Users = 800, Days = 60, Seed = 11, EndDate = new DateOnly(2026, 5, 31) };
        using (var files = new FileRecordSink(W.Folder, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(options, files, cancellationToken: TestContext.Current.CancellationToken);
        W.Ingest(W.Folder);
        W.Run();
    }

    public TestWarehouse W { get; } = new();

    public void Dispose() => W.Dispose();
}
