using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// Behind <see cref="DuckDbConnection.InsertChunks"/>: a table function, <c>starboard_chunks(token)</c>, whose
/// rows come from a .NET callback, and <c>INSERT INTO t SELECT * FROM starboard_chunks($token)</c> over it. DuckDB
/// runs such an insert on all its threads (each calling the function for its next chunk and writing its own row
/// groups) when insertion order need not be kept, which is why the statement runs with
/// <c>preserve_insertion_order</c> off. The token, a bound parameter, finds the callback in a process-wide table
/// while the statement runs.
/// </summary>
internal static unsafe class ChunkSource
{
    private const string FunctionName = "starboard_chunks";

    private static readonly ConcurrentDictionary<long, Source> Sources = new();
    private static long _lastToken;

    public static long Insert(DuckDbConnection connection, string? schema, string table, Func<DuckDbChunkWriter, bool> fill)
    {
        var handle = connection.NativeHandle;
        var appender = TableAppender.Open(handle, schema, table);
        var types = TableAppender.ColumnTypes(appender);
        NativeMethods.AppenderDestroy(ref appender);
        var token = Interlocked.Increment(ref _lastToken);
        try
        {
            // Described once, before the statement runs: a type the writer cannot fill fails here, not in a callback.
            var source = new Source(fill, types, new OutputChunk(types, table));
            Sources[token] = source;
            Register(handle);
            var target = schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
            var preserve = Setting(connection, "preserve_insertion_order");
            Execute(connection, "SET preserve_insertion_order = false");
            var memoryLimit = LimitMemory(connection);
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO {target} SELECT * FROM {FunctionName}($token)";
                command.Parameters.Add(new DuckDbParameter("token", token));
                var rows = command.ExecuteNonQuery();
                if (source.Failure is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                return rows;
            }
            catch (DuckDbException) when (source.Failure is { } failure)
            {
                // The statement failed because the callback did: report what the callback threw.
                ExceptionDispatchInfo.Throw(failure);
                throw;
            }
            finally
            {
                Execute(connection, $"SET preserve_insertion_order = {(preserve ? "true" : "false")}");
                if (memoryLimit is not null)
                    Execute(connection, $"SET memory_limit = '{memoryLimit}'");
            }
        }
        finally
        {
            Sources.TryRemove(token, out _);
            TableAppender.Free(types);
        }
    }

    // Registering is cheap and replaces an earlier registration, so every insert registers on its own connection.
    private static void Register(IntPtr connection)
    {
        var function = NativeMethods.CreateTableFunction();
        var bigint = NativeMethods.CreateLogicalType(DuckDbType.BigInt);
        try
        {
            NativeMethods.TableFunctionSetName(function, FunctionName);
            NativeMethods.TableFunctionAddParameter(function, bigint);
            NativeMethods.TableFunctionSetBind(function, &Bind);
            NativeMethods.TableFunctionSetInit(function, &Init);
            NativeMethods.TableFunctionSetFunction(function, &Fill);
            if (NativeMethods.RegisterTableFunction(connection, function) != DuckDbState.Success)
            {
                throw new DuckDbException($"Could not register the table function {FunctionName}.");
            }
        }
        finally
        {
            NativeMethods.DestroyLogicalType(ref bigint);
            NativeMethods.DestroyTableFunction(ref function);
        }
    }

    [UnmanagedCallersOnly]
    private static void Bind(IntPtr info)
    {
        try
        {
            var value = NativeMethods.BindGetParameter(info, 0);
            var token = NativeMethods.GetInt64(value);
            NativeMethods.DestroyValue(ref value);
            if (!Sources.TryGetValue(token, out var source))
            {
                NativeMethods.BindSetError(info, $"{FunctionName}: no rows are being inserted under token {token}");
                return;
            }

            for (var i = 0; i < source.Types.Length; i++)
            {
                NativeMethods.BindAddResultColumn(info, "c" + i, source.Types[i]);
            }

            NativeMethods.BindSetBindData(info, (IntPtr)token, IntPtr.Zero);
        }
        catch (Exception e)
        {
            NativeMethods.BindSetError(info, e.Message);
        }
    }

    [UnmanagedCallersOnly]
    private static void Init(IntPtr info)
    {
        // As many threads as DuckDB runs: the callback is the only serial part, and it hands out whole chunks.
        NativeMethods.InitSetMaxThreads(info, 64);
    }

