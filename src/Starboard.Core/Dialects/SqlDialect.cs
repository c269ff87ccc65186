using System.Data.Common;
using Starboard.Core.Schema;

namespace Starboard.Core.Dialects;

public enum UpsertStrategy { DeleteThenInsert, OnConflict, OnDuplicateKey }

/// <summary>
/// Everything that differs between engines, and the only place that knows a driver. Statement templates live in
/// `Dialects/Sql/{name}/*.sql` (overrides) and `Dialects/Sql/default/*.sql`; expression differences are the
/// small virtual methods below. DDL hooks are in SqlDialect.Ddl.cs.
/// </summary>
public abstract partial class SqlDialect
{
    /// <summary>Names the template folder and the golden-file suffix: duckdb, postgres, mysql, clickhouse.</summary>
    public abstract string Name { get; }

    public virtual bool SupportsTransactions => true;

    public virtual UpsertStrategy Upsert => UpsertStrategy.DeleteThenInsert;

    /// <summary>
    /// Whether the warehouse's own tables declare their primary keys. The published DDL always does; an engine
    /// whose key indexes only slow bulk rebuilds (DuckDB) leaves them out at run time, and uniqueness is a check.
    /// </summary>
    public virtual bool DeclaresKeysAtRuntime => true;

    /// <summary>
    /// Whether rows should be inserted in a model's cluster order (<see cref="Graph.ModelDefinition.ClusterBy"/>): true
    /// for an engine that skips blocks of rows by their min/max and has no index to do it otherwise (DuckDB's zone
    /// maps); engines that order rows themselves (InnoDB's clustered key, ClickHouse's ORDER BY) or read through
    /// indexes (PostgreSQL) would only pay for the sort.
    /// </summary>
    public virtual bool ClustersByInsertOrder => false;

    /// <summary>Whether the engine enforces foreign keys, so the DDL should declare them.</summary>
    public virtual bool EnforcesForeignKeys => true;

    public virtual int? MaxIdentifierLength => null;

