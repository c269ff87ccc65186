using Starboard.Core.Contract;
using Starboard.Core.Graph;
using Starboard.Core.Schema;

namespace Starboard.Core.Ingest;

/// <summary>
/// The raw layer, derived from the input contract: one append-only table per record type (one per feed for
/// types split by feed, such as payments), each with the contract's fields, typed, after the load metadata; plus
/// `rejects`, `loads` (one row per load, with its checkpoint) and `load_reconciliation`. Ingestion fills them;
/// the runner only reads them.
/// </summary>
public static class RawTables
{
    public const int LoadIdColumn = 0, LineColumn = 1, SourceColumn = 2, ReceivedAtColumn = 3, AssumedUtcColumn = 4;

    public static readonly IReadOnlyList<ColumnDefinition> MetadataColumns =
    [
        new("load_id", ColumnType.Parse("bigint"), false, "the load (one file or batch) that received the record"),
        new("line", ColumnType.Parse("bigint"), false, "line (or CSV row, or batch element) number within the load, from 1"),
        new("load_source", ColumnType.Parse("varchar(512)"), false, "where the record came from (file name, stdin, api); named apart from the payment field `source`", ValueShape.Label),
        new("received_at", ColumnType.Parse("timestamp"), false, "when Starboard received it (UTC)"),
        new("assumed_utc", ColumnType.Parse("bool"), false, "a timestamp had no offset, so UTC was assumed"),
    ];

    /// <summary>The raw table of a record type (the first feed's, for types split by feed).</summary>
    public static TableDefinition For(RecordSpec spec) => For(spec, spec.RawTables[0]);

    public static TableDefinition For(RecordSpec spec, string table)
    {
        var feed = spec.Feeds is { } feeds ? table[(spec.RawTable.Length + 1)..] : null;
        var description = spec.Description + (feed is null ? "" : $" This table holds the `{feed}` feed (the record's `{spec.Feeds!.Field}`, else the file name, else {spec.Feeds.Fallback}).")
            + " Append-only; one row per valid received record.";
        return new(table, Layer.Raw, description, "one row per received record (duplicates included)",
            [.. MetadataColumns, .. spec.Fields.Select(f => new ColumnDefinition(f.Name, TypeOf(f), !f.Required, f.Description, f.Shape))],
            ["load_id", "line"], [], [], ["load_id", "line"], null);
    }

    public static IEnumerable<TableDefinition> All(RecordSpec spec) => spec.RawTables.Select(t => For(spec, t));

