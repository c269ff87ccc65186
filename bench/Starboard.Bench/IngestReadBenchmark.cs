using System.Diagnostics;
using System.Globalization;
using Starboard.Core.Ingest;

namespace Starboard.Bench;

/// <summary>
/// `ingest-read FILE`: the reading half of a load alone (read, parse, validate into column batches, hash), with no
/// database, on one thread, a few times over: the CPU each record costs before DuckDB sees it. Not a ratio against a
/// baseline: a tool for finding where the reading thread's time goes (pair it with `perf record`).
/// </summary>
public sealed class IngestReadBenchmark : IBenchmark
{
    public string Name => "ingest-read";

    public string Description => "the reading half of an ingest alone, no database (FILE [--runs R])";

    public int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: ingest-read FILE [--runs R]");
            return 2;
        }
        var runs = Array.IndexOf(args, "--runs") is var r and >= 0 ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 3;
        var file = InputFile.For(args[0]);
        for (var run = 0; run < runs; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var (received, loaded) = ReadAll(file);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"run {run + 1}: {received:N0} records ({loaded:N0} valid) in {watch.Elapsed.TotalSeconds:F2} s, " +
                $"{received / watch.Elapsed.TotalSeconds:N0} records/s, {watch.Elapsed.TotalMicroseconds * 1000 / received:F0} ns a record, CPU {cpu.TotalSeconds:F2} s");
        }
        return 0;
    }

    private static (long Received, long Loaded) ReadAll(InputFile file)
    {
        using var input = file.Open(new IngestOptions().MaxRecordBytes, null);
        var pool = new BatchPool();
        var target = new LoadTarget(1, file.Source, DateTime.UtcNow, file.Path, 1_000_000);
        var producer = new RecordProducer(input.Reader, target, new RecordValidator(TimeProvider.System), pool,
            new LoadCounts(0, 0, 0, new Dictionary<string, long>()), () => ContentHash.Hex(input.Reader.PrefixHash()));
        CheckpointItem? last = null;
        foreach (var item in producer.Items(CancellationToken.None))
        {
            if (item is BatchItem batch)
                pool.Return(batch.Batch);
            else
                last = (CheckpointItem)item;
        }
        return (last!.Counts.Received, last.Counts.Loaded);
    }
}
