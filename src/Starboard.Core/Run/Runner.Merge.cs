using Starboard.Core.Graph;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

public sealed partial class Runner
{
    private const string Changed = "starboard_changed";

    /// <summary>
    /// Rebuilds a table model, or the window of an incremental one (`incremental_strategy: merge`), by writing only
    /// what changed: the model's rows go to a temporary table; rows of the table (of its window) whose key is gone,
    /// or whose values differ, are deleted, and the new versions inserted. The table ends up exactly as deleting and
    /// inserting everything (the window) would leave it, but a daily run writes the few users, orders, errors and
    /// late events that changed instead of every row, so the engine logs (and checkpoints) a fraction of the data.
    /// Needs a primary key. Returns the model's rows, as a rebuild would.
    /// </summary>
    /// <param name="window">The time column's bounds as the names of their variables, for a window; null for a whole table.</param>
    private long MergeChanges(ModelDefinition model, Dictionary<string, object?> vars, (string From, string To)? window = null)
    {
        var d = warehouse.Dialect;
        var table = d.QuoteIdentifier(model.Name);
        var batch = d.QuoteIdentifier(Batch);
        var changed = d.QuoteIdentifier(Changed);
        var columns = string.Join(", ", model.Table.Columns.Select(c => d.QuoteIdentifier(c.Name)));
        var within = window is var (from, to) ? $"{d.QuoteIdentifier(model.TimeColumn!)} BETWEEN {d.ParameterPlaceholder(from)} AND {d.ParameterPlaceholder(to)}" : null;
        var bounds = window is var (f, t) ? new Dictionary<string, object?> { [f] = vars[f], [t] = vars[t] } : [];
        DropTemp(Changed);
        CreateBatch(model, vars);
        var rows = warehouse.Scalar<long>($"SELECT count(*) FROM {batch}", $"counting the rows of {model.Name}");
        // EXCEPT compares NULLs as equal, so an unchanged row with a NULL is not rewritten.
        warehouse.Execute(new RenderedSql(d.Template("create_temp_changed", new Dictionary<string, string>
        {
            ["name"] = changed, ["columns"] = columns, ["batch"] = batch, ["target"] = table, ["where"] = within is null ? "" : " WHERE " + within,
        }), bounds), $"finding the changed rows of {model.Name}");
        warehouse.Execute(new RenderedSql(d.Template("delete_changed_rows", new Dictionary<string, string>
        {
            ["target"] = table, ["within"] = within is null ? "" : within + " AND ", ["batch"] = batch, ["changed"] = changed, ["key_match"] = KeyMatch(model),
        }), bounds), $"replacing the changed rows of {model.Name}");
        Insert(model, vars, from: changed);
        DropTemp(Batch, Changed);
        return rows;
    }
}
