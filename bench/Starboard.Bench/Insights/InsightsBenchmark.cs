using System.Globalization;
using Starboard.Core.Engine;
using Starboard.Core.Generate;
using Starboard.Core.Ingest;
using Starboard.Core.Insights;
using Starboard.Core.Project;
using Starboard.Core.Run;

namespace Starboard.Bench.Insights;

/// <summary>
/// Each insight kind over a generated app (default 20,000 users, 400 days): generated once into a temp folder,
/// ingested into a DuckDB file, staged (`+stg_events +stg_users`), then every query timed (median of 3 runs) with
/// the peak memory it reached. The baseline is one scan that reduces every event to distinct person-days, the
/// least any of them must do.
/// </summary>
public sealed class InsightsBenchmark : IBenchmark
{
    public string Name => "insights";

    public string Description => "retention, stickiness, lifecycle, active users and funnel over a generated app [--users N] [--days N]";

    private const int Runs = 3;

    private static readonly (string Name, string Query)[] Queries =
    [
        ("retention: 30 daily cohorts, recurring", """
            {"kind": "retention", "timezone": "Europe/Berlin", "date_to": "2026-10-31", "period": "day", "total_intervals": 30,
             "target": {"event": "app_open"}, "returning": {"event": "like"}}
            """),
        ("retention: 52 weekly cohorts, first time, cumulative", """
            {"kind": "retention", "timezone": "Europe/Berlin", "date_to": "2026-10-31", "period": "week", "total_intervals": 52,
             "target": {"event": "create_post"}, "returning": {"event": null}, "retention_type": "first_time", "cumulative": true}
            """),
        ("stickiness: 400 days", """
            {"kind": "stickiness", "timezone": "Europe/Berlin", "date_from": "all", "date_to": "2026-10-31", "interval": "day",
             "series": [{"event": "app_open"}], "compare_to": "-1m"}
            """),
        ("lifecycle: weeks over 400 days", """
            {"kind": "lifecycle", "timezone": "Europe/Berlin", "date_from": "all", "date_to": "2026-10-31", "interval": "week",
             "series": [{"event": null}]}
            """),
        ("trends: DAU by day, 400 days", """
            {"kind": "trends", "timezone": "Europe/Berlin", "date_from": "all", "date_to": "2026-10-31", "interval": "day",
             "series": [{"event": null, "math": "dau"}]}
            """),
        ("trends: MAU by day, 400 days", """
            {"kind": "trends", "timezone": "Europe/Berlin", "date_from": "all", "date_to": "2026-10-31", "interval": "day",
             "series": [{"event": null, "math": "monthly_active"}]}
            """),
        ("trends: WAU by hour, 30 days, by plan", """
            {"kind": "trends", "timezone": "Europe/Berlin", "date_from": "2026-10-02", "date_to": "2026-10-31T23:00:00", "interval": "hour",
             "series": [{"event": null, "math": "weekly_active"}], "breakdown": {"type": "person", "property": "plan"}}
            """),
        ("funnel: 4 steps, 400 days, exclusion", """
            {"kind": "funnel", "timezone": "Europe/Berlin", "date_from": "all", "date_to": "2026-10-31",
             "steps": [{"event": "view_item"}, {"event": "add_to_cart"}, {"event": "checkout_start"}, {"event": "purchase_complete"}],
             "conversion_window": {"value": 1, "unit": "day"}, "exclusions": [{"event": "search", "from_step": 1, "to_step": 2}]}
            """),
    ];

    public int Run(string[] args)
    {
        var options = new GeneratorOptions { Users = Option(args, "--users", 20_000), Days = Option(args, "--days", 400) };
        var folder = Directory.CreateTempSubdirectory("starboard-bench-insights-").FullName;
        try
        {
            Console.WriteLine($"machine: {Measure.Machine()}");
            var source = Path.Combine(folder, "source");
            var generate = Measure.Time(() =>
            {
                using var sink = new FileRecordSink(source, OutputFormat.Jsonl);
                SyntheticAppGenerator.Generate(options, sink);
            });
            Console.WriteLine($"generate {options.Users:N0} users x {options.Days} days: {generate.TotalSeconds:0.0} s");

            var settings = new StarboardSettings();
            var project = StarboardProject.Load(settings, folder);
            using var warehouse = Warehouse.Open(WarehouseTarget.Parse("duckdb:" + Path.Combine(folder, "warehouse.duckdb"), folder));
            IngestResult? ingested = null;
            var ingest = Measure.Time(() => ingested = new Ingester(warehouse, TimeProvider.System).IngestPaths([source]));
            var stage = Measure.Time(() => new Runner(project, warehouse, TimeProvider.System).Run(new RunOptions { Select = InsightWarehouse.StagingSelector }));
            var events = warehouse.Scalar<long>("SELECT count(*) FROM stg_events", "counting events");
            Console.WriteLine($"ingest {ingested!.Loaded:N0} records: {ingest.TotalSeconds:0.0} s; stage {events:N0} events: {stage.TotalSeconds:0.0} s");

            var baselineSql = "SELECT count(*) FROM (SELECT DISTINCT user_id, CAST(ts AS DATE) FROM stg_events) AS person_days";
            var (baseline, baselineMemory) = Median(() => warehouse.Scalar<long>(baselineSql, "the baseline scan"));
            Console.WriteLine();
            Console.WriteLine("| query | median of 3 | / baseline | peak memory |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| baseline: distinct person-days of every event | {baseline.TotalMilliseconds:N0} ms | 1.0 | {baselineMemory:N0} MiB |");
            foreach (var (name, query) in Queries)
            {
                var parsed = InsightQueryParser.Parse(query);
                var (time, memory) = Median(() => InsightRunner.Run(warehouse, parsed, TimeProvider.System));
                Console.WriteLine($"| {name} | {time.TotalMilliseconds:N0} ms | {time / baseline:0.0} | {memory:N0} MiB |");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The median time of <see cref="Runs"/> runs, and the peak resident memory reached during them.</summary>
    private static (TimeSpan Time, double PeakMiB) Median(Action work)
    {
        ResetPeakMemory();
        var times = Enumerable.Range(0, Runs).Select(_ => Measure.Time(work)).Order().ToList();
        return (times[Runs / 2], Measure.PeakMemoryMiB());
    }

    // Linux resets the peak resident set size (VmHWM) when "5" is written to clear_refs; elsewhere the peak
    // stays the process's overall one.
    private static void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
