using Starboard.Core.Schema;

namespace Starboard.Core.Dialects;

// DDL hooks: DdlRenderer asks the dialect for each piece of a CREATE TABLE. The defaults are ANSI with named
// constraints and COMMENT ON statements, as PostgreSQL and DuckDB take them; MySQL declares indexes and comments
// inside CREATE TABLE, ClickHouse writes nullability into the type and keys into the engine clause.
public abstract partial class SqlDialect
{
    /// <summary>A string literal: quotes doubled (engines that read backslash escapes also escape backslashes).</summary>
    public virtual string StringLiteral(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>One column inside CREATE TABLE.</summary>
    public virtual string ColumnClause(ColumnDefinition column) =>
        $"{QuoteIdentifier(column.Name)} {TypeName(column.Type)}{(column.Nullable ? "" : " NOT NULL")}";

    /// <summary>The primary key inside CREATE TABLE, or null where the engine keeps keys elsewhere (ClickHouse).</summary>
    public virtual string? PrimaryKeyClause(TableDefinition table) =>
        $"CONSTRAINT {QuoteIdentifier(DdlNames.PrimaryKey(table, MaxIdentifierLength))} PRIMARY KEY ({ColumnList(table.PrimaryKey)})";

    /// <summary>A foreign key inside CREATE TABLE (asked only when <see cref="EnforcesForeignKeys"/>).</summary>
    public virtual string ForeignKeyClause(TableDefinition table, ForeignKeyDefinition foreignKey) =>
        $"CONSTRAINT {QuoteIdentifier(DdlNames.ForeignKey(table, foreignKey, MaxIdentifierLength))} FOREIGN KEY ({ColumnList(foreignKey.Columns)}) " +
        $"REFERENCES {QuoteIdentifier(foreignKey.ReferencedTable)} ({ColumnList(foreignKey.ReferencedColumns)})";

    /// <summary>An index declared inside CREATE TABLE (MySQL), or null where indexes are statements of their own.</summary>
    public virtual string? InlineIndexClause(TableDefinition table, IndexDefinition index, bool forPublishing) => null;

    /// <summary>A CREATE INDEX statement, or null where the engine is better served without it (DuckDB's zone maps).</summary>
    public virtual string? CreateIndex(TableDefinition table, IndexDefinition index, bool forPublishing) =>
        $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX IF NOT EXISTS {QuoteIdentifier(DdlNames.Index(index, MaxIdentifierLength))} " +
        $"ON {QuoteIdentifier(table.Name)} ({ColumnList(index.Columns)})";

    /// <summary>What follows the closing parenthesis of CREATE TABLE: engine, character set, table comment.</summary>
    public virtual string CreateTableSuffix(TableDefinition table) => "";

    /// <summary>Statements that attach the table's and columns' descriptions to the catalog.</summary>
    public virtual IEnumerable<string> CommentStatements(TableDefinition table)
    {
        var t = QuoteIdentifier(table.Name);
        if (table.Description.Length > 0)
            yield return $"COMMENT ON TABLE {t} IS {StringLiteral(table.Description)}";
        foreach (var c in table.Columns.Where(c => c.Description.Length > 0))
            yield return $"COMMENT ON COLUMN {t}.{QuoteIdentifier(c.Name)} IS {StringLiteral(c.Description)}";
    }

    /// <summary>Statements that open a published script (session settings the script relies on).</summary>
    public virtual IEnumerable<string> ScriptPreamble => [];

    /// <summary>Why this engine's published DDL looks the way it does, printed at the top of the script.</summary>
    public abstract string DdlStrategy { get; }

    protected string ColumnList(IEnumerable<string> names) => string.Join(", ", names.Select(QuoteIdentifier));
}
