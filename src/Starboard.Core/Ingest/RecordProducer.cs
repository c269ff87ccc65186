using System.Diagnostics;
using System.Text;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>What flows from the reading thread to the writing thread: rows for a table, or a checkpoint.</summary>
internal abstract class PipelineItem;

internal sealed class BatchItem(ColumnBatch batch) : PipelineItem
{
    public ColumnBatch Batch => batch;
}

/// <summary>
/// Everything before this point is read: the writer commits it together with these counts. The final checkpoint
/// also carries the content hash of the whole input.
/// </summary>
internal sealed class CheckpointItem(long offset, long lines, string prefixHash, LoadCounts counts, string? contentHash) : PipelineItem
{
    public long Offset => offset;
    public long Lines => lines;
    public string PrefixHash => prefixHash;
    public LoadCounts Counts => counts;
    public string? ContentHash => contentHash;
    public bool Final => contentHash is not null;
}

/// <summary>Records received, loaded and rejected so far, with the received ones per record type.</summary>
internal sealed record LoadCounts(long Received, long Loaded, long Rejected, IReadOnlyDictionary<string, long> ReceivedByType);

/// <summary>Where one load's rows go and how they are labelled.</summary>
internal sealed record LoadTarget(long LoadId, string Source, DateTime ReceivedAt, string FileName, int ChunkRecords);

/// <summary>
/// The reading half of a load: reads records, validates them into column batches of their raw table (or rows of
/// `rejects` with every reason), and hands full batches on. Every <see cref="LoadTarget.ChunkRecords"/> records
/// it sends what it holds and then a checkpoint, at a record boundary, so the writer can commit rows and
/// checkpoint together.
/// </summary>
internal sealed class RecordProducer
{
    private readonly IRecordReader _reader;
    private readonly LoadTarget _target;
    private readonly RecordValidator _validator;
    private readonly BatchPool _pool;
    private readonly Queue<PipelineItem> _pending = new();
    private readonly Func<string> _contentHash;
    private readonly Action<long>? _progress;
    private readonly Action<long, IReadOnlyList<Reason>>? _onReject;
    private readonly Dictionary<string, ColumnBatch> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _receivedByType;
    private readonly long[] _receivedOfType = new long[SpecIndex.Count + 1]; // since _receivedByType, by SpecIndex.Ordinal; the last for no type
    private ColumnBatch? _lastBatch;
    private readonly Dictionary<RecordSpec, string?> _fileFeeds = [];
    private readonly byte[] _source;
    private readonly List<Reason> _reasons = [];
    private long _received, _loaded, _rejected, _sinceCheckpoint;

    public RecordProducer(
        IRecordReader reader, LoadTarget target, RecordValidator validator, BatchPool pool, LoadCounts start,
        Func<string> contentHash, Action<long>? progress = null, Action<long, IReadOnlyList<Reason>>? onReject = null)
    {
        _contentHash = contentHash;
        _reader = reader;
        _target = target;
        _validator = validator;
        _pool = pool;
        _progress = progress;
        _onReject = onReject;
        _source = Encoding.UTF8.GetBytes(target.Source);
        (_received, _loaded, _rejected) = (start.Received, start.Loaded, start.Rejected);
        _receivedByType = new Dictionary<string, long>(start.ReceivedByType, StringComparer.Ordinal);
    }

    /// <summary>
    /// The load's batches and checkpoints, made as they are asked for (the writer pulls them directly, or a reading
    /// thread pushes them into a queue).
    /// </summary>
    public IEnumerable<PipelineItem> Items(CancellationToken cancel)
    {
        var record = new RawRecord();
        var clock = Stopwatch.StartNew();
        while (_reader.Read(record))
        {
            _received++;
            _receivedOfType[record.Index?.Ordinal ?? SpecIndex.Count]++;
            if (record.Error is { } error)
                Reject(record, [error]);
            else
                Accept(record);
            if (++_sinceCheckpoint >= _target.ChunkRecords)
                Checkpoint(final: false);
            if ((_received & 4095) == 0)
            {
                cancel.ThrowIfCancellationRequested();
                if (clock.ElapsedMilliseconds >= 100)
                {
                    _progress?.Invoke(_received);
                    clock.Restart();
                }
            }
            while (_pending.Count > 0)
                yield return _pending.Dequeue();
        }
        _progress?.Invoke(_received);
        Checkpoint(final: true);
        while (_pending.Count > 0)
            yield return _pending.Dequeue();
    }

