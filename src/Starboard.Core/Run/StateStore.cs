using Starboard.Core.Engine;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

/// <summary>The runner's own state: the run log (`pipeline_runs`) and per-model state (`model_state`).</summary>
public sealed class StateStore(Warehouse warehouse, TimeProvider clock)
{
    private string P(string name) => warehouse.Dialect.ParameterPlaceholder(name);

    public long NextRunId() => (warehouse.Scalar<long?>("SELECT max(run_id) FROM pipeline_runs", "numbering the run") ?? 0) + 1;

    public void RecordRun(long runId, ModelRun run, DateTime startedAt) => warehouse.Execute(new RenderedSql(
        $"INSERT INTO pipeline_runs (run_id, model, status, started_at, duration_ms, rows_affected, window_start, window_end, full_refresh, error) " +
        $"VALUES ({P("run")}, {P("model")}, {P("status")}, {P("started")}, {P("ms")}, {P("rows")}, {P("ws")}, {P("we")}, {P("full")}, {P("error")})",
        new Dictionary<string, object?>
        {
            ["run"] = runId, ["model"] = run.Model, ["status"] = run.Status, ["started"] = startedAt,
            ["ms"] = (long)run.Duration.TotalMilliseconds, ["rows"] = run.Rows, ["ws"] = run.WindowStart, ["we"] = run.WindowEnd,
            ["full"] = run.FullRefresh, ["error"] = run.Error,
        }), "recording the run");

    /// <summary>The models built at least once (one query for the whole run).</summary>
    public IReadOnlySet<string> BuiltModels() =>
        warehouse.Query<string>("SELECT model FROM model_state WHERE built_at IS NOT NULL", "reading model state").ToHashSet(StringComparer.Ordinal);

    /// <summary>Every model's definition hash, read at once for the schema check.</summary>
    public IReadOnlyDictionary<string, string> DefinitionHashes() =>
        warehouse.Query<(string Model, string Hash)>("SELECT model, definition_hash FROM model_state", "reading model state")
            .ToDictionary(r => r.Model, r => r.Hash, StringComparer.Ordinal);

    public void SetDefinition(string model, string hash)
    {
        var args = new Dictionary<string, object?> { ["model"] = model, ["hash"] = hash };
        warehouse.Execute(new RenderedSql($"DELETE FROM model_state WHERE model = {P("model")}", args), "resetting model state");
        warehouse.Execute(new RenderedSql($"INSERT INTO model_state (model, definition_hash, built_at) VALUES ({P("model")}, {P("hash")}, NULL)", args), "recording model state");
    }

    /// <summary>The commit order of the last load an incremental-by-key model has read (null before its first build).</summary>
    public long? LoadCheckpoint(string model) => warehouse.Scalar<long?>(new RenderedSql(
        $"SELECT load_checkpoint FROM model_state WHERE model = {P("model")}", new Dictionary<string, object?> { ["model"] = model }), "reading model state");

    public void SetLoadCheckpoint(string model, long commitOrder) => warehouse.Execute(new RenderedSql(
        $"UPDATE model_state SET load_checkpoint = {P("at")} WHERE model = {P("model")}",
        new Dictionary<string, object?> { ["model"] = model, ["at"] = commitOrder }), "recording the load checkpoint");

    public void MarkBuilt(string model) => warehouse.Execute(new RenderedSql(
        $"UPDATE model_state SET built_at = {P("at")} WHERE model = {P("model")}",
        new Dictionary<string, object?> { ["model"] = model, ["at"] = clock.GetUtcNow().UtcDateTime }), "recording model state");
}
