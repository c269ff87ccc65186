using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// Owners of native objects with a strict Dispose: each frees its object exactly once, and the command and
// reader code holds them in using/try blocks so exceptions never leak native memory. No finalizers: a
// forgotten Dispose leaks until process exit instead of racing DuckDB from the finalizer thread.

/// <summary>The statements of one command text, as split by DuckDB's own parser.</summary>
internal sealed unsafe class ExtractedStatements : IDisposable
{
    private IntPtr _handle;

    private ExtractedStatements(IntPtr handle, int count)
    {
        _handle = handle;
        Count = count;
    }

    public int Count { get; }

    public static ExtractedStatements Extract(IntPtr connection, string sql)
    {
        using var text = PooledUtf8.Encode(sql, nulTerminate: true);
        ulong count;
        IntPtr handle;
        fixed (byte* pointer = text.Array)
        {
            count = NativeMethods.ExtractStatements(connection, pointer, out handle);
        }

        var statements = new ExtractedStatements(handle, (int)count);
        if (count == 0)
        {
            // Zero means either an empty text (only whitespace/comments) or a parse error.
            var error = handle == IntPtr.Zero ? null : NativeMethods.ReadString(NativeMethods.ExtractStatementsError(handle));
            if (error is not null)
            {
                statements.Dispose();
                throw new DuckDbException(error);
            }
        }

        return statements;
    }

    public PreparedStatement Prepare(IntPtr connection, int index)
    {
        var state = NativeMethods.PrepareExtractedStatement(connection, _handle, (ulong)index, out var prepared);
        var statement = new PreparedStatement(prepared);
        if (state != DuckDbState.Success)
        {
            var error = statement.Error;
            statement.Dispose();
            throw DuckDbException.From(error, "Could not prepare the statement.");
        }

        return statement;
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            NativeMethods.DestroyExtracted(ref _handle);
            _handle = IntPtr.Zero;
        }
    }
}

/// <summary>A prepared statement; also owned by a data reader while its streaming result is being read.</summary>
internal sealed unsafe class PreparedStatement : IDisposable
{
    private IntPtr _handle;

    public PreparedStatement(IntPtr handle) => _handle = handle;

    public IntPtr Handle => _handle;

    public string? Error => _handle == IntPtr.Zero ? null : NativeMethods.ReadString(NativeMethods.PrepareError(_handle));

    public int ParameterCount => (int)NativeMethods.ParameterCount(_handle);

    public bool IsSelect => NativeMethods.PreparedStatementType(_handle) == DuckDbStatementType.Select;

    /// <summary>The 1-based parameter's name: "name" for $name, the number for $1 or ?.</summary>
    public string ParameterName(int index) =>
        NativeMethods.ReadAndFreeString(NativeMethods.ParameterName(_handle, (ulong)index)) ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs the statement. Streaming results produce chunks as they are fetched (constant memory).</summary>
    public NativeResult Execute(bool streaming)
    {
        var result = new NativeResult();
        var state = streaming
            ? NativeMethods.ExecutePreparedStreaming(_handle, result.Pointer)
            : NativeMethods.ExecutePrepared(_handle, result.Pointer);
        if (state != DuckDbState.Success)
        {
            var error = result.Error;
            result.Dispose();
            throw DuckDbException.From(error, "The statement failed.");
        }

        return result;
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            NativeMethods.DestroyPrepare(ref _handle);
            _handle = IntPtr.Zero;
        }
    }
}

/// <summary>
/// A duckdb_result kept in native memory, so its address is stable for every call that takes duckdb_result*.
/// </summary>
internal sealed unsafe class NativeResult : IDisposable
{
    public NativeResult() => Pointer = (DuckDbResult*)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResult));

    public DuckDbResult* Pointer { get; private set; }

    public string? Error => NativeMethods.ReadString(NativeMethods.ResultError(Pointer));

    public long RowsChanged => (long)NativeMethods.RowsChanged(Pointer);

    public int ColumnCount => (int)NativeMethods.ColumnCount(Pointer);

    /// <summary>Next chunk or IntPtr.Zero at the end; a failure while producing it throws DuckDB's message.</summary>
    public IntPtr FetchChunk()
    {
        var chunk = NativeMethods.FetchChunk(*Pointer);
        if (chunk == IntPtr.Zero)
        {
            var error = Error;
            if (error is not null)
            {
                throw new DuckDbException(error);
            }
        }

        return chunk;
    }

    public void Dispose()
    {
        if (Pointer != null)
        {
            NativeMethods.DestroyResult(Pointer);
            NativeMemory.Free(Pointer);
            Pointer = null;
        }
    }
}
