using Starboard.Core.Engine;

namespace Starboard.Core.Ingest;

/// <summary>How a load runs: chunk size (records per commit), the longest record kept whole, threading, cancellation.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// Records per commit. Large enough that each of DuckDB's threads fills whole row groups (122,880 rows), which
    /// it compresses and writes to the file as it goes; smaller commits go through the write-ahead log and are
    /// compressed again at the checkpoint. A killed load rereads at most this many records.
    /// </summary>
    public int ChunkRecords { get; init; } = 1_000_000;

    public int MaxRecordBytes { get; init; } = 8 << 20;

    /// <summary>Read and validate on one thread while the bulk writer writes on another.</summary>
    public bool Parallel { get; init; } = true;

    public CancellationToken Cancellation { get; init; }

    /// <summary>Called after each chunk commits (on the calling thread): what is now safe whatever happens next.</summary>
    public Action<LoadCheckpoint>? ChunkCommitted { get; init; }
}

/// <summary>A committed chunk: the load, the records received up to it, and the input offset it ends at.</summary>
public sealed record LoadCheckpoint(long LoadId, string Source, long Received, long Offset, bool Final);

public sealed record IngestProgress(string Source, long BytesRead, long BytesTotal, long Records);

/// <summary>What happened to one input.</summary>
public sealed record LoadResult(string Source, long? LoadId, bool Skipped, long Received, long Loaded, long Rejected)
{
    /// <summary>committed, skipped (the content was loaded before) or duplicate (found to be so at the end; its rows removed).</summary>
    public string Status { get; init; } = LoadLog.Committed;

    /// <summary>The earlier load with the same content, when skipped or a duplicate.</summary>
    public long? SameAs { get; init; }

    /// <summary>Whether the load continued from a checkpoint of an interrupted run.</summary>
    public bool Resumed { get; init; }

    public IReadOnlyList<ReconciliationRow> Reconciliation { get; init; } = [];

    public long Duplicates => Reconciliation.Sum(r => r.Duplicates);

    public bool Balanced => Reconciliation.All(r => r.Balanced);
}

public sealed record IngestResult(IReadOnlyList<LoadResult> Loads)
{
    public long Received => Loads.Sum(l => l.Received);
    public long Loaded => Loads.Sum(l => l.Loaded);
    public long Rejected => Loads.Sum(l => l.Rejected);
    public long Duplicates => Loads.Sum(l => l.Duplicates);
    public bool Balanced => Loads.All(l => l.Balanced);
    public IReadOnlyList<ReconciliationRow> Reconciliation => [.. Loads.SelectMany(l => l.Reconciliation)];
}

/// <summary>
/// Loads files (JSONL, CSV, gzip-compressed or not), standard input and posted batches into the raw layer.
/// Every record is validated: valid ones land in their raw table, the rest in `rejects` with every reason.
/// A load commits in chunks together with its checkpoint, so a load that is killed resumes where it stopped;
/// content loaded before is skipped, so loading a file twice changes nothing; and each load ends with a
/// reconciliation (received = staged + rejected + duplicates) stored in `load_reconciliation`.
/// </summary>
public sealed partial class Ingester(Warehouse warehouse, TimeProvider clock, IngestOptions? options = null)
{
    private readonly IngestOptions _options = options ?? new IngestOptions();
    private readonly LoadLog _log = new(warehouse, clock);

    public IngestResult IngestPaths(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null)
    {
        var files = paths.SelectMany(Expand).ToList();
        EnsureTables();
        return new IngestResult([.. files.Select(f => IngestFile(InputFile.For(f), progress))]);
    }

