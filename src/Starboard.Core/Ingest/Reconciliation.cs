using Starboard.Core.Contract;
using Starboard.Core.Engine;
using Starboard.Core.Sql;

namespace Starboard.Core.Ingest;

/// <summary>One line of a load's reconciliation: received = staged + rejected + duplicates, for one record type.</summary>
public sealed record ReconciliationRow(
    long LoadId, string Source, string RecordType, long Received, long Staged, long Rejected, long Duplicates, long? UnknownUsers, long AssumedUtc)
{
    public bool Balanced => Received == Staged + Rejected + Duplicates;
}

/// <summary>A load whose records do not add up: something was lost or counted twice.</summary>
public sealed class ReconciliationException(IReadOnlyList<ReconciliationRow> rows)
    : StarboardException($"reconciliation failed: {string.Join("; ", rows.Select(r =>
        $"{r.Source} {r.RecordType}: received {r.Received} <> staged {r.Staged} + rejected {r.Rejected} + duplicates {r.Duplicates}"))}")
{
    public IReadOnlyList<ReconciliationRow> Rows => rows;
}

/// <summary>
/// Counts what a load did, from the tables themselves, against what its reader received: rows in the raw tables
/// (split into natural keys new to the warehouse and duplicates of keys already received), rows in rejects, and
/// two hints (user ids no user record or alias knows, timestamps that assumed UTC). Stored in
/// `load_reconciliation` in the load's last transaction.
/// </summary>
internal sealed class Reconciler(Warehouse warehouse)
{
    private string P(string name) => warehouse.Dialect.ParameterPlaceholder(name);

    private string Q(string name) => warehouse.Dialect.QuoteIdentifier(name);

    public IReadOnlyList<ReconciliationRow> Compute(long loadId, string source, IReadOnlyDictionary<string, long> received)
    {
        var args = new Dictionary<string, object?> { ["id"] = loadId };
        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in warehouse.Query<(string?, long)>(new RenderedSql(
            $"SELECT record_type, count(*) FROM rejects WHERE load_id = {P("id")} GROUP BY record_type", args), "counting rejects"))
            rejected[type ?? LoadLog.NoType] = count;

