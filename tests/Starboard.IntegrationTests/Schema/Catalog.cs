namespace Starboard.IntegrationTests.Schema;

/// <summary>What an engine's own catalog says a table is, normalized so it can be compared with the model.</summary>
public sealed record CatalogTable(string Name, string? Comment)
{
    public List<CatalogColumn> Columns { get; } = [];
    public List<string> PrimaryKey { get; } = [];
    public List<CatalogForeignKey> ForeignKeys { get; } = [];
    public List<CatalogIndex> Indexes { get; } = [];
}

public sealed record CatalogColumn(string Name, string Type, bool Nullable, string? Comment);

public sealed record CatalogForeignKey(string Name, string Columns, string ReferencedTable, string ReferencedColumns);

public sealed record CatalogIndex(string Name, string Columns, bool Unique);

public sealed class Catalog
{
    public Dictionary<string, CatalogTable> Tables { get; } = new(StringComparer.Ordinal);

    public CatalogTable this[string table] => Tables[table];

    public void Add(string table, string? comment) => Tables[table] = new CatalogTable(table, comment);
}