    /// <summary>Every input file under a path: the file itself, or a folder's data files in name order.</summary>
    public static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
            return [Path.GetFullPath(path)];
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(InputFile.IsInput).Order(StringComparer.Ordinal).Select(Path.GetFullPath);
        throw UsageException.UnreadablePath(path, "no such file or folder");
    }

    public void EnsureTables()
    {
        Run.SchemaManager.EnsureRaw(warehouse, clock);
        _tablesReady = true;
    }

    private bool _tablesReady;

    private void EnsureTablesOnce()
    {
        if (!_tablesReady)
            EnsureTables();
    }

    /// <summary>Loads not finished by an earlier, interrupted run (ingesting their files again resumes them).</summary>
    public IReadOnlyList<LoadRecord> Interrupted() => _log.AllInterrupted();

    public LoadResult IngestFile(string path, IProgress<IngestProgress>? progress = null) => IngestFile(InputFile.For(path), progress);

    public LoadResult IngestFile(InputFile file, IProgress<IngestProgress>? progress = null)
    {
        EnsureTablesOnce();
        long size;
        try
        {
            size = new FileInfo(file.Path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.UnreadablePath(file.Path, e.Message);
        }
        long bytesRead = 0;
        var report = progress is null ? null : (Action<long>)(bytes => bytesRead = bytes);
        var records = progress is null ? null : (Action<long>)(n => progress.Report(new(file.Source, bytesRead, size, n)));
        try
        {
            var (input, load, fresh) = Resume(file, size, report);
            if (input is null)
            {
                if (_log.AnyCommittedOfSize(size) && _log.CommittedWithHash(file.HashFile()) is { } earlier)
                    return new LoadResult(file.Source, earlier.LoadId, true, 0, 0, 0) { Status = "skipped", SameAs = earlier.LoadId };
                input = file.Open(_options.MaxRecordBytes, report);
                load = new LoadRecord(_log.NextLoadId(), file.Source, file.Path, size, null, LoadLog.Loading, 0, 0, 0, 0, 0, "", clock.GetUtcNow().UtcDateTime);
                fresh = true;
            }
            using (input)
            {
                return Load(input.Reader, load!, fresh, input.FileHash, file.Path, records, onReject: null) with { Resumed = !fresh };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.UnreadablePath(file.Path, e.Message);
        }
    }

    /// <summary>
    /// An interrupted load of this file, opened and moved past its committed part, when the file is still the one
    /// it was reading (same size, same bytes up to the checkpoint). Otherwise that load is abandoned (its rows
    /// removed) and the file loads afresh.
    /// </summary>
    private (OpenInput? Input, LoadRecord? Load, bool Fresh) Resume(InputFile file, long size, Action<long>? report)
    {
        if (_log.Interrupted(file.Path) is not { } interrupted)
            return (null, null, true);
        if (interrupted.SizeBytes == size)
        {
            var input = file.Open(_options.MaxRecordBytes, report);
            if (input.Reader.SkipTo(interrupted.CommittedOffset, interrupted.CommittedLines)
                && ContentHash.Hex(input.Reader.PrefixHash()) == interrupted.PrefixHash)
                return (input, interrupted, false);
            input.Dispose();
        }
        warehouse.InTransaction(() => _log.Remove(interrupted.LoadId, LoadLog.Abandoned));
        return (null, null, true);
    }

    /// <summary>One load through the pipeline; the last chunk's transaction also commits it (or drops it as a duplicate).</summary>
    private LoadResult Load(
        IRecordReader reader, LoadRecord load, bool fresh, Func<string> contentHash, string fileName,
        Action<long>? progress, Action<long, IReadOnlyList<Reason>>? onReject, bool? parallel = null, int? chunkRecords = null)
    {
        var pool = new BatchPool();
        var start = new LoadCounts(load.Received, load.Loaded, load.Rejected, fresh ? [] : _log.ReceivedByType(load.LoadId));
        var target = new LoadTarget(load.LoadId, load.Source, load.StartedAt, fileName, Math.Max(1, chunkRecords ?? _options.ChunkRecords));
        var validator = new RecordValidator(clock);
        using var session = warehouse.BulkLoadSession();
        return new LoadPipeline(warehouse, _log, pool, _options.ChunkCommitted).Run(
            load, fresh,
            new RecordProducer(reader, target, validator, pool, start, contentHash, progress, onReject),
            parallel ?? _options.Parallel,
            final => Finish(load, final),
            _options.Cancellation);
    }

    private LoadResult Finish(LoadRecord load, CheckpointItem final)
    {
        var counts = final.Counts;
        var hash = final.ContentHash!;
        if (_log.CommittedWithHash(hash, except: load.LoadId) is { } earlier)
        {
            _log.Remove(load.LoadId, LoadLog.Duplicate, hash);
            return new LoadResult(load.Source, load.LoadId, true, counts.Received, 0, 0) { Status = LoadLog.Duplicate, SameAs = earlier.LoadId };
        }
        var reconciler = new Reconciler(warehouse);
        var rows = reconciler.Compute(load.LoadId, load.Source, counts.ReceivedByType);
        reconciler.Save(rows);
        _log.Commit(load.LoadId, hash);
        return new LoadResult(load.Source, load.LoadId, false, counts.Received, counts.Loaded, counts.Rejected) { Reconciliation = rows };
    }
}
