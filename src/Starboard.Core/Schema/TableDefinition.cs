namespace Starboard.Core.Schema;

public enum Layer { Source, Raw, Staging, Warehouse, Kpi, System }

/// <summary>
/// What a text column's values look like, for engines that store the two differently: identifiers (nearly every
/// value new: ids, keys) or labels (a few values repeated: names, codes, enums, versions). Mixed says nothing.
/// </summary>
public enum ValueShape { Mixed, Identifier, Label }

public sealed record ColumnDefinition(string Name, ColumnType Type, bool Nullable, string Description, ValueShape Shape = ValueShape.Mixed);

public sealed record ForeignKeyDefinition(IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns);

public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns, bool Unique);

/// <summary>
/// One table of the model: the single definition that DDL for every dialect, docs/schema.md and the runner's
/// CREATE statements are rendered from.
/// </summary>
public sealed record TableDefinition(
    string Name,
    Layer Layer,
    string Description,
    string? Grain,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<ForeignKeyDefinition> ForeignKeys,
    IReadOnlyList<IndexDefinition> Indexes,
    IReadOnlyList<string> SortKey,
    string? PartitionBy)
{
    public ColumnDefinition Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new ProjectException($"table '{Name}' has no column '{name}'");

    /// <summary>
    /// The column whose month partitions the table where the engine partitions (ClickHouse): `partition_by:
    /// month(column)`; a bare `month` is the month of the model's time column (ModelLoader), else of date_key.
    /// </summary>
    public string? PartitionColumn => PartitionBy?.Trim() switch
    {
        null => null,
        "month" => "date_key",
        var p when p.StartsWith("month(", StringComparison.Ordinal) && p.EndsWith(')') => p[6..^1].Trim(),
        var p => throw new ProjectException($"table '{Name}': partition_by '{p}' is not month or month(column)"),
    };

    public bool IsDimension => Name.StartsWith("dim_", StringComparison.Ordinal);

    public bool IsFact => Name.StartsWith("fact_", StringComparison.Ordinal) || Name.StartsWith("agg_", StringComparison.Ordinal);
}
