using System.Data.Common;
using Starboard.Core.Schema;

namespace Starboard.Core.Dialects.ClickHouse;

/// <summary>
/// ClickHouse, as old as the 18.16 server Debian ships: MergeTree tables sorted and partitioned for the queries
/// the KPIs run. ClickHouse has no foreign keys, no secondary indexes (before 19.x), no transactions and no
/// query parameters (before 19.x); there is no ADO.NET driver here, so this dialect renders DDL and macros only.
/// </summary>
public sealed class ClickHouseDialect : SqlDialect
{
    public override string Name => "clickhouse";

    public override bool SupportsTransactions => false;

    public override bool EnforcesForeignKeys => false;

    public override string QuoteIdentifier(string name) => $"`{name.Replace("\\", "\\\\").Replace("`", "\\`")}`";

    public override string ParameterPlaceholder(string name) => $"{{{name}:String}}";

    public override string TypeName(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt => "Int64",
        TypeKind.Int => "Int32",
        TypeKind.SmallInt => "Int16",
        TypeKind.Bool => "UInt8",
        TypeKind.Double => "Float64",
        TypeKind.Decimal => $"Decimal({type.Precision}, {type.Scale})",
        TypeKind.Text or TypeKind.VarChar or TypeKind.Json => "String",
        TypeKind.Date => "Date",
        // Seconds: 18.16 has no DateTime64.
        TypeKind.Timestamp => "DateTime",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    public override string StringLiteral(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    public override string ColumnClause(ColumnDefinition column)
    {
        var type = TypeName(column.Type);
        return $"{QuoteIdentifier(column.Name)} {(column.Nullable ? $"Nullable({type})" : type)}" +
               (column.Description.Length > 0 ? $" COMMENT {StringLiteral(column.Description)}" : "");
    }

    // The key lives in the engine clause: ORDER BY the sort key, which holds the primary key's columns.
    public override string? PrimaryKeyClause(TableDefinition table) => null;

    public override string? CreateIndex(TableDefinition table, IndexDefinition index, bool forPublishing) => null;

    public override IEnumerable<string> CommentStatements(TableDefinition table) => [];

    /// <summary>
    /// Keyed tables are ReplacingMergeTree sorted by their sort key (which contains the primary key), so a row
    /// written again for the same key replaces the old one at merge time: the engine's idempotent upsert. Tables
    /// with a date_key are partitioned by month.
    /// </summary>
    public override string CreateTableSuffix(TableDefinition table)
    {
        var engine = table.PrimaryKey.Count > 0 ? "ReplacingMergeTree()" : "MergeTree()";
        var partition = table.PartitionColumn is { } p ? $" PARTITION BY {MonthOf(table.Column(p))}" : "";
        var order = table.SortKey.Count > 0 ? $"({ColumnList(table.SortKey)})" : "tuple()";
        return $" ENGINE = {engine}{partition} ORDER BY {order}";
    }

    private string MonthOf(ColumnDefinition column) => column.Type.Kind switch
    {
        TypeKind.Date or TypeKind.Timestamp => $"toYYYYMM({QuoteIdentifier(column.Name)})",
        _ => $"intDiv({QuoteIdentifier(column.Name)}, 100)", // a YYYYMMDD key
    };

    public override string DdlStrategy =>
        "ClickHouse (18.16 and later): keyed tables are ReplacingMergeTree ORDER BY their sort key (which holds the " +
        "primary key, so a re-written row replaces the old one at merge: the idempotent upsert), facts PARTITION BY " +
        "month of their date key, tables without a key MergeTree; no foreign keys or secondary indexes (the engine has none); " +
        "column comments inline; table descriptions as SQL comments (table COMMENT needs ClickHouse 21.6). " +
        "Timestamps are DateTime (seconds) and Date ranges 1970-2105, so SCD2 sentinels clamp on this engine.";

    public override DbConnection CreateConnection(string connectionString) =>
        throw new NotSupportedException("ClickHouse is reached over HTTP; Starboard renders its DDL (`starboard ddl --dialect clickhouse`) but does not run the pipeline on it yet");

    public override string ReadOnly(string connectionString) => connectionString;

    public override IBulkWriter CreateBulkWriter(DbConnection connection, TableDefinition table) =>
        throw new NotSupportedException("loading data into ClickHouse is not supported yet");

    protected override string HashInput(string[] exprs) =>
        "concat(" + string.Join(", '\\x1F', ", exprs.Select(e => $"ifNull(toString({e}), '')")) + ")";

    // The first 16 hex digits read big-endian, shifted right by 4: the first 15 hex digits, as on every engine.
    public override string HashKey(string[] exprs) =>
        $"toInt64(bitShiftRight(reinterpretAsUInt64(reverse(unhex(substring(hex(MD5({HashInput(exprs)})), 1, 16)))), 4))";

    public override string DateKey(string dateExpr) => $"toInt32(toYYYYMMDD(toDate({dateExpr})))";

    public override string DateFromKey(string keyExpr) =>
        $"toDate(concat(substring(toString({keyExpr}), 1, 4), '-', substring(toString({keyExpr}), 5, 2), '-', substring(toString({keyExpr}), 7, 2)))";

    public override string LocalTimestamp(string tsExpr) => ReportingInUtc ? tsExpr : $"toTimeZone({tsExpr}, {ParameterPlaceholder("timezone")})";

    public override string AddDays(string dateExpr, string daysExpr) => $"addDays(toDate({dateExpr}), {daysExpr})";

    public override string DaysBetween(string fromDateExpr, string toDateExpr) => $"(toDate({toDateExpr}) - toDate({fromDateExpr}))";

    public override string IntegerDivide(string a, string b) => $"intDiv({a}, {b})";

    public override string EpochMicros(string tsExpr) => $"(toInt64(toUInt32({tsExpr})) * 1000000)";

    public override string JsonText(string jsonExpr, string keyExpr) => $"visitParamExtractString({jsonExpr}, {keyExpr})";

    public override string JsonDecimal(string jsonExpr, string field) => $"toDecimal64(visitParamExtractFloat({jsonExpr}, '{field}'), 6)";

    public override string JsonArrayRows(string jsonExpr, string alias) =>
        throw new ProjectException("json_array_rows is not available on ClickHouse 18.16 (it has no JSON array functions)");

    public override string SplitPart(string expr, string delimiter, string n) => $"splitByString({delimiter}, {expr})[{n}]";
}