    private void Accept(RawRecord record)
    {
        var batch = Batch(Table(record));
        batch.BeginRow();
        batch.SetInt64(RawTables.LoadIdColumn, _target.LoadId);
        batch.SetInt64(RawTables.LineColumn, record.Line);
        batch.SetText(RawTables.SourceColumn, _source);
        batch.SetTimestamp(RawTables.ReceivedAtColumn, _target.ReceivedAt);
        _reasons.Clear();
        if (_validator.Validate(record, batch, _reasons))
        {
            batch.CommitRow();
            _loaded++;
            if (batch.IsFull)
                Send(batch);
        }
        else
        {
            batch.DiscardRow();
            Reject(record, _reasons);
        }
    }

    private void Reject(RawRecord record, IReadOnlyList<Reason> reasons)
    {
        _rejected++;
        _onReject?.Invoke(record.Line, reasons);
        var batch = Batch(RawTables.Rejects.Name);
        batch.BeginRow();
        batch.SetInt64(0, _target.LoadId);
        batch.SetInt64(1, record.Line);
        batch.SetText(2, _source);
        batch.SetText(3, record.Spec?.Type);
        batch.SetText(4, string.Join("; ", reasons.Select(r => r.Message)));
        batch.SetText(5, string.Join(",", reasons.Select(r => r.Code).Distinct()));
        batch.SetText(6, record.RawText());
        batch.SetTimestamp(7, _target.ReceivedAt);
        batch.CommitRow();
        if (batch.IsFull)
            Send(batch);
    }

    /// <summary>The raw table a valid record goes to: its type's, or for a type split by feed, its feed's.</summary>
    private string Table(RawRecord record)
    {
        var spec = record.Spec!;
        if (spec.Feeds is not { } feeds)
            return spec.RawTable;
        var field = record.Index!.FeedField;
        if (record.Kind(field) == RawKind.String)
        {
            var value = record.Value(field);
            for (var i = 0; i < feeds.Feeds.Count; i++)
                if (value.SequenceEqual(record.Index.Allowed[field]![i]))
                    return spec.RawTables[i];
        }
        if (!_fileFeeds.TryGetValue(spec, out var fromName))
            _fileFeeds[spec] = fromName = FeedFromFileName(spec, _target.FileName);
        return fromName ?? spec.RawTables[^1];
    }

    /// <summary>`payments_ios.jsonl` → raw_payments_ios; null when the name names no feed.</summary>
    internal static string? FeedFromFileName(RecordSpec spec, string fileName)
    {
        var parts = Path.GetFileName(fileName).ToLowerInvariant().Split('.', '_', '-');
        for (var i = 0; i < spec.Feeds!.Feeds.Count; i++)
            if (parts.Contains(spec.Feeds.Feeds[i]))
                return spec.RawTables[i];
        return null;
    }

    private ColumnBatch Batch(string table)
    {
        // Records mostly come in runs of one type: the batch of the last record usually takes the next too.
        if (_lastBatch is { } last && last.Table.Name == table)
            return last;
        if (!_open.TryGetValue(table, out var batch))
            _open[table] = batch = _pool.Rent(table);
        return _lastBatch = batch;
    }

    private void Send(ColumnBatch batch)
    {
        if (ReferenceEquals(batch, _lastBatch))
            _lastBatch = null;
        _open.Remove(batch.Table.Name);
        _pending.Enqueue(new BatchItem(batch));
    }

    private void Checkpoint(bool final)
    {
        foreach (var batch in _open.Values.ToList())
            if (batch.Count > 0)
                Send(batch);
        _sinceCheckpoint = 0;
        for (var i = 0; i < _receivedOfType.Length; i++)
        {
            if (_receivedOfType[i] == 0)
                continue;
            var type = i < SpecIndex.Count ? SpecIndex.At(i).Spec.Type : LoadLog.NoType;
            _receivedByType[type] = _receivedByType.GetValueOrDefault(type) + _receivedOfType[i];
            _receivedOfType[i] = 0;
        }
        var counts = new LoadCounts(_received, _loaded, _rejected, new Dictionary<string, long>(_receivedByType, StringComparer.Ordinal));
        var prefix = ContentHash.Hex(_reader.PrefixHash());
        _pending.Enqueue(new CheckpointItem(_reader.Position, _reader.LinesConsumed, prefix, counts, final ? _contentHash() : null));
    }
}
