using Starboard.Core.Schema;

namespace Starboard.Core.Graph;

public enum Materialization
{
    /// <summary>Rebuilt in full on every run (delete, then insert the model's SELECT).</summary>
    Table,

    /// <summary>Rebuilt for a window of days: rows whose time column falls in the window are replaced.</summary>
    IncrementalByTime,

    /// <summary>
    /// Upserted by primary key from the loads not yet seen: the model's SQL reads rows where
    /// {{ new_loads(load_id) }} holds (loads committed after the model's checkpoint in model_state, which commits
    /// with its rows) and may read its own earlier rows as {{ this() }}; its output replaces the rows with the
    /// same keys. A full build is the same SQL over an empty table and every committed load, so the two agree.
    /// </summary>
    IncrementalByKey,

    /// <summary>Rows produced in C# (calendars, catalogs from configuration) and bulk-loaded.</summary>
    Seed,

    /// <summary>Filled by something other than the runner (ingestion, state); the runner only creates it.</summary>
    External,

    /// <summary>Part of the published model only (the source OLTP schema): never created in the warehouse.</summary>
    DdlOnly,
}

/// <summary>A node of the model graph: a table, how it is filled, and what it reads.</summary>
public sealed record ModelDefinition(
    TableDefinition Table,
    Materialization Materialization,
    string? Sql,
    string? SqlPath,
    IReadOnlyList<string> DependsOn,
    string? TimeColumn,
    string? LoadColumn = null)
{
    public string Name => Table.Name;

    /// <summary>For a seed: the rows as CSV with a header of column names (`{name}.csv` beside the yml), when not from C#.</summary>
    public string? SeedCsv { get; init; }

    /// <summary>
    /// The order rows are inserted in (`cluster_by` in the yml; by default the time column): on an engine that
    /// prunes by min/max per block of rows, a run's window then reads and deletes a few blocks, not all of them.
    /// </summary>
    public IReadOnlyList<string> ClusterBy { get; init; } = [];

    /// <summary>
    /// An incremental model whose window is merged (`incremental_strategy: merge`: only the rows that changed are
    /// rewritten) rather than deleted and inserted whole (`delete+insert`, the default). Needs a primary key.
    /// </summary>
    public bool MergesWindow { get; init; }

    /// <summary>
    /// An incremental_by_key model whose rows never change their cluster columns (`replace_within_cluster: true`: an
    /// event's day is its first copy's), so the rows a batch replaces are looked for only in the batch's clusters:
    /// a few row groups instead of every key of the table.
    /// </summary>
    public bool ReplacesWithinCluster { get; init; }
}
