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
            var target = schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
            var preserve = Setting(connection, "preserve_insertion_order");
            Execute(connection, "SET preserve_insertion_order = false");
            using var memory = BulkLoadMemory.Limit(connection);
            // The function is registered in a transaction that the insert then runs in. Outside one, DuckDB would
            // register it in the transaction of a query still open on the connection (a reader closed before its
            // end), which the insert's start rolls back, function and all.
            var own = connection.CurrentTransaction is null ? connection.BeginTransaction() : null;
            try
            {
                Register(handle);
                using var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO {target} SELECT * FROM {FunctionName}($token)";
                command.Parameters.Add(new DuckDbParameter("token", token));
                var rows = command.ExecuteNonQuery();
                if (source.Failure is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                own?.Commit();
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
                own?.Dispose();
                Execute(connection, $"SET preserve_insertion_order = {(preserve ? "true" : "false")}");
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

    /// <summary>A one-value query; <paramref name="name"/>, when given, is bound as $name.</summary>
    internal static object? Scalar(DuckDbConnection connection, string sql, string? name = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null)
            command.Parameters.Add(new DuckDbParameter("name", name));
        return command.ExecuteScalar();
    }

    private static bool Setting(DuckDbConnection connection, string name) =>
        Scalar(connection, "SELECT CAST(current_setting($name) AS BOOLEAN)", name) is true;

    internal static void Execute(DuckDbConnection connection, string sql)
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
