using Starboard.Core.Contract;
using Starboard.Core.Graph;
using Starboard.Core.Schema;

namespace Starboard.Core.Ingest;

/// <summary>
/// The raw layer, derived from the input contract: one append-only table per record type (the contract's
/// fields, typed, after load metadata), plus `rejects` and `loads`. Ingestion fills them; the runner only reads.
/// </summary>
public static class RawTables
{
    public static readonly IReadOnlyList<ColumnDefinition> MetadataColumns =
    [
        new("load_id", ColumnType.Parse("bigint"), false, "the load (one file or batch) that received the record"),
        new("line", ColumnType.Parse("bigint"), false, "line (or CSV row) number within the load, from 1"),
        new("load_source", ColumnType.Parse("varchar(512)"), false, "where the record came from (file name, stdin, api); named apart from the payment field `source`"),
        new("received_at", ColumnType.Parse("timestamp"), false, "when Starboard received it (UTC)"),
        new("assumed_utc", ColumnType.Parse("bool"), false, "a timestamp had no offset, so UTC was assumed"),
    ];

    public static TableDefinition For(RecordSpec spec) => new(
        spec.RawTable, Layer.Raw, spec.Description + " Append-only; one row per valid received record.",
        "one row per received record (duplicates included)",
        [.. MetadataColumns, .. spec.Fields.Select(f => new ColumnDefinition(f.Name, TypeOf(f), !f.Required, f.Description))],
        ["load_id", "line"], [], [], ["load_id", "line"], null);

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
            new("line", ColumnType.Parse("bigint"), false, "line (or CSV row) number within the load"),
            new("source", ColumnType.Parse("varchar(512)"), false, "feed it came from"),
            new("record_type", ColumnType.Parse("varchar(64)"), true, "its `type`, when that could be read"),
            new("reasons", ColumnType.Parse("text"), false, "every validation failure, separated by '; '"),
            new("reason_codes", ColumnType.Parse("varchar(1024)"), false, "the failures as codes (field.kind), separated by commas, to count by"),
            new("raw", ColumnType.Parse("text"), false, "the record as received (invalid UTF-8 shown as U+FFFD)"),
            new("received_at", ColumnType.Parse("timestamp"), false, "when it was received (UTC)"),
        ],
        ["load_id", "line"], [], [], ["load_id", "line"], null);

    public static readonly TableDefinition Loads = new(
        "loads", Layer.System, "One row per ingested file or batch: its identity, checkpoint and reconciliation.",
        "one row per load",
        [
            new("load_id", ColumnType.Parse("bigint"), false, "load id, increasing"),
            new("source", ColumnType.Parse("varchar(512)"), false, "feed name (file name, stdin, api)"),
            new("path", ColumnType.Parse("text"), true, "full path of the file, when there is one"),
            new("size_bytes", ColumnType.Parse("bigint"), false, "bytes received"),
            new("content_hash", ColumnType.Parse("varchar(64)"), false, "SHA-256 of the content: the same content is never loaded twice"),
            new("status", ColumnType.Parse("varchar(16)"), false, "committed"),
            new("received_records", ColumnType.Parse("bigint"), false, "non-empty lines or rows received"),
            new("loaded_records", ColumnType.Parse("bigint"), false, "records written to raw tables"),
            new("rejected_records", ColumnType.Parse("bigint"), false, "records written to rejects"),
            new("started_at", ColumnType.Parse("timestamp"), false, "when the load started (UTC)"),
            new("finished_at", ColumnType.Parse("timestamp"), false, "when it committed (UTC)"),
        ],
        ["load_id"], [], [new("ix_loads_content_hash", ["content_hash"], false)], ["load_id"], null);

    public static IEnumerable<ModelDefinition> Models() =>
        InputContract.Records.Select(For).Append(Rejects).Append(Loads)
            .Select(t => new ModelDefinition(t, Materialization.External, null, null, [], null));
}
