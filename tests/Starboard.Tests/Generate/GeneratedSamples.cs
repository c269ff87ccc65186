using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

/// <summary>
/// Runs shared by the generator tests, each made once per test run: a default-shaped but smaller app in memory,
/// and a small app written to files in both formats (with more dirt, so every kind shows up in a few KB).
/// </summary>
internal static class GeneratedSamples
{
    public static readonly GeneratorOptions AppOptions = new() { Users = 2_000, Days = 120 };

    public static readonly GeneratorOptions FileOptions = new() { Users = 300, Days = 60, DirtyShare = 0.03, Seed = 7 };

    private static readonly Lazy<(MemoryRecordSink, GenerateSummary)> LazyApp = new(() =>
    {
        var sink = new MemoryRecordSink();
        return (sink, SyntheticAppGenerator.Generate(AppOptions, sink));
    });

    private static readonly Lazy<FileSample> LazyJsonl = new(() => FileSample.Write(FileOptions, OutputFormat.Jsonl));
    private static readonly Lazy<FileSample> LazyCsv = new(() => FileSample.Write(FileOptions, OutputFormat.Csv));
    private static readonly Lazy<MemoryRecordSink> LazyFileRecords = new(() =>
    {
        var sink = new MemoryRecordSink();
        SyntheticAppGenerator.Generate(FileOptions, sink);
        return sink;
    });

    public static MemoryRecordSink App => LazyApp.Value.Item1;
    public static GenerateSummary AppSummary => LazyApp.Value.Item2;

    public static FileSample Jsonl => LazyJsonl.Value;
    public static FileSample Csv => LazyCsv.Value;

    /// <summary>The records of <see cref="FileOptions"/>, as a memory sink sees them.</summary>
    public static MemoryRecordSink FileRecords => LazyFileRecords.Value;
}

internal sealed record FileSample(string Folder, GenerateSummary Summary)
{
    public static FileSample Write(GeneratorOptions options, OutputFormat format)
    {
        string folder = Path.Combine(Path.GetTempPath(), "starboard-tests", $"generate-{format}-{Guid.NewGuid():N}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        GenerateSummary summary;
        using (var sink = new FileRecordSink(folder, format))
            summary = SyntheticAppGenerator.Generate(options, sink);
        return new FileSample(folder, summary);
    }

    public string PathOf(string name) => System.IO.Path.Combine(Folder, name);
}
