using Starboard.Core.Graph;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

public sealed partial class Runner
{
    private const string Batch = "starboard_batch";

    /// <summary>
    /// An incremental_by_key model: its SQL runs once, over the loads after the table's checkpoint (the largest
    /// load id in it), into a temporary table; rows with the same keys are deleted and the batch inserted. All of
    /// it is one transaction, so the checkpoint moves with the rows: a run killed midway leaves the table as it
    /// was, and the next run reads the same loads again.
    /// </summary>
    private long UpsertNewLoads(ModelDefinition model, Dictionary<string, object?> vars, bool full)
    {
        var d = warehouse.Dialect;
        var table = d.QuoteIdentifier(model.Name);
        var batch = d.QuoteIdentifier(Batch);
        // Read in the model's transaction, and committed with its rows: the loads this build has taken in.
        var upto = warehouse.Scalar<long?>("SELECT max(commit_order) FROM loads WHERE status = 'committed'", "reading the committed loads") ?? 0;
        if (full)
        {
            // Nothing to replace: the same SQL over an empty table, inserted directly.
            warehouse.Execute(d.Template("delete_all", new Dictionary<string, string> { ["target"] = table }), $"clearing {model.Name}");
            var inserted = Insert(model, LoadVars(vars, -1, upto));
            _state.SetLoadCheckpoint(model.Name, upto);
            return inserted;
        }
        CreateBatch(model, LoadVars(vars, _state.LoadCheckpoint(model.Name) ?? -1, upto));
        // Matched with IN rather than a correlated EXISTS, which DuckDB plans as a join that passes no filter to the
        // table's scan: with the cluster columns in the match, the scan then reads only the batch's row groups.
        var match = model.Table.PrimaryKey.Concat(model.ReplacesWithinCluster ? model.ClusterBy : []).Select(d.QuoteIdentifier);
        warehouse.Execute(d.Template("delete_keys", new Dictionary<string, string> { ["target"] = table, ["batch"] = batch, ["columns"] = string.Join(", ", match) }),
            $"replacing rows of {model.Name}");
        var rows = Insert(model, vars, from: batch);
        DropTemp(Batch);
        _state.SetLoadCheckpoint(model.Name, upto);
        return rows;
    }

    private static Dictionary<string, object?> LoadVars(Dictionary<string, object?> vars, long after, long upto) =>
        new(vars) { ["after_commit"] = after, ["upto_commit"] = upto };

    /// <summary>The model's rows, rendered with <paramref name="vars"/>, into a fresh temporary table <see cref="Batch"/>.</summary>
    private void CreateBatch(ModelDefinition model, Dictionary<string, object?> vars)
    {
        var d = warehouse.Dialect;
        DropTemp(Batch);
        var select = SqlTemplate.Render(model.Sql!, d, vars, model.Name);
        try
        {
            warehouse.Execute(select with { Text = d.Template("create_temp_select", new Dictionary<string, string> { ["name"] = d.QuoteIdentifier(Batch), ["select"] = select.Text }) },
                $"model '{model.Name}'");
        }
        catch (ExecutionException e)
        {
            throw ExecutionException.InModel(model.Name, d.Name, select.Text, e.InnerException ?? e);
        }
    }

    /// <summary>The model's table matched to the batch (aliased b) on its primary key.</summary>
    private string KeyMatch(ModelDefinition model)
    {
        var d = warehouse.Dialect;
        var table = d.QuoteIdentifier(model.Name);
        return string.Join(" AND ", model.Table.PrimaryKey.Select(k => $"{table}.{d.QuoteIdentifier(k)} = b.{d.QuoteIdentifier(k)}"));
    }

    private void DropTemp(params string[] names)
    {
        foreach (var name in names)
            warehouse.Execute(RenderedSql.Plain(warehouse.Dialect.Template("drop_table", new Dictionary<string, string> { ["name"] = warehouse.Dialect.QuoteIdentifier(name) })),
                "dropping a temporary table");
    }
}
