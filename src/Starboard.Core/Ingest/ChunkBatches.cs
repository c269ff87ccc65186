namespace Starboard.Core.Ingest;

/// <summary>
/// The batches of one chunk (up to its checkpoint), handed out to the engine's bulk load, which may ask for them
/// from several threads at once. One bulk load streams one table, the table of the run's first batch; batches of
/// other tables met on the way (rejects, a second record type in a mixed file) are set aside and written after it
/// with the plain bulk writer. When too many pile up, the stream ends early and a new one starts after them, so a
/// file that alternates between types holds only a few batches aside.
/// </summary>
internal sealed class ChunkBatches(IEnumerator<PipelineItem> items, BatchPool pool)
{
    private const int AsideLimit = 32;

    private readonly Lock _gate = new();
    private readonly List<ColumnBatch> _aside = [];
    private ColumnBatch? _pending;
    private bool _ended;
    private bool _switching;

    /// <summary>The checkpoint that ended the chunk; null while it runs, or when the items ended without one.</summary>
    public CheckpointItem? Checkpoint { get; private set; }

    /// <summary>The first batch of the next stream (then writes go to its table), or null when the chunk is over.</summary>
    public ColumnBatch? NextStream()
    {
        lock (_gate)
        {
            _switching = false;
            _pending ??= Read();
            return _pending;
        }
    }

    /// <summary>Writes the next batch of <paramref name="table"/> into <paramref name="writer"/>; false when the stream is over.</summary>
    public bool WriteNext(string table, Dialects.IBulkWriter writer)
    {
        ColumnBatch? batch;
        lock (_gate)
        {
            batch = Take(table);
        }
        if (batch is null)
            return false;
        batch.WriteTo(writer);
        pool.Return(batch);
        return true;
    }

    /// <summary>The batches set aside while a stream ran, in arrival order; the caller writes and returns them.</summary>
    public List<ColumnBatch> TakeAside()
    {
        lock (_gate)
        {
            var aside = new List<ColumnBatch>(_aside);
            _aside.Clear();
            return aside;
        }
    }

    private ColumnBatch? Take(string table)
    {
        if (_pending is { } pending && pending.Table.Name == table)
        {
            _pending = null;
            return pending;
        }
        while (!_switching && Read() is { } batch)
        {
            if (batch.Table.Name == table)
                return batch;
            _aside.Add(batch);
            _switching = _aside.Count >= AsideLimit;
        }
        return null;
    }

    // The next non-empty batch, or null at the checkpoint or the end of the items.
    private ColumnBatch? Read()
    {
        while (!_ended && items.MoveNext())
        {
            if (items.Current is CheckpointItem checkpoint)
            {
                Checkpoint = checkpoint;
                break;
            }
            var batch = ((BatchItem)items.Current).Batch;
            if (batch.Count > 0)
                return batch;
            pool.Return(batch);
        }
        _ended = true;
        return null;
    }
}
