using System.Data.Common;
using Npgsql;
using Starboard.Core.Schema;

namespace Starboard.Core.Dialects.Postgres;

/// <summary>
/// PostgreSQL (15 and later) through Npgsql. Renders the published DDL and the expression macros; the pipeline
/// itself runs on DuckDB in this version, so there is no bulk writer yet.
/// </summary>
public sealed class PostgresDialect : SqlDialect
{
    public override string Name => "postgres";

    public override UpsertStrategy Upsert => UpsertStrategy.OnConflict;

    public override int? MaxIdentifierLength => 63;

    public override string ParameterPlaceholder(string name) => "@" + name;

    public override string TypeName(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt => "BIGINT",
        TypeKind.Int => "INTEGER",
        TypeKind.SmallInt => "SMALLINT",
        TypeKind.Bool => "BOOLEAN",
        TypeKind.Double => "DOUBLE PRECISION",
        TypeKind.Decimal => $"NUMERIC({type.Precision},{type.Scale})",
        TypeKind.Text => "TEXT",
        TypeKind.VarChar => $"VARCHAR({type.Length})",
        TypeKind.Date => "DATE",
        TypeKind.Timestamp => "TIMESTAMP",
        TypeKind.Json => "JSONB",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    // Deferred to commit, so a pipeline can replace a dimension's rows (delete, then insert the same keys) in the
    // transaction that also rewrites the facts pointing at them, and the keys still hold at every commit.
    public override string ForeignKeyClause(TableDefinition table, ForeignKeyDefinition foreignKey) =>
        base.ForeignKeyClause(table, foreignKey) + " DEFERRABLE INITIALLY DEFERRED";

    public override string DdlStrategy =>
        "PostgreSQL: named primary keys (a B-tree each), foreign keys from facts to dimensions DEFERRABLE INITIALLY " +
        "DEFERRED (a dimension can be rebuilt inside one transaction), B-tree indexes on the date and user columns " +
        "facts are filtered and joined by, unique indexes on alternate keys; comments with COMMENT ON. Tables are not " +
        "partitioned: declarative partitions need one child table per month, which a deployment adds as data grows.";

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override string ReadOnly(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c default_transaction_read_only=on" }.ConnectionString;

    public override IBulkWriter CreateBulkWriter(DbConnection connection, TableDefinition table) =>
        throw new NotSupportedException("loading data into PostgreSQL is not supported yet; `starboard ddl --dialect postgres` renders its schema");

    public override string HashKey(string[] exprs) =>
        $"CAST(CAST('x' || substr(md5({HashInput(exprs)}), 1, 15) AS BIT(60)) AS BIGINT)";

    public override string DateKey(string dateExpr) => $"CAST(to_char(CAST({dateExpr} AS DATE), 'YYYYMMDD') AS INTEGER)";

    public override string DateFromKey(string keyExpr) =>
        $"make_date(CAST(({keyExpr}) / 10000 AS INTEGER), CAST((({keyExpr}) / 100) % 100 AS INTEGER), CAST(({keyExpr}) % 100 AS INTEGER))";

    public override string LocalTimestamp(string tsExpr) =>
        ReportingInUtc ? tsExpr : $"(({tsExpr}) AT TIME ZONE 'UTC' AT TIME ZONE {ParameterPlaceholder("timezone")})";

    public override string AddDays(string dateExpr, string daysExpr) => $"CAST(CAST({dateExpr} AS DATE) + CAST({daysExpr} AS INTEGER) AS DATE)";

    public override string DaysBetween(string fromDateExpr, string toDateExpr) => $"(CAST({toDateExpr} AS DATE) - CAST({fromDateExpr} AS DATE))";

    public override string EpochMicros(string tsExpr) => $"CAST(EXTRACT(EPOCH FROM {tsExpr}) * 1000000 AS BIGINT)";

    public override string JsonText(string jsonExpr, string keyExpr) => $"(CAST({jsonExpr} AS JSONB) ->> {keyExpr})";

    public override string JsonDecimal(string jsonExpr, string field) =>
        $"CASE WHEN jsonb_typeof(CAST({jsonExpr} AS JSONB) -> '{field}') = 'number' THEN CAST(CAST({jsonExpr} AS JSONB) ->> '{field}' AS NUMERIC(18,6)) END";

    public override string JsonArrayRows(string jsonExpr, string alias) =>
        $"LATERAL (SELECT CAST(j.line_no AS INTEGER) AS line_no, j.value FROM jsonb_array_elements(CAST({jsonExpr} AS JSONB)) WITH ORDINALITY AS j(value, line_no)) AS {alias}";
}
