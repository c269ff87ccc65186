using System.Collections.Concurrent;
using Starboard.Core.Schema;

namespace Starboard.Core.Ingest;

/// <summary>
/// Column batches handed back and forth between the reading and the writing thread, so their arrays are
/// allocated once per load rather than once per batch.
/// </summary>
internal sealed class BatchPool
{
    private static readonly Dictionary<string, TableDefinition> Tables = RawTables.Tables().ToDictionary(t => t.Name, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, ConcurrentBag<ColumnBatch>> _free = new(StringComparer.Ordinal);

    public ColumnBatch Rent(string table)
    {
        if (_free.TryGetValue(table, out var bag) && bag.TryTake(out var batch))
            return batch;
        var definition = Tables[table];
        return table == RawTables.Rejects.Name
            ? new ColumnBatch(definition, capacity: 256)
            : new ColumnBatch(definition, RawTables.MetadataColumns.Count, RawTables.AssumedUtcColumn);
    }

    public void Return(ColumnBatch batch)
    {
        batch.Clear();
        _free.GetOrAdd(batch.Table.Name, _ => []).Add(batch);
    }
}