    public static ColumnType TypeOf(FieldSpec f) => f.Kind switch
    {
        FieldKind.Text => ColumnType.Parse(f.MaxLength <= 256 ? "varchar(256)" : "text"),
        FieldKind.Timestamp => ColumnType.Parse("timestamp"),
        FieldKind.Date => ColumnType.Parse("date"),
        FieldKind.Decimal => new ColumnType(TypeKind.Decimal, 18, f.Scale),
        FieldKind.Integer => ColumnType.Parse("bigint"),
        FieldKind.Object or FieldKind.Items => ColumnType.Parse("json"),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    public static readonly TableDefinition Rejects = new(
        "rejects", Layer.Raw, "Every received record that failed validation, with all its reasons and its raw text.",
        "one row per rejected record",
        [
            new("load_id", ColumnType.Parse("bigint"), false, "the load that received it"),
            new("line", ColumnType.Parse("bigint"), false, "line (or CSV row, or batch element) number within the load"),
            new("source", ColumnType.Parse("varchar(512)"), false, "where it came from (file name, stdin, api)"),
            new("record_type", ColumnType.Parse("varchar(64)"), true, "its record type, when the `type` named a known one"),
            new("reasons", ColumnType.Parse("text"), false, "every validation failure, separated by '; '"),
            new("reason_codes", ColumnType.Parse("varchar(1024)"), false, "the failures as codes (field.kind), separated by commas, to count by"),
            new("raw", ColumnType.Parse("text"), false, "the record as received (invalid UTF-8 and NUL shown as U+FFFD; a record over the size limit by its first kilobyte)"),
            new("received_at", ColumnType.Parse("timestamp"), false, "when it was received (UTC)"),
        ],
        ["load_id", "line"], [], [], ["load_id", "line"], null);

    public static readonly TableDefinition Loads = new(
        "loads", Layer.System,
        "One row per ingested file or batch: its identity, its checkpoint while it loads, and its totals. Rows of a load land in "
        + "chunks, each committed with the checkpoint; only a committed load is complete.",
        "one row per load",
        [
            new("load_id", ColumnType.Parse("bigint"), false, "load id, increasing; a load resumed after a crash keeps its id"),
            new("source", ColumnType.Parse("varchar(512)"), false, "feed name (file name, stdin, api)"),
            new("path", ColumnType.Parse("text"), true, "full path of the file, when there is one"),
            new("size_bytes", ColumnType.Parse("bigint"), false, "bytes of the file as stored (compressed, for .gz)"),
            new("content_hash", ColumnType.Parse("varchar(64)"), true, "content hash (XXH128) of the file as stored, known once it has been read to the end: the same content is never loaded twice"),
            new("status", ColumnType.Parse("varchar(16)"), false, "loading (chunks committed, more to come), committed, abandoned (the file changed before it could resume; its rows were removed) or duplicate (same content as an earlier load; its rows were removed)"),
            new("received_records", ColumnType.Parse("bigint"), false, "records received so far (non-blank lines, CSV rows, batch elements)"),
            new("loaded_records", ColumnType.Parse("bigint"), false, "records written to raw tables so far"),
            new("rejected_records", ColumnType.Parse("bigint"), false, "records written to rejects so far"),
            new("committed_offset", ColumnType.Parse("bigint"), false, "checkpoint: content bytes (uncompressed) whose records are committed"),
            new("committed_lines", ColumnType.Parse("bigint"), false, "checkpoint: line breaks before committed_offset (the next record's line number is one more)"),
            new("prefix_hash", ColumnType.Parse("varchar(64)"), false, "checkpoint: content hash (XXH128) of the content before committed_offset, checked before a load resumes"),
            new("commit_order", ColumnType.Parse("bigint"), true, "1, 2, … in the order loads committed (a resumed load commits after loads that started later): follow this, not load_id, to process new loads"),
            new("started_at", ColumnType.Parse("timestamp"), false, "when the load started (UTC)"),
            new("finished_at", ColumnType.Parse("timestamp"), true, "when it committed (UTC)"),
        ],
        ["load_id"], [], [new("ix_loads_content_hash", ["content_hash"], false)], ["load_id"], null);

    public static readonly TableDefinition Reconciliation = new(
        "load_reconciliation", Layer.System,
        "Per load and record type: received = staged + rejected + duplicates. Staged counts natural keys new to the warehouse; "
        + "duplicates are rows whose key was already received (repeats, or versions of which staging keeps the latest). "
        + "A row whose balanced is false means records were lost or counted twice.",
        "one row per load and record type",
        [
            new("load_id", ColumnType.Parse("bigint"), false, "the load"),
            new("source", ColumnType.Parse("varchar(512)"), false, "where it came from (file name, stdin, api)"),
            new("record_type", ColumnType.Parse("varchar(64)"), false, "record type, or (none) for records whose type is missing or unknown"),
            new("received", ColumnType.Parse("bigint"), false, "records of this type read from the input"),
            new("staged", ColumnType.Parse("bigint"), true, "valid records with a natural key not received before (null while loading)"),
            new("rejected", ColumnType.Parse("bigint"), true, "records written to rejects"),
            new("duplicates", ColumnType.Parse("bigint"), true, "valid records whose natural key was already received, in this load or a committed one"),
            new("unknown_users", ColumnType.Parse("bigint"), true, "valid records whose user_id matched no user record or alias received so far (allowed; a referential hint)"),
            new("assumed_utc", ColumnType.Parse("bigint"), true, "valid records with a timestamp without offset (UTC assumed)"),
            new("balanced", ColumnType.Parse("bool"), true, "received = staged + rejected + duplicates (null while loading)"),
        ],
        ["load_id", "record_type"], [], [], ["load_id", "record_type"], null);

    /// <summary>Every table the ingester fills (the raw layer proper, rejects, loads, reconciliation).</summary>
    public static IEnumerable<TableDefinition> Tables() =>
        InputContract.Records.SelectMany(All).Append(Rejects).Append(Loads).Append(Reconciliation);

    public static IEnumerable<ModelDefinition> Models() =>
        Tables().Select(t => new ModelDefinition(t, Materialization.External, null, null, [], null));

    public static bool IsIngestTable(string name) => Tables().Any(t => t.Name == name);
}
