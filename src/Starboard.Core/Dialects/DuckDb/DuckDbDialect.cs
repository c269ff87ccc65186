using System.Data.Common;
using Starboard.Core.Schema;
using Starboard.DuckDb;

namespace Starboard.Core.Dialects.DuckDb;

/// <summary>The embedded default: DuckDB in-process through Starboard.DuckDb's binding of the C API.</summary>
public sealed class DuckDbDialect : SqlDialect
{
    public override string Name => "duckdb";

    public override UpsertStrategy Upsert => UpsertStrategy.OnConflict;

    // DuckDB checks foreign keys, but its checks forbid deleting or updating a referenced dimension row even
    // inside the transaction that replaces it, which full rebuilds do; relationships are data-quality checks.
    public override bool EnforcesForeignKeys => false;

    // An ART index behind every primary key makes rebuilding millions of rows (delete, then insert the same keys
    // in one transaction) many times slower; uniqueness is verified by data-quality checks instead.
    public override bool DeclaresKeysAtRuntime => false;

    // Zone maps (min/max per row group of 122,880 rows) are DuckDB's only way to skip rows in a scan or a delete; rows
    // inserted in arrival order spread every day over every row group, so a three-day window read them all.
    public override bool ClustersByInsertOrder => true;

    // DuckDB picks a compression per segment by trying every method on the data, which costs a load as much as the
    // compressing itself. Where the model knows the values' shape the choice is known too, so only that method runs:
    // identifiers never repeat enough for a dictionary (FSST wins), labels always do. Same files, a fifth less
    // storage work (docs/benchmarks.md).
    public override string ColumnClause(ColumnDefinition column)
    {
        var clause = base.ColumnClause(column);
        if (column.Type.Kind is not (TypeKind.Text or TypeKind.VarChar) || column.Shape == ValueShape.Mixed)
            return clause;
        var method = column.Shape == ValueShape.Identifier ? "fsst" : "dictionary";
        var type = $"{QuoteIdentifier(column.Name)} {TypeName(column.Type)}";
        return type + $" USING COMPRESSION {method}" + clause[type.Length..];
    }

    public override string TypeName(ColumnType type) => type.Kind switch
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

    public override DbConnection CreateConnection(string connectionString) => new DuckDbConnection(connectionString);

    public override string ReadOnly(string connectionString) =>
        connectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? connectionString + ";ReadOnly=true" : connectionString;

    public override string HashKey(string[] exprs) =>
        $"CAST(('0x' || substr(md5({HashInput(exprs)}), 1, 15)) AS BIGINT)";

    // ART indexes serve point lookups and constraints; scans here are served by zone maps (min/max per row
    // group), which rows inserted in time order keep tight, so no secondary index is created. Published DDL keeps
    // the unique ones, which state alternate keys (dim_date.date, dim_action.name).
    public override string? CreateIndex(TableDefinition table, IndexDefinition index, bool forPublishing) =>
        forPublishing && index.Unique ? base.CreateIndex(table, index, forPublishing) : null;

    public override string DdlStrategy =>
        "DuckDB: primary keys and unique alternate keys are declared; foreign keys are not (DuckDB forbids deleting a " +
        "referenced row even in the transaction that replaces it, so relationships are data-quality checks); no other " +
        "indexes: zone maps (min/max per row group) serve range scans on the time-ordered facts.";


    public override string JsonDecimal(string jsonExpr, string field) =>
        $"TRY_CAST(json_extract_string({jsonExpr}, '$.{field}') AS DECIMAL(18,6))";

    public override string JsonArrayRows(string jsonExpr, string alias) =>
        $"LATERAL (SELECT CAST(j.key AS INTEGER) + 1 AS line_no, j.value FROM json_each({jsonExpr}) AS j) AS {alias}";

    public override string DateKey(string dateExpr) =>
        $"CAST(strftime(CAST({dateExpr} AS DATE), '%Y%m%d') AS INTEGER)";

    public override string DateFromKey(string keyExpr) =>
        $"make_date(CAST(({keyExpr}) // 10000 AS INTEGER), CAST((({keyExpr}) // 100) % 100 AS INTEGER), CAST(({keyExpr}) % 100 AS INTEGER))";

    public override string LocalTimestamp(string tsExpr) =>
        ReportingInUtc ? tsExpr : $"timezone({ParameterPlaceholder("timezone")}, timezone('UTC', {tsExpr}))";

    public override string AddDays(string dateExpr, string daysExpr) => $"CAST(CAST({dateExpr} AS DATE) + CAST({daysExpr} AS INTEGER) AS DATE)";

    public override string DaysBetween(string fromDateExpr, string toDateExpr) =>
        $"date_diff('day', CAST({fromDateExpr} AS DATE), CAST({toDateExpr} AS DATE))";

