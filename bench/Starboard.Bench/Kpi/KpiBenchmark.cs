using System.Globalization;
using Starboard.Core.Engine;
using Starboard.Core.Generate;
using Starboard.Core.Graph;
using Starboard.Core.Ingest;
using Starboard.Core.Project;
using Starboard.Core.Run;

namespace Starboard.Bench.Kpi;

/// <summary>
/// The daily pipeline at scale: a generated app (default 20,000 users over 400 days) is built in full from all
/// but its last day, then the last day arrives and an incremental run builds it; a second incremental run must
/// change no value. The daily run is timed --runs times (default 3), the later ones each on a fresh copy of the
/// warehouse as the day found it, and the median is reported: one run varies by 20 % on a shared machine. Prints
/// both times, their ratio and the peak memory.
/// </summary>
public sealed class KpiBenchmark : IBenchmark
{
    public string Name => "kpi";

    public string Description => "full build vs one incremental day (--users N --days N --seed N --runs N --keep DIR)";

    public int Run(string[] args)
    {
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var keep = Array.IndexOf(args, "--keep") is var k and >= 0 ? args[k + 1] : null;
        var options = new GeneratorOptions { Users = Arg("--users", 20_000), Days = Arg("--days", 400), Seed = Arg("--seed", 42) };
        var folder = keep ?? Directory.CreateTempSubdirectory("starboard-bench-").FullName;
        var history = Path.Combine(folder, "history");
        var newDay = Path.Combine(folder, "new-day");
        Console.WriteLine($"machine: {Measure.Machine()}");
        Console.WriteLine($"app: {options.Users} users over {options.Days} days to {options.EndDate:yyyy-MM-dd}, seed {options.Seed}; in {folder}");
        try
        {
            var generate = Measure.Time(() =>
            {
                using var a = new FileRecordSink(history, OutputFormat.Jsonl);
                using var b = new FileRecordSink(newDay, OutputFormat.Jsonl);
                SyntheticAppGenerator.Generate(options, new DateSplitRecordSink([a, b], [options.EndDate]));
            });
            Console.WriteLine($"generated in {generate.TotalSeconds:0.0} s");
            var settings = new StarboardSettings();
            var project = StarboardProject.Load(settings, folder);
            using var warehouse = Warehouse.Open(WarehouseTarget.Parse($"duckdb:{Path.Combine(folder, "warehouse.duckdb")}", folder));
            var ingester = new Ingester(warehouse, TimeProvider.System);
            var runner = new Runner(project, warehouse, TimeProvider.System);
            var ingest = Measure.Time(() =>
            {
                ingester.IngestPaths([history]);
                warehouse.Execute("CHECKPOINT", "checkpointing the load");
            });
            Console.WriteLine($"ingested the history in {ingest.TotalSeconds:0.0} s");

            RunResult? result = null;
            var full = Measure.Time(() => result = Built(warehouse, runner));
            Console.WriteLine($"full build:        {full.TotalSeconds,8:0.00} s  ({Slowest(result!)})");
            // The warehouse as the new day finds it: each further sample of the daily run starts from a copy (and kpi-profile too).
            warehouse.Execute("CHECKPOINT", "checkpointing the build");
            var beforeDay = Path.Combine(folder, RunProfile.BeforeNewDay);
            Measure.CopyFlushed(Path.Combine(folder, "warehouse.duckdb"), beforeDay);
            ingester.IngestPaths([newDay]);
            // The load's own write-ahead log is flushed as part of loading it, not billed to the run.
            warehouse.Execute("CHECKPOINT", "checkpointing the load");
            var first = Measure.Time(() => result = Built(warehouse, runner));
            var slowest = Slowest(result!);
            var before = Checksums(warehouse, project);
            var again = Measure.Time(() => Built(warehouse, runner));
            var changed = Checksums(warehouse, project).Where(c => before[c.Key] != c.Value).Select(c => c.Key).ToList();
            var samples = new List<TimeSpan> { first };
            for (var i = 1; i < Arg("--runs", 3); i++)
                samples.Add(DailyRun(project, beforeDay, newDay, folder));
            var incremental = samples.Order().ElementAt(samples.Count / 2);
            Console.WriteLine($"incremental day:   {incremental.TotalSeconds,8:0.00} s  (median of {samples.Count}: {string.Join(", ", samples.Select(x => x.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}; first: {slowest})");
            Console.WriteLine($"same day again:    {again.TotalSeconds,8:0.00} s  ({(changed.Count == 0 ? "no value changed" : "CHANGED: " + string.Join(", ", changed))})");
            Console.WriteLine($"ratio incremental / full: {incremental / full:P1}");
            var ensure = Measure.Time(() => new SchemaManager(project, warehouse, new StateStore(warehouse, TimeProvider.System)).Ensure());
            Console.WriteLine($"of which checking the schema (every run): {ensure.TotalMilliseconds:0} ms");
            Console.WriteLine($"peak memory: {Measure.PeakMemoryMiB():0} MiB");
            return changed.Count == 0 ? 0 : 1;
        }
        finally
        {
            if (keep is null) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The daily run as `starboard ingest` then `starboard run` would do it on the warehouse the new day found: a copy,
    /// opened afresh, the day ingested and checkpointed, then the run, timed.
    /// </summary>
    private static TimeSpan DailyRun(StarboardProject project, string beforeDay, string newDay, string folder)
    {
        var file = Path.Combine(folder, "sample.duckdb");
        Measure.CopyFlushed(beforeDay, file);
        try
        {
            using var warehouse = Warehouse.Open(WarehouseTarget.Parse($"duckdb:{file}", folder));
            new Ingester(warehouse, TimeProvider.System).IngestPaths([newDay]);
            warehouse.Execute("CHECKPOINT", "checkpointing the load");
            var runner = new Runner(project, warehouse, TimeProvider.System);
            return Measure.Time(() => Built(warehouse, runner));
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }

    /// <summary>
    /// A run and the checkpoint that writes its changes into the database file: DuckDB checkpoints at commit only once
    /// the log passes its threshold, and `starboard run` closing the warehouse does it otherwise, so it is billed either way.
    /// </summary>
    private static RunResult Built(Warehouse warehouse, Runner runner)
    {
        var result = Check(runner.Run(new RunOptions()));
        warehouse.Execute("CHECKPOINT", "checkpointing the run");
        return result;
    }

    private static RunResult Check(RunResult result) => result.Failure is { } f ? throw f : result;

    private static string Slowest(RunResult r) => string.Join(", ", r.Models.OrderByDescending(m => m.Duration).Take(4)
        .Select(m => $"{m.Model} {m.Duration.TotalSeconds:0.00}"));

    /// <summary>A checksum of every row of every built table (DuckDB's hash of the whole row).</summary>
    private static Dictionary<string, string> Checksums(Warehouse warehouse, StarboardProject project) =>
        project.Graph.Ordered.Where(m => m.Materialization is Materialization.Table or Materialization.IncrementalByTime or Materialization.IncrementalByKey or Materialization.Seed)
            .ToDictionary(m => m.Name, m => warehouse.Query<(long Rows, decimal? Sum)>(
                $"SELECT count(*), CAST(sum(hash(t)) AS DECIMAL(38,0)) FROM {warehouse.Dialect.QuoteIdentifier(m.Name)} AS t", "checksum")
                .Select(r => $"{r.Rows}:{r.Sum}").Single());
}
