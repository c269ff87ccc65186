using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// A faster appender for bulk loads: a <see cref="DuckDbChunkWriter"/> whose every full chunk is handed to DuckDB's
/// appender in one call. Use it like <see cref="DuckDbAppender"/>: one value per column in table order, then
/// <see cref="DuckDbChunkWriter.EndRow"/>. Constraint violations surface from <see cref="Flush"/> or
/// <see cref="Dispose"/>, as with the row appender.
/// </summary>
public sealed unsafe class DuckDbChunkAppender : DuckDbChunkWriter, IDisposable
{
    private IntPtr _appender;
    private IntPtr _chunk;

    private DuckDbChunkAppender(IntPtr appender, Column[] columns, IntPtr chunk)
        : base(columns, (int)NativeMethods.VectorSize())
    {
        _appender = appender;
        _chunk = chunk;
        BindVectors(_chunk);
    }

    internal static DuckDbChunkAppender Create(IntPtr connection, string? schema, string table)
    {
        var appender = TableAppender.Open(connection, schema, table);
        var types = TableAppender.ColumnTypes(appender);
        try
        {
            var columns = Describe(types, table);
            IntPtr chunk;
            fixed (IntPtr* pointer = types)
            {
                chunk = NativeMethods.CreateDataChunk(pointer, (ulong)types.Length);
            }

            return new DuckDbChunkAppender(appender, columns, chunk);
        }
        catch
        {
            NativeMethods.AppenderDestroy(ref appender);
            throw;
        }
        finally
        {
            TableAppender.Free(types);
        }
    }

    /// <summary>Writes every finished row to the table (this is where constraints are checked).</summary>
    public void Flush()
    {
        AppendChunk();
        Check(NativeMethods.AppenderFlush(Handle));
    }

    /// <summary>Appends the finished rows, flushes and closes; native memory is freed even when that fails.</summary>
    public void Dispose()
    {
        if (_appender == IntPtr.Zero)
        {
            return;
        }

        string? error = null;
        try
        {
            AppendChunk();
        }
        catch (DuckDbException e)
        {
            error = e.Message;
        }

        if (error is null && NativeMethods.AppenderClose(_appender) != DuckDbState.Success)
        {
            error = NativeMethods.ReadString(NativeMethods.AppenderError(_appender)) ?? "The appender could not be closed.";
        }

        NativeMethods.AppenderDestroy(ref _appender);
        _appender = IntPtr.Zero;
        NativeMethods.DestroyDataChunk(ref _chunk);
        ReleaseBuffer();
        if (error is not null)
        {
            throw new DuckDbException(error);
        }
    }

    private protected override void ChunkFull() => AppendChunk();

    private IntPtr Handle => _appender != IntPtr.Zero ? _appender : throw new ObjectDisposedException(nameof(DuckDbChunkAppender));

    private void AppendChunk()
    {
        if (RowCount == 0)
        {
            return;
        }

        if (RowUnfinished)
        {
            throw new InvalidOperationException("The last row is not finished (call EndRow).");
        }

        NativeMethods.DataChunkSetSize(_chunk, (ulong)RowCount);
        var state = NativeMethods.AppendDataChunk(Handle, _chunk);
        NativeMethods.DataChunkReset(_chunk);
        BindVectors(_chunk);
        Check(state);
    }

    private void Check(DuckDbState state)
    {
        if (state != DuckDbState.Success)
        {
            throw DuckDbException.From(NativeMethods.ReadString(NativeMethods.AppenderError(_appender)), "The appender failed.");
        }
    }
}

/// <summary>A table's appender, opened to write or only to learn the table's column types.</summary>
internal static unsafe class TableAppender
{
    public static IntPtr Open(IntPtr connection, string? schema, string table)
    {
        var state = NativeMethods.AppenderCreate(connection, schema, table, out var appender);
        if (state == DuckDbState.Success)
        {
            return appender;
        }

        var message = appender == IntPtr.Zero ? null : NativeMethods.ReadString(NativeMethods.AppenderError(appender));
        if (appender != IntPtr.Zero)
        {
            NativeMethods.AppenderDestroy(ref appender);
        }

        throw DuckDbException.From(message, $"Could not create an appender for table '{table}'.");
    }

    /// <summary>The logical type of every column, in table order; free them with <see cref="Free"/>.</summary>
    public static IntPtr[] ColumnTypes(IntPtr appender)
    {
        var types = new IntPtr[(int)NativeMethods.AppenderColumnCount(appender)];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = NativeMethods.AppenderColumnType(appender, (ulong)i);
        }

        return types;
    }

    public static void Free(IntPtr[] types)
    {
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] != IntPtr.Zero)
            {
                NativeMethods.DestroyLogicalType(ref types[i]);
            }
        }
    }
}
