using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// A faster appender for bulk loads: values are written straight into the memory of a DuckDB data chunk (2,048
/// rows), and each full chunk is handed to DuckDB's appender in one call. Numbers, dates, timestamps, booleans and
/// decimals cost no native call at all; a string costs one (DuckDB copies it into the chunk's string heap). Use it
/// like <see cref="DuckDbAppender"/>: one value per column in table order, then <see cref="EndRow"/>.
/// </summary>
/// <remarks>
/// Supported column types: BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP,
/// VARCHAR (and types over it such as JSON) and BLOB; creating one for a table with another type throws
/// <see cref="NotSupportedException"/>.
/// Values are converted exactly where the target type allows (a long into an INTEGER column is range-checked, a
/// decimal is rounded half away from zero to the column's scale); other combinations throw
/// <see cref="InvalidCastException"/>. Constraint violations surface from <see cref="Flush"/> or
/// <see cref="Dispose"/>, as with the row appender.
/// </remarks>
public sealed unsafe partial class DuckDbChunkAppender : IDisposable
{
    private const int StackLimit = 256;
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private static readonly decimal[] Pow10 = [.. Enumerable.Range(0, 29).Select(Power)];

    private readonly Column[] _columns;
    private readonly int _capacity;
    private IntPtr _appender;
    private IntPtr _chunk;
    private int _row;
    private int _column;
    private byte[]? _buffer;

    internal DuckDbChunkAppender(IntPtr connection, string? schema, string table)
    {
        var state = NativeMethods.AppenderCreate(connection, schema, table, out _appender);
        if (state != DuckDbState.Success)
        {
            var message = _appender == IntPtr.Zero ? null : NativeMethods.ReadString(NativeMethods.AppenderError(_appender));
            if (_appender != IntPtr.Zero)
            {
                NativeMethods.AppenderDestroy(ref _appender);
            }

            throw DuckDbException.From(message, $"Could not create an appender for table '{table}'.");
        }

        var count = (int)NativeMethods.AppenderColumnCount(_appender);
        _columns = new Column[count];
        var types = new IntPtr[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                types[i] = NativeMethods.AppenderColumnType(_appender, (ulong)i);
                _columns[i] = Describe(types[i], table, i);
            }

            fixed (IntPtr* pointer = types)
            {
                _chunk = NativeMethods.CreateDataChunk(pointer, (ulong)count);
            }
        }
        catch
        {
            NativeMethods.AppenderDestroy(ref _appender);
            throw;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (types[i] != IntPtr.Zero)
                {
                    NativeMethods.DestroyLogicalType(ref types[i]);
                }
            }
        }

        _capacity = (int)NativeMethods.VectorSize();
        BindVectors();
    }

    /// <summary>Number of values each row takes.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>Finishes the row; hands the chunk to DuckDB when it is full.</summary>
    public DuckDbChunkAppender EndRow()
    {
        if (_column != _columns.Length)
        {
            throw new InvalidOperationException($"A row needs {_columns.Length} values, got {_column}.");
        }

        _column = 0;
        if (++_row == _capacity)
        {
            AppendChunk();
        }

        return this;
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
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        if (error is not null)
        {
            throw new DuckDbException(error);
        }
    }

    private IntPtr Handle => _appender != IntPtr.Zero ? _appender : throw new ObjectDisposedException(nameof(DuckDbChunkAppender));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Column Next()
    {
        if ((uint)_column >= (uint)_columns.Length)
        {
            ThrowTooManyValues();
        }

        return ref _columns[_column++];
    }

    private void AppendChunk()
    {
        if (_row == 0)
        {
            return;
        }

        if (_column != 0)
        {
            throw new InvalidOperationException("The last row is not finished (call EndRow).");
        }

        NativeMethods.DataChunkSetSize(_chunk, (ulong)_row);
        var state = NativeMethods.AppendDataChunk(Handle, _chunk);
        NativeMethods.DataChunkReset(_chunk);
        _row = 0;
        BindVectors();
        Check(state);
    }

    // A reset chunk may hand out fresh buffers (and drops the validity masks), so pointers are taken again.
    private void BindVectors()
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            ref var c = ref _columns[i];
            c.Vector = NativeMethods.DataChunkGetVector(_chunk, (ulong)i);
            c.Data = NativeMethods.VectorGetData(c.Vector);
            c.Validity = null;
        }
    }

    private void WriteDecimal(ref Column c, decimal value)
    {
        var unscaled = decimal.Round(value * Pow10[c.Scale], 0, MidpointRounding.AwayFromZero);
        try
        {
            switch (c.Storage)
            {
                case DuckDbType.SmallInt: ((short*)c.Data)[_row] = checked((short)unscaled); break;
                case DuckDbType.Integer: ((int*)c.Data)[_row] = checked((int)unscaled); break;
                case DuckDbType.BigInt: ((long*)c.Data)[_row] = checked((long)unscaled); break;
                default: ((DuckDbHugeInt*)c.Data)[_row] = new DuckDbHugeInt((Int128)unscaled); break;
            }
        }
        catch (OverflowException)
        {
            throw new InvalidCastException($"{value} does not fit column {_column - 1} (DECIMAL({c.Width},{c.Scale})).");
        }

        if (c.Width < 19 && Math.Abs(unscaled) >= Pow10[c.Width])
        {
            throw new InvalidCastException($"{value} does not fit column {_column - 1} (DECIMAL({c.Width},{c.Scale})).");
        }
    }

    private T Narrow<T>(long value) where T : struct, System.Numerics.IBinaryInteger<T>
    {
        try
        {
            return T.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new InvalidCastException($"{value} does not fit column {_column - 1} ({_columns[_column - 1].Type}).");
        }
    }

    private static Column Describe(IntPtr type, string table, int index)
    {
        var id = NativeMethods.GetTypeId(type);
        var column = new Column { Type = id };
        switch (id)
        {
            case DuckDbType.Boolean or DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt
                or DuckDbType.Float or DuckDbType.Double or DuckDbType.Date or DuckDbType.Timestamp or DuckDbType.VarChar or DuckDbType.Blob:
                break;
            case DuckDbType.Decimal:
                column.Width = NativeMethods.DecimalWidth(type);
                column.Scale = NativeMethods.DecimalScale(type);
                column.Storage = NativeMethods.DecimalInternalType(type);
                if (column.Scale > 28)
                {
                    throw new NotSupportedException($"Column {index} of '{table}' has a DECIMAL scale above 28.");
                }

                break;
            default:
                throw new NotSupportedException($"Column {index} of '{table}' has type {id}, which the chunk appender does not write; use DuckDbAppender.");
        }

        return column;
    }

    private static decimal Power(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private Span<byte> RentBuffer(int size)
    {
        if (_buffer is null || _buffer.Length < size)
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }

        return _buffer;
    }

    private void Check(DuckDbState state)
    {
        if (state != DuckDbState.Success)
        {
            throw DuckDbException.From(NativeMethods.ReadString(NativeMethods.AppenderError(_appender)), "The appender failed.");
        }
    }

    [DoesNotReturn]
    private void ThrowCannotConvert(string from) =>
        throw new InvalidCastException($"Cannot append a {from} to column {_column - 1} ({_columns[_column - 1].Type}).");

    [DoesNotReturn]
    private void ThrowTooManyValues() => throw new InvalidOperationException($"A row takes {_columns.Length} values; call EndRow.");

    private struct Column
    {
        public DuckDbType Type;
        public DuckDbType Storage;
        public byte Width;
        public byte Scale;
        public IntPtr Vector;
        public void* Data;
        public ulong* Validity;
    }
}
