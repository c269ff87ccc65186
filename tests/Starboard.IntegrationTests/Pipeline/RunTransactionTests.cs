using Starboard.Core.Generate;
using Starboard.Core.Graph;
using Starboard.Core.Run;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>
/// An incremental run is one transaction: when a model fails, every model's rows, checkpoints and built marks go
/// back to what they were before the run, and the run is still recorded model by model in pipeline_runs.
/// </summary>
public sealed class RunTransactionTests
{
    private static readonly GeneratorOptions App = new() { Users = 60, Days = 40, Seed = 5, EndDate = new DateOnly(2025, 6, 30) };

    [Fact]
    public void Should_Leave_The_Warehouse_As_It_Was_When_A_Model_Of_An_Incremental_Run_Fails()
    {
        // Given an app built in full from all but its last day, and the last day loaded
        using var w = new TestWarehouse();
        var history = Path.Combine(w.Folder, "history");
        var newDay = Path.Combine(w.Folder, "new-day");
        using (var a = new FileRecordSink(history, OutputFormat.Jsonl))
        using (var b = new FileRecordSink(newDay, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(App, new DateSplitRecordSink([a, b], [App.EndDate]), cancellationToken: TestContext.Current.CancellationToken);
        w.Ingest(history);
        w.Run();
        w.Ingest(newDay);
        var tables = w.Project.Graph.Ordered.Where(m => m.Materialization is not (Materialization.DdlOnly or Materialization.External))
            .Select(m => m.Name).Append("model_state").ToList();
        var before = Checksums(w, tables);

        // When the last model of the incremental run fails (its table is gone)
        w.Warehouse.Execute("ALTER TABLE agg_kpi_dashboard RENAME TO agg_kpi_dashboard_away", "hiding a table");
        var failed = new Runner(w.Project, w.Warehouse, w.Clock).Run(new RunOptions());

        // Then no table changed, and the run is recorded: the models before it rolled back, the failing one an error
        failed.Succeeded.ShouldBeFalse();
        Checksums(w, tables.Where(t => t != "agg_kpi_dashboard")).ShouldBe(before.Where(b => b.Key != "agg_kpi_dashboard").ToDictionary());
        var statuses = w.Query<(string Model, string Status)>($"SELECT model, status FROM pipeline_runs WHERE run_id = {failed.RunId}").ToDictionary();
        statuses.Count.ShouldBe(failed.Models.Count);
        statuses["agg_kpi_dashboard"].ShouldBe("error");
        statuses["fact_event"].ShouldBe("rolled_back");
        statuses.Values.ShouldAllBe(s => s == "rolled_back" || s == "error" || s == "skipped");

        // And once the table is back, the next run builds the day
        w.Warehouse.Execute("ALTER TABLE agg_kpi_dashboard_away RENAME TO agg_kpi_dashboard", "restoring a table");
        var run = w.Run();
        w.Query<string>($"SELECT DISTINCT status FROM pipeline_runs WHERE run_id = {run.RunId}").ShouldBe(["success"]);
        w.Scalar<long>($"SELECT count(*) FROM fact_event WHERE date_key = {DateKeys.Of(App.EndDate)}").ShouldBeGreaterThan(0);
    }

    private static Dictionary<string, string> Checksums(TestWarehouse w, IEnumerable<string> tables) => tables.ToDictionary(t => t,
        t => w.Query<(long Rows, decimal? Sum)>($"SELECT count(*), CAST(sum(hash(t)) AS DECIMAL(38,0)) FROM {t} AS t").Select(r => $"{r.Rows}:{r.Sum}").Single());
}
