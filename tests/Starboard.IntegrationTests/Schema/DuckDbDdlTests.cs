using Dapper;
using Starboard.Core.Schema;

namespace Starboard.IntegrationTests.Schema;

/// <summary>The published DuckDB DDL on DuckDB in memory (runs everywhere), read back through duckdb_* functions.</summary>
public sealed class DuckDbDdlTests : PublishedDdlTests
{
    protected override string Dialect => "duckdb";

    protected override bool DeclaresForeignKeys => false;

    protected override bool Creates(IndexDefinition index) => index.Unique;

    protected override string ExpectedType(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt => "BIGINT",
        TypeKind.Int => "INTEGER",
        TypeKind.SmallInt => "SMALLINT",
        TypeKind.Bool => "BOOLEAN",
        TypeKind.Double => "DOUBLE",
        TypeKind.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        TypeKind.Text or TypeKind.VarChar => "VARCHAR",
        TypeKind.Date => "DATE",
        TypeKind.Timestamp => "TIMESTAMP",
        TypeKind.Json => "JSON",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    protected override Catalog ReadCatalog(ServerDatabase db)
    {
        var catalog = new Catalog();
        foreach (var (name, comment) in db.Connection.Query<(string, string?)>("SELECT table_name, comment FROM duckdb_tables()"))
            catalog.Add(name, comment);
        foreach (var (table, column, type, nullable, comment) in db.Connection.Query<(string, string, string, bool, string?)>(
            "SELECT table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns() WHERE NOT internal ORDER BY table_name, column_index"))
            catalog[table].Columns.Add(new(column, type, nullable, comment));
        foreach (var (table, columns) in db.Connection.Query<(string, string)>(
            "SELECT table_name, array_to_string(constraint_column_names, ',') FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"))
            catalog[table].PrimaryKey.AddRange(columns.Split(','));
        foreach (var (name, table, unique, expressions) in db.Connection.Query<(string, string, bool, string)>(
            "SELECT index_name, table_name, is_unique, CAST(expressions AS VARCHAR) FROM duckdb_indexes()"))
            catalog[table].Indexes.Add(new(name, expressions.Trim('[', ']').Replace(" ", "").Replace("'", "").Replace("\"", ""), unique));
        return catalog;
    }
}