    public override string IntegerDivide(string a, string b) => $"(({a}) // ({b}))";

    public override string EpochMicros(string tsExpr) => $"epoch_us({tsExpr})";

    // A JSON Pointer (RFC 6901) reads any key, dots and quotes included: '~' and '/' are its only escapes.
    public override string JsonText(string jsonExpr, string keyExpr) =>
        $"json_extract_string({jsonExpr}, '/' || replace(replace({keyExpr}, '~', '~0'), '/', '~1'))";

    public override string ToNumber(string textExpr) => $"TRY_CAST({textExpr} AS DOUBLE)";

    public override IBulkWriter CreateBulkWriter(DbConnection connection, TableDefinition table)
    {
        var duck = (DuckDbConnection)connection;
        try
        {
            var appender = duck.CreateChunkAppender(table.Name);
            return new ChunkBulkWriter(appender, appender.Flush, appender.Dispose);
        }
        catch (NotSupportedException)
        {
            return new DuckDbRowWriter(duck.CreateAppender(table.Name));
        }
    }

    // DuckDB pulls the rows on all its threads (INSERT ... SELECT from a table function over fill), so the
    // storage work a load costs (compression, statistics, row groups) is spread over every core; the appender
    // would do all of it on the calling thread.
    public override void BulkLoad(DbConnection connection, TableDefinition table, Func<IBulkWriter, bool> fill) =>
        ((DuckDbConnection)connection).InsertChunks(table.Name, chunk => fill(new OutputChunkWriter(chunk)));

    public override IDisposable? BulkLoadSession(DbConnection connection) => ((DuckDbConnection)connection).LimitMemoryForBulkLoad();

    // A chunk DuckDB handed out to BulkLoad: empty, so it also takes whole columns.
    private sealed class OutputChunkWriter(DuckDbChunkWriter output) : ChunkBulkWriter(output, null, null), IColumnBulkWriter
    {
        public void Int64s(int column, ReadOnlySpan<long> values, ReadOnlySpan<bool> nulls) => Chunk.SetInt64Column(column, values, nulls);
        public void TimestampTicks(int column, ReadOnlySpan<long> ticks, ReadOnlySpan<bool> nulls) => Chunk.SetTimestampTicksColumn(column, ticks, nulls);
        public void DayNumbers(int column, ReadOnlySpan<long> days, ReadOnlySpan<bool> nulls) => Chunk.SetDayNumberColumn(column, days, nulls);
        public void Decimals(int column, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> nulls) => Chunk.SetDecimalColumn(column, values, nulls);
        public void Utf8(int column, ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<bool> nulls) =>
            Chunk.SetValidatedUtf8Column(column, text, starts, lengths, nulls);
        public void Rows(int count) => Chunk.SetRowCount(count);
    }

    // Fills DuckDB data chunks directly: the fast path (every type Starboard's tables use), for the appender's
    // chunks and for those DuckDB hands out to BulkLoad.
    private class ChunkBulkWriter(DuckDbChunkWriter chunk, Action? complete, Action? dispose) : IBulkWriter
    {
        protected DuckDbChunkWriter Chunk { get; } = chunk;

        public void Add(string? value) => Chunk.AppendValue(value);
        public void Add(long? value) => Chunk.AppendValue(value);
        public void Add(double? value) => Chunk.AppendValue(value);
        public void Add(decimal? value) => Chunk.AppendValue(value);
        public void Add(bool? value) => Chunk.AppendValue(value);
        public void Add(DateTime? value) => Chunk.AppendValue(value);
        public void Add(DateOnly? value) => Chunk.AppendValue(value);
        public void AddUtf8(ReadOnlySpan<byte> value) => Chunk.AppendValidatedUtf8(value);
        public void AddNull() => Chunk.AppendNull();
        public void EndRow() => Chunk.EndRow();
        public void Complete() => complete?.Invoke();
        public void Dispose() => dispose?.Invoke();
    }

    // Value by value through DuckDB's appender, which converts (for column types the chunk writer does not fill).
    private sealed class DuckDbRowWriter(DuckDbAppender appender) : IBulkWriter
    {
        public void Add(string? value) => appender.AppendValue(value);
        public void Add(long? value) => appender.AppendValue(value);
        public void Add(double? value) => appender.AppendValue(value);
        public void Add(decimal? value) => appender.AppendValue(value);
        public void Add(bool? value) => appender.AppendValue(value);
        public void Add(DateTime? value) => appender.AppendValue(value);
        public void Add(DateOnly? value) => appender.AppendValue(value);
        public void EndRow() => appender.EndRow();
        public void Complete() => appender.Flush();
        public void Dispose() => appender.Dispose();
    }
}