    public virtual string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"")}\"";

    public virtual string ParameterPlaceholder(string name) => "$" + name;

    public abstract string TypeName(ColumnType type);

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>The connection string of a read-only connection to the same warehouse.</summary>
    public abstract string ReadOnly(string connectionString);

    public abstract IBulkWriter CreateBulkWriter(DbConnection connection, TableDefinition table);

    /// <summary>
    /// Loads the rows <paramref name="fill"/> writes, calling it until it returns false; each call writes at most
    /// <see cref="BulkLoadRowsPerCall"/> rows. Engines that can take them on several threads at once (DuckDB) call it
    /// concurrently, so it must be thread-safe; the default writes them one call after another through
    /// <see cref="CreateBulkWriter"/>.
    /// </summary>
    public virtual void BulkLoad(DbConnection connection, TableDefinition table, Func<IBulkWriter, bool> fill)
    {
        using var writer = CreateBulkWriter(connection, table);
        while (fill(writer))
        {
        }
        writer.Complete();
    }

    /// <summary>
    /// Settings a whole load (its bulk loads and the queries that check them) runs with, until disposed; null where
    /// the engine needs none. DuckDB holds its buffer pool small, so a load's memory does not grow with its size.
    /// </summary>
    public virtual IDisposable? BulkLoadSession(DbConnection connection) => null;

    /// <summary>The most rows one call of <see cref="BulkLoad"/>'s fill may write.</summary>
    public const int BulkLoadRowsPerCall = 2048;

    public string Template(string name, IReadOnlyDictionary<string, string> args) => SqlTemplates.Render(Name, name, args);

    // ---- expression macros usable in model SQL as {{ name(args) }} ----

    public static readonly IReadOnlyList<string> MacroNames =
        ["hash_key", "date_key", "date_from_key", "local_ts", "local_date", "add_days", "days_between", "epoch_micros", "int_div", "to_date",
         "json_text", "to_number", "contains_ci", "month_number", "json_decimal", "json_array_rows", "split_part", "json_object"];

    /// <summary>Expands a macro, or null when the name is not one.</summary>
    public string? Macro(string name, string[] args) => name switch
    {
        "hash_key" => HashKey(args),
        "date_key" => DateKey(args.Single()),
        "date_from_key" => DateFromKey(args.Single()),
        "local_ts" => LocalTimestamp(args.Single()),
        "local_date" => $"CAST({LocalTimestamp(args.Single())} AS DATE)",
        "add_days" => AddDays(args[0], args[1]),
        "days_between" => DaysBetween(args[0], args[1]),
        "epoch_micros" => EpochMicros(args.Single()),
        "int_div" => IntegerDivide(args[0], args[1]),
        "to_date" => $"CAST({args.Single()} AS DATE)",
        "json_text" => JsonText(args[0], args[1]),
        "to_number" => ToNumber(args.Single()),
        "contains_ci" => ContainsIgnoreCase(args[0], args[1]),
        "month_number" => MonthNumber(args.Single()),
        "json_decimal" => JsonDecimal(args[0], JsonField(args[1])),
        "json_array_rows" => JsonArrayRows(args[0], JsonField(args[1])),
        "split_part" => SplitPart(args[0], args[1], args[2]),
        "json_object" => JsonObject(args),
        _ => null,
    };

    /// <summary>A stable 60-bit integer from the text of the arguments (md5-based, so every engine agrees).</summary>
    public abstract string HashKey(string[] exprs);

    /// <summary>YYYYMMDD as an integer from a DATE expression.</summary>
    public abstract string DateKey(string dateExpr);

    public abstract string DateFromKey(string keyExpr);

    /// <summary>
    /// The wall-clock time in the reporting time zone of a UTC TIMESTAMP expression. The zone is the bound
    /// parameter `timezone`; when it is UTC the expression is returned as it is.
    /// </summary>
    public abstract string LocalTimestamp(string tsExpr);

    public abstract string AddDays(string dateExpr, string daysExpr);

    public abstract string DaysBetween(string fromDateExpr, string toDateExpr);

    /// <summary>Integer division truncating toward zero.</summary>
    public virtual string IntegerDivide(string a, string b) => $"(({a}) / ({b}))";

    /// <summary>Microseconds since 1970 as an exact integer (so a gap of exactly 30 minutes compares exactly).</summary>
    public abstract string EpochMicros(string tsExpr);

    /// <summary>A JSON object from alternating key and value expressions (SQL:2016 JSON_OBJECT where engines spell it so).</summary>
    public virtual string JsonObject(string[] keysAndValues) => $"json_object({string.Join(", ", keysAndValues)})";

    /// <summary>
    /// The text of one top-level key of a JSON value, or NULL when the key is missing or JSON null: strings
    /// unquoted, numbers and booleans as their JSON text, objects and arrays as JSON. The key is a SQL
    /// expression (usually a bound parameter). The default is PostgreSQL's `->>`.
    /// </summary>
    public virtual string JsonText(string jsonExpr, string keyExpr) => $"({jsonExpr} ->> {keyExpr})";

    /// <summary>A text expression as a double, NULL when it is not a number. Engines without a safe cast override this.</summary>
    public virtual string ToNumber(string textExpr) => $"CAST({textExpr} AS DOUBLE PRECISION)";

    /// <summary>Whether <paramref name="haystack"/> contains <paramref name="needle"/>, ignoring case.</summary>
    public virtual string ContainsIgnoreCase(string haystack, string needle) => $"(POSITION(LOWER({needle}) IN LOWER({haystack})) > 0)";

    /// <summary>Months since year 0 (year × 12 + month − 1) of a DATE expression, so month buckets are differences.</summary>
    public virtual string MonthNumber(string dateExpr) => $"(EXTRACT(YEAR FROM {dateExpr}) * 12 + EXTRACT(MONTH FROM {dateExpr}) - 1)";

    /// <summary>Set by the runner from configuration: true when days are counted in UTC.</summary>
    public bool ReportingInUtc { get; set; } = true;

    /// <summary>
    /// The text a hash key is taken of: the parts joined by a unit separator (U+001F), which keeps (a, bc) apart
    /// from (ab, c); a null part counts as empty. <see cref="HashKeys.Of"/> computes the same value in C#.
    /// </summary>
    protected virtual string HashInput(string[] exprs) =>
        string.Join(" || chr(31) || ", exprs.Select(e => $"COALESCE(CAST({e} AS VARCHAR), '')"));
}
