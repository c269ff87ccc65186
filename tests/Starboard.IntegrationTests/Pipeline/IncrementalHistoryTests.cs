using Starboard.Core.Generate;
using Starboard.Core.Graph;
using Starboard.Core.Run;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>
/// SPEC section 6: an incremental history gives exactly what a full refresh gives. A year of an app is built in
/// chunks with --from/--to and then a day at a time by the default lookback; rerunning the last day changes
/// nothing, and a full refresh then gives the same rows in every table. Loaded in parts as it would arrive,
/// the by-load staging models equal their full refresh too.
/// </summary>
public sealed class IncrementalHistoryTests
{
    private static readonly GeneratorOptions App = new() { Users = 150, Days = 365, Seed = 11, EndDate = new DateOnly(2025, 12, 31) };
    private static readonly int[] Chunks = [200, 280, 362, 363, 364];

    [Fact]
    public void Should_Build_The_Same_Tables_In_Chunks_As_A_Full_Refresh()
    {
        // Given a year of an app, loaded
        using var w = new TestWarehouse();
        using (var files = new FileRecordSink(w.Folder, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(App, files, cancellationToken: TestContext.Current.CancellationToken);
        w.Ingest(w.Folder);

        // When it is built up to day 200, then in two chunks, then a day at a time with the default lookback of 3 days
        var ends = Chunks.Select(c => App.StartDate.AddDays(c - 1)).Append(App.EndDate).ToList();
        w.Run(new RunOptions { To = ends[0] });
        for (var i = 1; i < ends.Count; i++)
            w.Run(i <= 2 ? new RunOptions { From = ends[i - 1].AddDays(1), To = ends[i] } : new RunOptions { To = ends[i] });
        var tables = Snapshot(w, Built(w));
        w.Run(new RunOptions { To = ends[^1] });

        // Then the rerun changed nothing, and the full refresh gives the same rows in every table
        Differences(w, tables).ShouldBeEmpty("running the same day again changed rows");
        w.Run(new RunOptions { FullRefresh = true });
        Differences(w, tables).ShouldBeEmpty("the full refresh differs from the incremental history");
        w.Scalar<long>("SELECT count(*) FROM snap_agg_kpi_dashboard").ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void Should_Stage_Loads_As_They_Arrive_As_A_Full_Refresh_Would()
    {
        // Given a year of an app split by the day its records happen
        var starts = new[] { 240, 300, 330, 360, 362, 364 }.Select(App.StartDate.AddDays).ToList();
        using var w = new TestWarehouse();
        var folders = Enumerable.Range(0, starts.Count + 1).Select(i => Path.Combine(w.Folder, $"part{i:00}")).ToList();
        var sinks = folders.Select(f => new FileRecordSink(f, OutputFormat.Jsonl)).ToList();
        SyntheticAppGenerator.Generate(App, new DateSplitRecordSink(sinks, starts), cancellationToken: TestContext.Current.CancellationToken);
        sinks.ForEach(s => s.Dispose());

        // When each part is loaded and the staging models run after it
        foreach (var folder in folders)
        {
            w.Ingest(folder);
            w.Run(new RunOptions { Select = "+int_event_sessions" });
        }
        var staged = w.Project.Graph.Ordered.Where(m => m.Materialization == Materialization.IncrementalByKey).Select(m => m.Name).ToList();
        staged.ShouldContain("stg_events");
        staged.ShouldContain("int_event_sessions");
        Snapshot(w, staged);

        // Then a full refresh stages the same rows
        w.Run(new RunOptions { FullRefresh = true, Select = "+int_event_sessions" });
        Differences(w, staged).ShouldBeEmpty("staging by load differs from staging everything");
        w.Scalar<long>("SELECT count(*) FROM snap_int_event_sessions").ShouldBeGreaterThan(1_000);
    }

    private static IReadOnlyList<string> Snapshot(TestWarehouse w, IReadOnlyList<string> tables)
    {
        foreach (var t in tables)
            w.Warehouse.Execute($"CREATE TABLE snap_{t} AS SELECT * FROM {t}", "snapshot");
        return tables;
    }

    private static List<string> Built(TestWarehouse w) => w.Project.Graph.Ordered
        .Where(m => m.Materialization is Materialization.Table or Materialization.IncrementalByTime or Materialization.IncrementalByKey)
        .Select(m => m.Name).ToList();

    /// <summary>Tables whose rows differ from the snapshot, with how many rows each side has that the other lacks.</summary>
    private static List<string> Differences(TestWarehouse w, IReadOnlyList<string> tables) => tables
        .Select(t => (t, extra: w.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {t} EXCEPT ALL SELECT * FROM snap_{t}) AS d"),
            missing: w.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM snap_{t} EXCEPT ALL SELECT * FROM {t}) AS d")))
        .Where(d => d.extra + d.missing > 0)
        .Select(d => $"{d.t}: {d.extra} rows not in the incremental history, {d.missing} rows lost")
        .ToList();
}
