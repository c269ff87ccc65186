using Starboard.Core.Engine;
using Starboard.Core.Ingest;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>A reject row as a test reads it back.</summary>
public sealed record RejectRow(long Line, string Source, string? RecordType, string ReasonCodes, string Reasons, string Raw)
{
    public IReadOnlyList<string> Codes => ReasonCodes.Split(',');
}

/// <summary>What the ingest tables hold, read back for assertions: rejects, rows, and a checksum of every table.</summary>
internal static class WarehouseContents
{
    // Columns that only say when something happened: two loads of the same data differ in nothing else.
    private static readonly HashSet<string> Volatile = ["received_at", "started_at", "finished_at"];

    public static IReadOnlyList<RejectRow> Rejects(this TestWarehouse w) => w.Query<RejectRow>(
        "SELECT line AS Line, source AS Source, record_type AS RecordType, reason_codes AS ReasonCodes, reasons AS Reasons, raw AS Raw FROM rejects ORDER BY load_id, line");

    public static long Count(this TestWarehouse w, string table, string where = "true") => w.Scalar<long>($"SELECT count(*) FROM {table} WHERE {where}");

    public static IReadOnlyList<string> Strings(this TestWarehouse w, string sql) => w.Query<string>(sql);

    /// <summary>Per ingest table: row count and a checksum of every row (times of day left out).</summary>
    public static IReadOnlyDictionary<string, (long Rows, string Checksum)> Checksums(Warehouse warehouse)
    {
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in RawTables.Tables())
        {
            var columns = string.Join(", ", table.Columns.Where(c => !Volatile.Contains(c.Name)).Select(c => c.Name));
            var (rows, sum) = warehouse.Query<(long, string)>(
                $"SELECT count(*), CAST(COALESCE(sum(CAST(hash({columns}) AS HUGEINT)), 0) AS VARCHAR) FROM {table.Name}", "checksum")[0];
            result[table.Name] = (rows, sum);
        }
        return result;
    }
}
