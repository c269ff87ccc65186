using Starboard.Core.Graph;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

public sealed partial class Runner
{
    private const string Changed = "starboard_changed";

    /// <summary>
    /// Rebuilds a table model by writing only what changed: the model's rows go to a temporary table; rows of the
    /// table whose key is gone, or whose values differ, are deleted, and the new versions inserted. The table ends
    /// up exactly as deleting and inserting everything would leave it, but a daily run writes the few users,
    /// orders and errors that changed instead of every row of every such table, so the engine logs (and
    /// checkpoints) a fraction of the data. Needs a primary key. Returns the model's rows, as a rebuild would.
    /// </summary>
    private long MergeChanges(ModelDefinition model, Dictionary<string, object?> vars)
    {
        var d = warehouse.Dialect;
        var table = d.QuoteIdentifier(model.Name);
        var batch = d.QuoteIdentifier(Batch);
        var changed = d.QuoteIdentifier(Changed);
        var columns = string.Join(", ", model.Table.Columns.Select(c => d.QuoteIdentifier(c.Name)));
        var keyMatch = KeyMatch(model);
        DropTemp(Changed);
        CreateBatch(model, vars);
        var rows = warehouse.Scalar<long>($"SELECT count(*) FROM {batch}", $"counting the rows of {model.Name}");
        // EXCEPT compares NULLs as equal, so an unchanged row with a NULL is not rewritten.
        warehouse.Execute(d.Template("create_temp_changed", new Dictionary<string, string>
        {
            ["name"] = changed, ["columns"] = columns, ["batch"] = batch, ["target"] = table, ["where"] = "",
        }), $"finding the changed rows of {model.Name}");
        warehouse.Execute(d.Template("delete_missing_keys", new Dictionary<string, string> { ["target"] = table, ["batch"] = batch, ["key_match"] = keyMatch }),
            $"deleting the rows {model.Name} no longer has");
        warehouse.Execute(d.Template("delete_keys", new Dictionary<string, string> { ["target"] = table, ["batch"] = changed, ["key_match"] = keyMatch }),
            $"replacing the changed rows of {model.Name}");
        Insert(model, vars, from: changed);
        DropTemp(Batch, Changed);
        return rows;
    }

    /// <summary>
    /// An incremental model's window rebuilt by writing only what changed (`incremental_strategy: merge`): as
    /// <see cref="MergeChanges"/>, but within the window. The table ends up as deleting the window and inserting the
    /// model's rows would leave it; a daily run then rewrites the late and new rows of the older days of its window
    /// instead of all of them. Worth it where most of a window's rows stay the same and comparing them is cheap.
    /// </summary>
    private long MergeWindow(ModelDefinition model, Dictionary<string, object?> vars, string from, string to)
    {
        var d = warehouse.Dialect;
        var table = d.QuoteIdentifier(model.Name);
        var batch = d.QuoteIdentifier(Batch);
        var changed = d.QuoteIdentifier(Changed);
        var columns = string.Join(", ", model.Table.Columns.Select(c => d.QuoteIdentifier(c.Name)));
        var time = d.QuoteIdentifier(model.TimeColumn!);
        var range = new Dictionary<string, object?> { [from] = vars[from], [to] = vars[to] };
        DropTemp(Changed);
        CreateBatch(model, vars);
        var rows = warehouse.Scalar<long>($"SELECT count(*) FROM {batch}", $"counting the rows of {model.Name}");
        warehouse.Execute(new RenderedSql(d.Template("create_temp_changed", new Dictionary<string, string>
        {
            ["name"] = changed, ["columns"] = columns, ["batch"] = batch, ["target"] = table,
            ["where"] = $" WHERE {time} BETWEEN {d.ParameterPlaceholder(from)} AND {d.ParameterPlaceholder(to)}",
        }), range), $"finding the changed rows of {model.Name}");
        warehouse.Execute(new RenderedSql(d.Template("delete_window_changes", new Dictionary<string, string>
        {
            ["target"] = table, ["time_column"] = time, ["start"] = d.ParameterPlaceholder(from), ["end"] = d.ParameterPlaceholder(to),
            ["batch"] = batch, ["changed"] = changed, ["key_match"] = KeyMatch(model),
        }), range), $"replacing the changed rows of the window of {model.Name}");
        Insert(model, vars, from: changed);
        DropTemp(Batch, Changed);
        return rows;
    }
}
