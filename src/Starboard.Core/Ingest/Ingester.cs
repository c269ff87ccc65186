using System.Security.Cryptography;
using Starboard.Core.Contract;
using Starboard.Core.Dialects;
using Starboard.Core.Engine;
using Starboard.Core.Schema;
using Starboard.Core.Sql;

namespace Starboard.Core.Ingest;

public sealed record IngestProgress(string Source, long BytesRead, long BytesTotal, long Records);

public sealed record LoadResult(string Source, long? LoadId, bool Skipped, long Received, long Loaded, long Rejected);

public sealed record IngestResult(IReadOnlyList<LoadResult> Loads)
{
    public long Received => Loads.Sum(l => l.Received);
    public long Loaded => Loads.Sum(l => l.Loaded);
    public long Rejected => Loads.Sum(l => l.Rejected);
}

/// <summary>
/// Loads files into the raw layer. Each file is one load, in one transaction: all of its records land (valid
/// ones in their raw table, the rest in `rejects` with every reason) or none do. A file whose content was
/// loaded before is skipped, so loading it again adds nothing.
/// </summary>
public sealed class Ingester(Warehouse warehouse, TimeProvider clock)
{
    private static readonly string[] Extensions = [".jsonl", ".ndjson", ".json", ".csv"];

    public IngestResult IngestPaths(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null)
    {
        var files = paths.SelectMany(Expand).ToList();
        EnsureTables();
        return new IngestResult(files.Select(f => IngestFile(f, progress)).ToList());
    }

    /// <summary>Every input file under a path: the file itself, or a folder's data files in name order.</summary>
    public static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
            return [Path.GetFullPath(path)];
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal).Select(Path.GetFullPath);
        throw UsageException.UnreadablePath(path, "no such file or folder");
    }

    public void EnsureTables() => Run.SchemaManager.EnsureRaw(warehouse, clock);

    public LoadResult IngestFile(string path, IProgress<IngestProgress>? progress = null)
    {
        var source = Path.GetFileName(path);
        long size;
        string hash;
        try
        {
            size = new FileInfo(path).Length;
            using var hashing = File.OpenRead(path);
            hash = Convert.ToHexStringLower(SHA256.HashData(hashing));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.UnreadablePath(path, e.Message);
        }
        var seen = warehouse.Scalar<long?>(
            new RenderedSql($"SELECT min(load_id) FROM loads WHERE content_hash = {warehouse.Dialect.ParameterPlaceholder("hash")} AND status = 'committed'",
                new Dictionary<string, object?> { ["hash"] = hash }), "looking up earlier loads");
        if (seen is not null)
            return new LoadResult(source, seen, true, 0, 0, 0);

        using var stream = new ProgressStream(File.OpenRead(path), bytes => progress?.Report(new(source, bytes, size, 0)));
        IRecordSource records = Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? new CsvSource(stream, path)
            : new JsonLinesSource(stream);
        return Load(records, source, path, size, hash);
    }

    /// <summary>Loads one stream of records as one load (files, stdin and the HTTP batch API all come here).</summary>
    public LoadResult Load(IRecordSource records, string source, string? path, long size, string hash)
    {
        return warehouse.InTransaction(() =>
        {
            var loadId = (warehouse.Scalar<long?>("SELECT max(load_id) FROM loads", "numbering the load") ?? 0) + 1;
            var started = clock.GetUtcNow().UtcDateTime;
            using var writers = new RawWriters(warehouse);
            var validator = new RecordValidator(clock);
            long received = 0, loaded = 0, rejected = 0;
            foreach (var r in records.Records())
            {
                received++;
                if (r.Record.Error is { } error)
                {
                    writers.Reject(loadId, r.Line, source, null, [error], r.RawText(), started);
                    rejected++;
                    continue;
                }
                var record = validator.Validate(r.Record.Spec!, r.Record.Fields);
                if (record.IsValid)
                {
                    writers.Write(record, loadId, r.Line, source, started);
                    loaded++;
                }
                else
                {
                    writers.Reject(loadId, r.Line, source, record.Spec.Type, record.Reasons, r.RawText(), started);
                    rejected++;
                }
            }
            writers.Complete();
            var p = warehouse.Dialect.ParameterPlaceholder;
            warehouse.Execute(new RenderedSql(
                $"INSERT INTO loads (load_id, source, path, size_bytes, content_hash, status, received_records, loaded_records, rejected_records, started_at, finished_at) " +
                $"VALUES ({p("id")}, {p("source")}, {p("path")}, {p("size")}, {p("hash")}, 'committed', {p("received")}, {p("loaded")}, {p("rejected")}, {p("started")}, {p("finished")})",
                new Dictionary<string, object?>
                {
                    ["id"] = loadId, ["source"] = source, ["path"] = path, ["size"] = size, ["hash"] = hash,
                    ["received"] = received, ["loaded"] = loaded, ["rejected"] = rejected,
                    ["started"] = started, ["finished"] = clock.GetUtcNow().UtcDateTime,
                }), "recording the load");
            return new LoadResult(source, loadId, false, received, loaded, rejected);
        });
    }

    /// <summary>One bulk writer per raw table, opened when its first record arrives.</summary>
    private sealed class RawWriters(Warehouse warehouse) : IDisposable
    {
        private readonly Dictionary<string, IBulkWriter> _open = new(StringComparer.Ordinal);

        public void Write(ValidatedRecord record, long loadId, long line, string source, DateTime receivedAt)
        {
            var w = Writer(record.Spec.RawTable, () => RawTables.For(record.Spec));
            w.Add(loadId);
            w.Add(line);
            w.Add(source);
            w.Add(receivedAt);
            w.Add(record.AssumedUtc);
            var fields = record.Spec.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                var v = record.Values[i];
                switch (fields[i].Kind)
                {
                    case FieldKind.Timestamp: w.Add((DateTime?)v); break;
                    case FieldKind.Date: w.Add((DateOnly?)v); break;
                    case FieldKind.Decimal: w.Add((decimal?)v); break;
                    case FieldKind.Integer: w.Add((long?)v); break;
                    default: w.Add((string?)v); break;
                }
            }
            w.EndRow();
        }

        public void Reject(long loadId, long line, string source, string? type, IReadOnlyList<Reason> reasons, string raw, DateTime receivedAt) =>
            Writer(RawTables.Rejects.Name, () => RawTables.Rejects).WriteRow(
                loadId, line, source, type, string.Join("; ", reasons.Select(r => r.Message)),
                string.Join(",", reasons.Select(r => r.Code).Distinct()), raw, receivedAt);

        private IBulkWriter Writer(string table, Func<TableDefinition> definition)
        {
            if (!_open.TryGetValue(table, out var w))
                _open[table] = w = warehouse.BulkWriter(definition());
            return w;
        }

        public void Complete()
        {
            foreach (var w in _open.Values) w.Complete();
        }

        public void Dispose()
        {
            foreach (var w in _open.Values) w.Dispose();
        }
    }
}
