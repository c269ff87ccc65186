using Starboard.Core.Contract;
using Starboard.Core.Engine;
using Starboard.Core.Sql;

namespace Starboard.Core.Ingest;

/// <summary>A load as the `loads` table keeps it: identity, checkpoint and totals so far.</summary>
public sealed record LoadRecord(
    long LoadId, string Source, string? Path, long SizeBytes, string? ContentHash, string Status,
    long Received, long Loaded, long Rejected, long CommittedOffset, long CommittedLines, string PrefixHash, DateTime StartedAt);

/// <summary>
/// The `loads` table: finding what was loaded before (by content) or interrupted (by path), advancing a load's
/// checkpoint in the transaction of its chunk, committing it, and removing a load's rows.
/// </summary>
internal sealed class LoadLog(Warehouse warehouse, TimeProvider clock)
{
    public const string Loading = "loading", Committed = "committed", Abandoned = "abandoned", Duplicate = "duplicate";
    public const string NoType = "(none)";

    private const string Columns =
        "load_id, source, path, size_bytes, content_hash, status, received_records, loaded_records, rejected_records, committed_offset, committed_lines, prefix_hash, started_at";

    // Named as LoadRecord's parameters, so Dapper can construct it.
    private const string Selected =
        "load_id AS LoadId, source AS Source, path AS Path, size_bytes AS SizeBytes, content_hash AS ContentHash, status AS Status, " +
        "received_records AS Received, loaded_records AS Loaded, rejected_records AS Rejected, committed_offset AS CommittedOffset, " +
        "committed_lines AS CommittedLines, prefix_hash AS PrefixHash, started_at AS StartedAt";

    private string P(string name) => warehouse.Dialect.ParameterPlaceholder(name);

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);

    /// <summary>An interrupted load of this file, if there is one.</summary>
    public LoadRecord? Interrupted(string path) => warehouse.Query<LoadRecord>(new RenderedSql(
        $"SELECT {Selected} FROM loads WHERE status = '{Loading}' AND path = {P("path")} ORDER BY load_id", Args(("path", path))),
        "looking up interrupted loads").FirstOrDefault();

    /// <summary>Every interrupted load, oldest first.</summary>
    public IReadOnlyList<LoadRecord> AllInterrupted() => warehouse.Query<LoadRecord>(
        $"SELECT {Selected} FROM loads WHERE status = '{Loading}' ORDER BY load_id", "looking up interrupted loads");

    public bool AnyCommittedOfSize(long size) => warehouse.Scalar<long>(new RenderedSql(
        $"SELECT count(*) FROM loads WHERE status = '{Committed}' AND size_bytes = {P("size")}", Args(("size", size))),
        "looking up earlier loads") > 0;

    /// <summary>The committed load with this content, other than <paramref name="except"/>.</summary>
    public LoadRecord? CommittedWithHash(string hash, long except = -1) => warehouse.Query<LoadRecord>(new RenderedSql(
        $"SELECT {Selected} FROM loads WHERE status = '{Committed}' AND content_hash = {P("hash")} AND load_id <> {P("except")} ORDER BY load_id",
        Args(("hash", hash), ("except", except))), "looking up earlier loads").FirstOrDefault();

    public long NextLoadId() => (warehouse.Scalar<long?>("SELECT max(load_id) FROM loads", "numbering the load") ?? 0) + 1;

    /// <summary>Records a checkpoint: the load's row is created with its first chunk and advanced with every other.</summary>
    public void Checkpoint(LoadRecord load, bool first, IReadOnlyDictionary<string, long> receivedByType)
    {
        var args = Args(
            ("id", load.LoadId), ("source", load.Source), ("path", load.Path), ("size", load.SizeBytes), ("status", Loading),
            ("received", load.Received), ("loaded", load.Loaded), ("rejected", load.Rejected), ("offset", load.CommittedOffset),
            ("lines", load.CommittedLines), ("prefix", load.PrefixHash), ("started", load.StartedAt));
        warehouse.Execute(new RenderedSql(first
            ? $"INSERT INTO loads ({Columns}) VALUES ({P("id")}, {P("source")}, {P("path")}, {P("size")}, NULL, {P("status")}, {P("received")}, " +
              $"{P("loaded")}, {P("rejected")}, {P("offset")}, {P("lines")}, {P("prefix")}, {P("started")})"
            : $"UPDATE loads SET received_records = {P("received")}, loaded_records = {P("loaded")}, rejected_records = {P("rejected")}, " +
              $"committed_offset = {P("offset")}, committed_lines = {P("lines")}, prefix_hash = {P("prefix")} WHERE load_id = {P("id")}",
            args), "recording the checkpoint");
        SaveReceived(load.LoadId, load.Source, receivedByType);
    }

    /// <summary>Per record type, the records received so far (kept with each chunk, so a resumed load counts on).</summary>
    public Dictionary<string, long> ReceivedByType(long loadId)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, received) in warehouse.Query<(string, long)>(new RenderedSql(
            $"SELECT record_type, received FROM load_reconciliation WHERE load_id = {P("id")}", Args(("id", loadId))), "reading received counts"))
            counts[type] = received;
        return counts;
    }

    private void SaveReceived(long loadId, string source, IReadOnlyDictionary<string, long> receivedByType)
    {
        warehouse.Execute(new RenderedSql($"DELETE FROM load_reconciliation WHERE load_id = {P("id")}", Args(("id", loadId))), "recording received counts");
        foreach (var (type, received) in receivedByType)
            warehouse.Execute(new RenderedSql(
                $"INSERT INTO load_reconciliation (load_id, source, record_type, received) VALUES ({P("id")}, {P("source")}, {P("type")}, {P("received")})",
                Args(("id", loadId), ("source", source), ("type", type), ("received", received))), "recording received counts");
    }

    public void Commit(long loadId, string contentHash) => warehouse.Execute(new RenderedSql(
        $"UPDATE loads SET status = '{Committed}', content_hash = {P("hash")}, finished_at = {P("finished")}, " +
        $"commit_order = (SELECT COALESCE(max(commit_order), 0) + 1 FROM loads) WHERE load_id = {P("id")}",
        Args(("id", loadId), ("hash", contentHash), ("finished", clock.GetUtcNow().UtcDateTime))), "committing the load");

    /// <summary>Deletes every row a load wrote and marks it (abandoned, or duplicate with its content hash).</summary>
    public void Remove(long loadId, string status, string? contentHash = null)
    {
        var args = Args(("id", loadId), ("status", status), ("hash", contentHash), ("finished", clock.GetUtcNow().UtcDateTime));
        foreach (var table in InputContract.Records.SelectMany(r => r.RawTables).Append(RawTables.Rejects.Name).Append(RawTables.Reconciliation.Name))
            warehouse.Execute(new RenderedSql($"DELETE FROM {warehouse.Dialect.QuoteIdentifier(table)} WHERE load_id = {P("id")}", args), "removing a load's rows");
        warehouse.Execute(new RenderedSql(
            $"UPDATE loads SET status = {P("status")}, content_hash = COALESCE({P("hash")}, content_hash), finished_at = {P("finished")}, " +
            $"loaded_records = 0, rejected_records = 0 WHERE load_id = {P("id")}", args), "marking the load");
    }
}
