using Starboard.Core.Engine;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

/// <summary>The runner's own state: the run log (`pipeline_runs`) and per-model state (`model_state`).</summary>
public sealed class StateStore(Warehouse warehouse, TimeProvider clock)
{
    private string P(string name) => warehouse.Dialect.ParameterPlaceholder(name);

    public long NextRunId() => (warehouse.Scalar<long?>("SELECT max(run_id) FROM pipeline_runs", "numbering the run") ?? 0) + 1;

    public void RecordRun(long runId, ModelRun run, DateTime startedAt) => RecordRuns(runId, [(run, startedAt)]);

    /// <summary>Lines of pipeline_runs for several models, in one statement (a run in one transaction records all at its end).</summary>
    public void RecordRuns(long runId, IReadOnlyList<(ModelRun Run, DateTime StartedAt)> runs)
    {
        if (runs.Count == 0)
            return;
        var args = new Dictionary<string, object?> { ["run"] = runId };
        var rows = runs.Select((r, i) =>
        {
            args[$"model{i}"] = r.Run.Model; args[$"status{i}"] = r.Run.Status; args[$"started{i}"] = r.StartedAt;
            args[$"ms{i}"] = (long)r.Run.Duration.TotalMilliseconds; args[$"rows{i}"] = r.Run.Rows; args[$"ws{i}"] = r.Run.WindowStart;
            args[$"we{i}"] = r.Run.WindowEnd; args[$"full{i}"] = r.Run.FullRefresh; args[$"error{i}"] = r.Run.Error;
            return $"({P("run")}, {P($"model{i}")}, {P($"status{i}")}, {P($"started{i}")}, {P($"ms{i}")}, {P($"rows{i}")}, {P($"ws{i}")}, {P($"we{i}")}, {P($"full{i}")}, {P($"error{i}")})";
        });
        warehouse.Execute(new RenderedSql(
            "INSERT INTO pipeline_runs (run_id, model, status, started_at, duration_ms, rows_affected, window_start, window_end, full_refresh, error) " +
            $"VALUES {string.Join(", ", rows)}", args), "recording the run");
    }

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

    /// <summary>Marks models built, in one statement.</summary>
    public void MarkBuilt(IReadOnlyList<string> models)
    {
        if (models.Count == 0)
            return;
        var args = new Dictionary<string, object?> { ["at"] = clock.GetUtcNow().UtcDateTime };
        for (var i = 0; i < models.Count; i++)
            args[$"model{i}"] = models[i];
        warehouse.Execute(new RenderedSql(
            $"UPDATE model_state SET built_at = {P("at")} WHERE model IN ({string.Join(", ", models.Select((_, i) => P($"model{i}")))})", args),
            "recording model state");
    }
}
