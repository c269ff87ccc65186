using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Starboard.Core.Dialects;
using Starboard.Core.Engine;

namespace Starboard.Core.Ingest;

/// <summary>
/// Runs one load as two halves: a <see cref="RecordProducer"/> reads, parses and validates on its own thread,
/// and this (the connection's) thread writes its batches with the engine's bulk writer. A bounded queue between
/// them keeps memory flat. Each checkpoint ends a chunk: the chunk's rows, its rejects and the advanced
/// checkpoint commit in one transaction, so a load killed at any moment resumes exactly after its last chunk.
/// </summary>
internal sealed class LoadPipeline(Warehouse warehouse, LoadLog log, BatchPool pool, Action<LoadCheckpoint>? committed)
{
    private const int QueueCapacity = 16;

    /// <summary>
    /// Writes everything <paramref name="producer"/> makes. <paramref name="load"/> is the load's row as it stands
    /// (fresh or resumed); <paramref name="finish"/> runs in the last chunk's transaction. Without
    /// <paramref name="parallel"/>, one thread reads and writes in turn (for small batches).
    /// </summary>
    public T Run<T>(
        LoadRecord load, bool fresh, RecordProducer producer, bool parallel, Func<CheckpointItem, T> finish, CancellationToken cancel)
    {
        if (!parallel)
            return Write(load, fresh, producer.Items(cancel), finish, () => null, cancel);
        using var queue = new BlockingCollection<PipelineItem>(QueueCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var reading = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var item in producer.Items(stop.Token))
                    queue.Add(item, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return Write(load, fresh, queue.GetConsumingEnumerable(stop.Token), finish, () => Failure(reading), cancel);
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            try
            {
                reading.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already reported through Write, or moot because writing failed first.
            }
        }
    }

    private T Write<T>(
        LoadRecord load, bool fresh, IEnumerable<PipelineItem> items, Func<CheckpointItem, T> finish, Func<Exception?> producerFailure, CancellationToken cancel)
    {
        using var next = items.GetEnumerator();
        var first = fresh;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            CheckpointItem? checkpoint = null;
            T result = default!;
            warehouse.InTransaction(() =>
            {
                checkpoint = WriteChunk(next);
                if (checkpoint is null)
                {
                    if (producerFailure() is { } failure)
                        ExceptionDispatchInfo.Throw(failure);
                    throw new InvalidOperationException("the input ended without its final checkpoint");
                }
                var counts = checkpoint.Counts;
                load = load with
                {
                    Received = counts.Received, Loaded = counts.Loaded, Rejected = counts.Rejected,
                    CommittedOffset = checkpoint.Offset, CommittedLines = checkpoint.Lines, PrefixHash = checkpoint.PrefixHash,
                };
                log.Checkpoint(load, first, counts.ReceivedByType);
                if (checkpoint.Final)
                    result = finish(checkpoint);
            });
            first = false;
            var done = checkpoint!.Final;
            committed?.Invoke(new LoadCheckpoint(load.LoadId, load.Source, load.Received, load.CommittedOffset, done));
            if (done)
                return result;
        }
    }

    /// <summary>
    /// Writes batches up to the next checkpoint; null when the items end first. The batches stream through the
    /// engine's bulk load, which DuckDB runs on all its threads (see <see cref="ChunkBatches"/>).
    /// </summary>
    private CheckpointItem? WriteChunk(IEnumerator<PipelineItem> next)
    {
        var chunk = new ChunkBatches(next, pool);
        while (chunk.NextStream() is { } first)
        {
            var table = first.Table.Name;
            warehouse.BulkLoad(first.Table, writer => chunk.WriteNext(table, writer));
            foreach (var group in chunk.TakeAside().GroupBy(b => b.Table.Name))
            {
                using var writer = warehouse.BulkWriter(group.First().Table);
                foreach (var batch in group)
                {
                    batch.WriteTo(writer);
                    pool.Return(batch);
                }
                writer.Complete();
            }
        }
        return chunk.Checkpoint;
    }

    private static Exception? Failure(Task reading)
    {
        try
        {
            reading.Wait(CancellationToken.None);
            return null;
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions.Count == 1 ? e.InnerException : e;
        }
    }
}