    [UnmanagedCallersOnly]
    private static void Fill(IntPtr info, IntPtr output)
    {
        if (!Sources.TryGetValue((long)NativeMethods.FunctionGetBindData(info), out var source) || source.Failure is not null)
        {
            NativeMethods.DataChunkSetSize(output, 0);
            return;
        }

        // Nothing may escape into DuckDB's thread: every failure becomes the statement's error.
        OutputChunk? chunk = null;
        try
        {
            chunk = new OutputChunk(source.Columns, output);
            var more = source.Fill(chunk);
            if (chunk.RowUnfinishedAtEnd)
            {
                throw new InvalidOperationException("The last row is not finished (call EndRow).");
            }

            // An empty chunk ends this thread's scan, so "more" with no row would silently drop what follows.
            if (more && chunk.RowCount == 0)
            {
                throw new InvalidOperationException("The fill callback returned true without writing a row.");
            }

            NativeMethods.DataChunkSetSize(output, (ulong)chunk.RowCount);
        }
        catch (Exception e)
        {
            source.Fail(e);
            NativeMethods.DataChunkSetSize(output, 0);
            NativeMethods.FunctionSetError(info, e.Message);
        }
        finally
        {
            // DuckDB copied the strings into the chunk; the text a long string was encoded into goes back to the pool.
            chunk?.Release();
        }
    }

    /// <summary>
    /// Lowers the buffer pool for the insert when it is larger than the insert needs, and returns the setting to put
    /// back: DuckDB otherwise keeps every block it writes cached, so a load of millions of rows faults in fresh memory
    /// for each one, where a small pool reuses the buffers of blocks already written (a 5M-event load: 15.5 s to 12.5 s).
    /// </summary>
    private static string? LimitMemory(DuckDbConnection connection)
    {
        var current = (string)Scalar(connection, "SELECT current_setting($name)", "memory_limit")!;
        var threads = (long)Scalar(connection, "SELECT CAST(current_setting($name) AS BIGINT)", "threads")!;
        var inMemory = Scalar(connection, "SELECT path IS NULL FROM duckdb_databases() WHERE database_name = current_database()") is not false;
        if (InsertMemoryLimit(current, threads, inMemory) is not { } limit)
            return null;
        Execute(connection, $"SET memory_limit = '{limit >> 20}MiB'");
        return current;
    }

    /// <summary>
    /// The buffer pool an insert runs with, or null to leave it: each thread compresses and writes whole row groups,
    /// for which 128 MiB apiece is room to spare. Never raised, and never lowered for an in-memory database, whose
    /// tables live in the pool and could not be evicted.
    /// </summary>
    internal static long? InsertMemoryLimit(string current, long threads, bool inMemory)
    {
        var needed = (threads + 1) * 128L << 20;
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

    /// <summary>A one-value query; <paramref name="name"/>, when given, is bound as $name.</summary>
    private static object? Scalar(DuckDbConnection connection, string sql, string? name = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null)
            command.Parameters.Add(new DuckDbParameter("name", name));
        return command.ExecuteScalar();
    }

    private static bool Setting(DuckDbConnection connection, string name) =>
        Scalar(connection, "SELECT CAST(current_setting($name) AS BOOLEAN)", name) is true;

    private static void Execute(DuckDbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed class Source(Func<DuckDbChunkWriter, bool> fill, IntPtr[] types, OutputChunk columns)
    {
        private Exception? _failure;

        public Func<DuckDbChunkWriter, bool> Fill { get; } = fill;

        /// <summary>The table's column types, which bind declares as the function's result.</summary>
        public IntPtr[] Types { get; } = types;

        /// <summary>How each column is written: every chunk's writer starts from these.</summary>
        public OutputChunk Columns { get; } = columns;

        public Exception? Failure => Volatile.Read(ref _failure);

        public void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, e, null);
    }

    // One chunk DuckDB handed out: written in place, never appended by us (DuckDB takes it when the call returns).
    private sealed class OutputChunk : DuckDbChunkWriter
    {
        /// <summary>The template: the table's columns described, bound to no chunk.</summary>
        public OutputChunk(IntPtr[] types, string table)
            : base(Describe(types, table), (int)NativeMethods.VectorSize())
        {
        }

        public OutputChunk(OutputChunk template, IntPtr chunk)
            : base(template)
        {
            BindVectors(chunk);
        }

        public bool RowUnfinishedAtEnd => RowUnfinished;

        public void Release() => ReleaseBuffer();

        private protected override void ChunkFull()
        {
        }
    }
}
