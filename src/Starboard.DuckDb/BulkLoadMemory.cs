namespace Starboard.DuckDb;

/// <summary>
/// The buffer pool a bulk load runs with. DuckDB keeps every block it writes cached, so a load of millions of rows
/// faults in fresh memory for each block, where a small pool reuses the buffers of blocks already written (a
/// 5M-event load: 15.5 s to 12.5 s), and the load's own queries (counting its keys) stay within the same bound
/// instead of growing with the file. Held for a whole load (<see cref="DuckDbConnection.LimitMemoryForBulkLoad"/>),
/// or else for each insert of <see cref="DuckDbConnection.InsertChunks(string, Func{DuckDbChunkWriter, bool})"/>;
/// the setting is put back afterwards.
/// </summary>
internal sealed class BulkLoadMemory : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly string? _restore;

    private BulkLoadMemory(DuckDbConnection connection, string? restore)
    {
        _connection = connection;
        _restore = restore;
    }

    /// <summary>Lowers the pool unless a load on this connection already did; disposing puts it back.</summary>
    public static BulkLoadMemory Limit(DuckDbConnection connection)
    {
        if (connection.BulkLoadMemory is not null)
            return new BulkLoadMemory(connection, null);
        var current = (string)ChunkSource.Scalar(connection, "SELECT current_setting($name)", "memory_limit")!;
        var threads = (long)ChunkSource.Scalar(connection, "SELECT CAST(current_setting($name) AS BIGINT)", "threads")!;
        var inMemory = ChunkSource.Scalar(connection, "SELECT path IS NULL FROM duckdb_databases() WHERE database_name = current_database()") is not false;
        if (InsertMemoryLimit(current, threads, inMemory) is not { } limit)
            return new BulkLoadMemory(connection, null);
        ChunkSource.Execute(connection, $"SET memory_limit = '{limit >> 20}MiB'");
        return connection.BulkLoadMemory = new BulkLoadMemory(connection, current);
    }

    public void Dispose()
    {
        if (_restore is null)
            return;
        _connection.BulkLoadMemory = null;
        if (_connection.State == System.Data.ConnectionState.Open)
            ChunkSource.Execute(_connection, $"SET memory_limit = '{_restore}'");
    }

    /// <summary>
    /// The buffer pool a load runs with, or null to leave it: each thread compresses and writes whole row groups,
    /// for which 64 MiB apiece is room enough (128 MiB loaded no faster and peaked 90 MiB higher). Never raised, and
    /// never lowered for an in-memory database, whose tables live in the pool and could not be evicted.
    /// </summary>
    internal static long? InsertMemoryLimit(string current, long threads, bool inMemory)
    {
        var needed = (threads + 1) * 64L << 20;
        return !inMemory && Bytes(current) is { } bytes && bytes > needed ? needed : null;
    }

    /// <summary>A DuckDB size setting ("19.2 GiB", "512.0 MiB", "1000 bytes") in bytes; null when it is not one.</summary>
    internal static long? Bytes(string size)
    {
        var parts = size.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return null;
        double? unit = parts[1].ToUpperInvariant() switch
        {
            "BYTES" or "B" => 1, "KIB" => 1L << 10, "MIB" => 1L << 20, "GIB" => 1L << 30, "TIB" => 1L << 40,
            "KB" => 1e3, "MB" => 1e6, "GB" => 1e9, "TB" => 1e12, _ => null,
        };
        return unit is { } u ? (long)(n * u) : null;
    }
}
