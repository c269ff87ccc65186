using System.Data.Common;
using MySql.Data.MySqlClient;
using Starboard.Core.Schema;

namespace Starboard.Core.Dialects.MySql;

/// <summary>
/// MySQL 8 and MariaDB 10.6+ through MySql.Data. Tables are InnoDB in utf8mb4 with a binary collation (ids compare
/// exactly, as on the other engines); keys, indexes and comments are declared inside CREATE TABLE, which both
/// engines accept (MySQL has no CREATE INDEX IF NOT EXISTS). The pipeline runs on DuckDB in this version, so there
/// is no bulk writer yet.
/// </summary>
public sealed class MySqlDialect : SqlDialect
{
    public override string Name => "mysql";

    public override UpsertStrategy Upsert => UpsertStrategy.OnDuplicateKey;

    public override int? MaxIdentifierLength => 64;

    public override string QuoteIdentifier(string name) => $"`{name.Replace("`", "``")}`";

    public override string ParameterPlaceholder(string name) => "@" + name;

    public override string TypeName(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt => "BIGINT",
        TypeKind.Int => "INT",
        TypeKind.SmallInt => "SMALLINT",
        TypeKind.Bool => "BOOLEAN",
        TypeKind.Double => "DOUBLE",
        TypeKind.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        // LONGTEXT: TEXT holds 64 KB, less than a 65,536-character message in utf8mb4.
        TypeKind.Text => "LONGTEXT",
        TypeKind.VarChar => $"VARCHAR({type.Length})",
        TypeKind.Date => "DATE",
        // DATETIME keeps the UTC wall clock as given; TIMESTAMP would convert through the session's zone and ends in 2038.
        TypeKind.Timestamp => "DATETIME(6)",
        TypeKind.Json => "JSON",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>Backslashes are escapes in MySQL string literals (unless NO_BACKSLASH_ESCAPES), so they are doubled too.</summary>
    public override string StringLiteral(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "''") + "'";

    public override string ColumnClause(ColumnDefinition column) =>
        base.ColumnClause(column) + (column.Description.Length > 0 ? $" COMMENT {StringLiteral(column.Description)}" : "");

    // InnoDB names the primary key PRIMARY whatever it is called; the table is clustered on it.
    public override string? PrimaryKeyClause(TableDefinition table) => $"PRIMARY KEY ({ColumnList(table.PrimaryKey)})";

    public override string? InlineIndexClause(TableDefinition table, IndexDefinition index, bool forPublishing) =>
        $"{(index.Unique ? "UNIQUE KEY" : "KEY")} {QuoteIdentifier(DdlNames.Index(index, MaxIdentifierLength))} ({ColumnList(index.Columns)})";

    public override string? CreateIndex(TableDefinition table, IndexDefinition index, bool forPublishing) => null;

    public override string CreateTableSuffix(TableDefinition table) =>
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" +
        (table.Description.Length > 0 ? $" COMMENT={StringLiteral(table.Description)}" : "");

    public override IEnumerable<string> CommentStatements(TableDefinition table) => [];

    public override IEnumerable<string> ScriptPreamble => ["SET NAMES utf8mb4"];

    public override string DdlStrategy =>
        "MySQL/MariaDB: InnoDB, utf8mb4 with the binary collation utf8mb4_bin (ids compare exactly); each table is " +
        "clustered on its primary key; foreign keys from facts to dimensions (InnoDB indexes each one); secondary " +
        "indexes on the date and user columns facts are filtered and joined by; unique keys on alternate keys; " +
        "comments inline. Not partitioned: MySQL requires the partition column in every unique key, and the facts " +
        "are keyed by their own surrogate key.";

    public override DbConnection CreateConnection(string connectionString)
    {
        MariaDbCharsetFix.EnsureApplied();
        return new MySqlConnection(connectionString);
    }

    public override string ReadOnly(string connectionString) => connectionString;

    public override IBulkWriter CreateBulkWriter(DbConnection connection, TableDefinition table) =>
        throw new NotSupportedException("loading data into MySQL is not supported yet; `starboard ddl --dialect mysql` renders its schema");

    protected override string HashInput(string[] exprs) =>
        "CONCAT(" + string.Join(", CHAR(31 USING utf8mb4), ", exprs.Select(e => $"COALESCE(CAST({e} AS CHAR), '')")) + ")";

    public override string HashKey(string[] exprs) => $"CAST(CONV(SUBSTRING(MD5({HashInput(exprs)}), 1, 15), 16, 10) AS SIGNED)";

    public override string DateKey(string dateExpr) => $"CAST(DATE_FORMAT({dateExpr}, '%Y%m%d') AS SIGNED)";

    public override string DateFromKey(string keyExpr) => $"STR_TO_DATE(CAST({keyExpr} AS CHAR), '%Y%m%d')";

    // Needs the server's time zone tables (mysql_tzinfo_to_sql) for named zones.
    public override string LocalTimestamp(string tsExpr) =>
        ReportingInUtc ? tsExpr : $"CONVERT_TZ({tsExpr}, '+00:00', {ParameterPlaceholder("timezone")})";

    public override string AddDays(string dateExpr, string daysExpr) => $"DATE_ADD(CAST({dateExpr} AS DATE), INTERVAL ({daysExpr}) DAY)";

    public override string DaysBetween(string fromDateExpr, string toDateExpr) => $"DATEDIFF(CAST({toDateExpr} AS DATE), CAST({fromDateExpr} AS DATE))";

    public override string IntegerDivide(string a, string b) => $"(({a}) DIV ({b}))";

    public override string EpochMicros(string tsExpr) => $"TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', {tsExpr})";

    public override string JsonText(string jsonExpr, string keyExpr) => $"JSON_UNQUOTE(JSON_EXTRACT({jsonExpr}, CONCAT('$.\"', {keyExpr}, '\"')))";

    public override string JsonDecimal(string jsonExpr, string field) =>
        $"CASE WHEN JSON_TYPE(JSON_EXTRACT({jsonExpr}, '$.{field}')) IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL') " +
        $"THEN CAST(JSON_EXTRACT({jsonExpr}, '$.{field}') AS DECIMAL(18,6)) END";

    public override string JsonArrayRows(string jsonExpr, string alias) =>
        $"JSON_TABLE({jsonExpr}, '$[*]' COLUMNS (line_no FOR ORDINALITY, value JSON PATH '$')) AS {alias}";

    public override string SplitPart(string expr, string delimiter, string n) =>
        $"SUBSTRING_INDEX(SUBSTRING_INDEX({expr}, {delimiter}, {n}), {delimiter}, -1)";
}
