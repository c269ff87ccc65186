using Starboard.Core.Generate;
using Starboard.Core.Run;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>
/// How an incremental run writes a window on DuckDB: rows go in their cluster order, and a model with
/// `incremental_strategy: merge` (fact_event) rewrites only the rows of its window that differ, ending exactly as
/// deleting and inserting the window would.
/// </summary>
public sealed class WindowWriteTests
{
    private static readonly GeneratorOptions App = new() { Users = 80, Days = 30, Seed = 9, EndDate = new DateOnly(2025, 6, 30) };

    private static TestWarehouse Built()
    {
        var w = new TestWarehouse();
        using (var files = new FileRecordSink(w.Folder, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(App, files, cancellationToken: TestContext.Current.CancellationToken);
        w.Ingest(w.Folder);
        w.Run();
        return w;
    }

    [Fact]
    public void Should_Store_Rows_In_Time_Order()
    {
        // Given an app built in full, then its last day again
        using var w = Built();
        w.Run();

        // Then the facts and the staged events lie in the order of their days, so a window is a few adjacent blocks
        foreach (var (table, column) in new[] { ("fact_event", "date_key"), ("fact_kpi_daily", "date_key"), ("stg_events", "local_date") })
            w.Scalar<long>($"SELECT count(*) FROM (SELECT {column} < lag({column}) OVER (ORDER BY rowid) AS back FROM {table}) WHERE back")
                .ShouldBe(0, $"{table} rows out of {column} order");
    }

    [Fact]
    public void Should_Merge_A_Window_As_Deleting_And_Inserting_It_Would()
    {
        // Given an app built in full
        using var w = Built();
        var lastKey = DateKeys.Of(App.EndDate);
        var fresh = w.Query<(long Key, string Name)>($"SELECT event_key, name FROM fact_event WHERE date_key = {lastKey} ORDER BY event_key LIMIT 3");
        var outside = w.Scalar<long>($"SELECT min(event_key) FROM fact_event WHERE date_key < {lastKey - 5}");
        var rowsBefore = w.Scalar<long>("SELECT count(*) FROM fact_event");

        // When rows of the window are changed, removed and added, and one row outside it changed, then the day is run
        w.Warehouse.Execute($"UPDATE fact_event SET name = 'tampered' WHERE event_key IN ({fresh[0].Key}, {outside})", "tampering");
        w.Warehouse.Execute($"DELETE FROM fact_event WHERE event_key = {fresh[1].Key}", "removing a row");
        w.Warehouse.Execute($"INSERT INTO fact_event SELECT * REPLACE (-1 AS event_key) FROM fact_event WHERE event_key = {fresh[2].Key}", "adding a row");
        w.Run();

        // Then the window is as the model computes it, and the row outside the window is left as it was
        w.Scalar<string>($"SELECT name FROM fact_event WHERE event_key = {fresh[0].Key}").ShouldBe(fresh[0].Name);
        w.Scalar<long>($"SELECT count(*) FROM fact_event WHERE event_key = {fresh[1].Key}").ShouldBe(1);
        w.Scalar<long>("SELECT count(*) FROM fact_event WHERE event_key = -1").ShouldBe(0);
        w.Scalar<string>($"SELECT name FROM fact_event WHERE event_key = {outside}").ShouldBe("tampered");
        w.Scalar<long>("SELECT count(*) FROM fact_event").ShouldBe(rowsBefore);
        w.Scalar<long>("SELECT count(*) - count(DISTINCT event_key) FROM fact_event").ShouldBe(0);
    }
}
