using System.IO.Compression;
using Starboard.Core.Generate;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>Small generated apps on disk, in the shapes ingestion meets: JSONL, CSV, gzip-compressed.</summary>
internal static class GeneratedApp
{
    public static readonly DateOnly End = new(2026, 6, 30);

    public static GenerateSummary Write(string folder, OutputFormat format, int users = 150, int days = 20, int seed = 11) =>
        Write(folder, new GeneratorOptions { Users = users, Days = days, Seed = seed, EndDate = End, DirtyShare = 0.02 }, format);

    public static GenerateSummary Write(string folder, GeneratorOptions options, OutputFormat format)
    {
        using var sink = new FileRecordSink(folder, format);
        return SyntheticAppGenerator.Generate(options, sink, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Replaces a file by its gzip-compressed copy (`x.jsonl` → `x.jsonl.gz`).</summary>
    public static string Compress(string path)
    {
        using (var source = File.OpenRead(path))
        using (var target = new GZipStream(File.Create(path + ".gz"), CompressionLevel.Fastest))
            source.CopyTo(target);
        File.Delete(path);
        return path + ".gz";
    }

    /// <summary>A mixed folder: a JSONL app with its events compressed, and a CSV app (another seed).</summary>
    public static string Mixed(string folder, int users = 150, int days = 20)
    {
        Directory.CreateDirectory(folder);
        Write(folder, OutputFormat.Jsonl, users, days, seed: 11);
        Compress(Path.Combine(folder, "events.jsonl"));
        var csv = Path.Combine(folder, "csv");
        Write(csv, OutputFormat.Csv, users / 2, days, seed: 12);
        return folder;
    }
}