        // With no user or alias received yet, every user id is unknown: no need to look each one up.
        var anyUsers = warehouse.Scalar<long>("SELECT (SELECT count(*) FROM raw_users) + (SELECT count(*) FROM raw_aliases)", "counting users") > 0;
        var rows = new List<ReconciliationRow>();
        foreach (var spec in InputContract.Records)
        {
            var got = received.GetValueOrDefault(spec.Type);
            var refused = rejected.GetValueOrDefault(spec.Type);
            var (raw, assumed) = warehouse.Query<(long, long?)>(new RenderedSql(
                $"SELECT count(*), sum(CASE WHEN assumed_utc THEN 1 ELSE 0 END) FROM ({ThisLoad(spec, "assumed_utc")}) AS n", args), "reconciling the load")[0];
            if (got == 0 && refused == 0 && raw == 0)
                continue;
            var staged = raw == 0 ? 0 : NewKeys(spec, args);
            rows.Add(new ReconciliationRow(loadId, source, spec.Type, got, staged, refused, raw - staged, UnknownUsers(spec, raw, anyUsers, args), assumed ?? 0));
        }
        var untyped = received.GetValueOrDefault(LoadLog.NoType);
        var untypedRejects = rejected.GetValueOrDefault(LoadLog.NoType);
        if (untyped > 0 || untypedRejects > 0)
            rows.Add(new ReconciliationRow(loadId, source, LoadLog.NoType, untyped, 0, untypedRejects, 0, null, 0));
        return rows;
    }

    public void Save(IReadOnlyList<ReconciliationRow> rows)
    {
        if (rows.Count == 0)
            return;
        warehouse.Execute(new RenderedSql($"DELETE FROM load_reconciliation WHERE load_id = {P("id")}",
            new Dictionary<string, object?> { ["id"] = rows[0].LoadId }), "recording the reconciliation");
        foreach (var r in rows)
            warehouse.Execute(new RenderedSql(
                "INSERT INTO load_reconciliation (load_id, source, record_type, received, staged, rejected, duplicates, unknown_users, assumed_utc, balanced) " +
                $"VALUES ({P("id")}, {P("source")}, {P("type")}, {P("received")}, {P("staged")}, {P("rejected")}, {P("duplicates")}, {P("unknown")}, {P("assumed")}, {P("balanced")})",
                new Dictionary<string, object?>
                {
                    ["id"] = r.LoadId, ["source"] = r.Source, ["type"] = r.RecordType, ["received"] = r.Received, ["staged"] = r.Staged,
                    ["rejected"] = r.Rejected, ["duplicates"] = r.Duplicates, ["unknown"] = r.UnknownUsers, ["assumed"] = r.AssumedUtc,
                    ["balanced"] = r.Balanced,
                }), "recording the reconciliation");
    }

    /// <summary>Distinct natural keys of this load's rows that no other committed load received.</summary>
    private long NewKeys(RecordSpec spec, Dictionary<string, object?> args)
    {
        var keys = KeyColumns(spec);
        var match = string.Join(" AND ", keys.Select((_, i) => $"o.k{i} = n.k{i}"));
        var others = $"SELECT load_id FROM loads WHERE status = '{LoadLog.Committed}' AND load_id <> {P("id")}";
        var earlier = string.Join(" UNION ALL ", spec.RawTables.Select(t =>
            $"SELECT {string.Join(", ", keys.Select((k, i) => $"{k} AS k{i}"))} FROM {Q(t)} WHERE load_id IN ({others})"));
        var mine = string.Join(" UNION ALL ", spec.RawTables.Select(t =>
            $"SELECT {string.Join(", ", keys.Select((k, i) => $"{k} AS k{i}"))} FROM {Q(t)} WHERE load_id = {P("id")}"));
        var distinct = string.Join(", ", keys.Select((_, i) => $"k{i}"));
        // The anti-join against earlier loads costs as much again as the DISTINCT; skip it when none has rows of this type.
        var against = EarlierRowsOf(spec, args) ? $" WHERE NOT EXISTS (SELECT 1 FROM ({earlier}) AS o WHERE {match})" : "";
        return warehouse.Scalar<long>(new RenderedSql(
            $"SELECT count(*) FROM (SELECT DISTINCT {distinct} FROM ({mine}) AS t) AS n{against}", args), "reconciling the load");
    }

    /// <summary>Whether another committed load may have rows of this type (its reconciliation says so, or says nothing).</summary>
    private bool EarlierRowsOf(RecordSpec spec, Dictionary<string, object?> args) => warehouse.Scalar<long>(new RenderedSql(
        "SELECT count(*) FROM load_reconciliation AS r JOIN loads AS l ON l.load_id = r.load_id " +
        $"WHERE l.status = '{LoadLog.Committed}' AND l.load_id <> {P("id")} AND r.record_type = {P("type")} " +
        "AND COALESCE(r.staged, 1) + COALESCE(r.duplicates, 1) > 0",
        new Dictionary<string, object?>(args) { ["type"] = spec.Type }), "reconciling the load") > 0;

    /// <summary>This load's rows whose user id matches no user record or alias received so far (null for types without a user).</summary>
    private long? UnknownUsers(RecordSpec spec, long raw, bool anyUsers, Dictionary<string, object?> args)
    {
        if (spec.Type == RecordTypes.User || spec.IndexOf("user_id") < 0)
            return null;
        if (raw == 0)
            return 0;
        var known = anyUsers
            ? " AND NOT EXISTS (SELECT 1 FROM raw_users AS u WHERE u.user_id = n.user_id)" +
              " AND NOT EXISTS (SELECT 1 FROM raw_aliases AS a WHERE a.distinct_id = n.user_id)"
            : "";
        return warehouse.Scalar<long>(new RenderedSql(
            $"SELECT count(*) FROM ({ThisLoad(spec, "user_id")}) AS n WHERE n.user_id IS NOT NULL{known}", args), "reconciling the load");
    }

    private string ThisLoad(RecordSpec spec, string columns) =>
        string.Join(" UNION ALL ", spec.RawTables.Select(t => $"SELECT {columns} FROM {Q(t)} WHERE load_id = {P("id")}"));

    /// <summary>The natural key as column expressions (a field absent from a record takes its default, as in staging).</summary>
    private IReadOnlyList<string> KeyColumns(RecordSpec spec) => [.. spec.NaturalKey.Select(name =>
        spec.Fields[spec.IndexOf(name)].DefaultFrom is { } fallback ? $"COALESCE({Q(name)}, {Q(fallback)})" : Q(name))];
}
