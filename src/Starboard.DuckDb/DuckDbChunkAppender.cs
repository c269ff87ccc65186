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
public sealed unsafe class DuckDbChunkAppender : IDisposable
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

    public DuckDbChunkAppender AppendNull()
    {
        ref var c = ref Next();
        if (c.Validity == null)
        {
            NativeMethods.VectorEnsureValidityWritable(c.Vector);
            c.Validity = NativeMethods.VectorGetValidity(c.Vector);
        }

        c.Validity[_row >> 6] &= ~(1UL << (_row & 63));
        return this;
    }

    public DuckDbChunkAppender AppendValue(bool value)
    {
        ref var c = ref Next();
        if (c.Type != DuckDbType.Boolean)
        {
            ThrowCannotConvert(nameof(Boolean));
        }

        ((byte*)c.Data)[_row] = value ? (byte)1 : (byte)0;
        return this;
    }

    public DuckDbChunkAppender AppendValue(long value)
    {
        ref var c = ref Next();
        switch (c.Type)
        {
            case DuckDbType.BigInt: ((long*)c.Data)[_row] = value; break;
            case DuckDbType.Integer: ((int*)c.Data)[_row] = Narrow<int>(value); break;
            case DuckDbType.SmallInt: ((short*)c.Data)[_row] = Narrow<short>(value); break;
            case DuckDbType.TinyInt: ((sbyte*)c.Data)[_row] = Narrow<sbyte>(value); break;
            case DuckDbType.Double: ((double*)c.Data)[_row] = value; break;
            case DuckDbType.Float: ((float*)c.Data)[_row] = value; break;
            case DuckDbType.Decimal: WriteDecimal(ref c, value); break;
            default: ThrowCannotConvert(nameof(Int64)); break;
        }

        return this;
    }

    public DuckDbChunkAppender AppendValue(int value) => AppendValue((long)value);

    public DuckDbChunkAppender AppendValue(double value)
    {
        ref var c = ref Next();
        switch (c.Type)
        {
            case DuckDbType.Double: ((double*)c.Data)[_row] = value; break;
            case DuckDbType.Float: ((float*)c.Data)[_row] = (float)value; break;
            case DuckDbType.Decimal: WriteDecimal(ref c, (decimal)value); break;
            default: ThrowCannotConvert(nameof(Double)); break;
        }

        return this;
    }

    public DuckDbChunkAppender AppendValue(decimal value)
    {
        ref var c = ref Next();
        switch (c.Type)
        {
            case DuckDbType.Decimal: WriteDecimal(ref c, value); break;
            case DuckDbType.Double: ((double*)c.Data)[_row] = (double)value; break;
            case DuckDbType.Float: ((float*)c.Data)[_row] = (float)value; break;
            default: ThrowCannotConvert(nameof(Decimal)); break;
        }

        return this;
    }

    /// <summary>A TIMESTAMP in microseconds (Local times are converted to UTC first), or the date of it for a DATE column.</summary>
    public DuckDbChunkAppender AppendValue(DateTime value)
    {
        ref var c = ref Next();
        switch (c.Type)
        {
            case DuckDbType.Timestamp: ((long*)c.Data)[_row] = ValueConversions.ToMicros(value); break;
            case DuckDbType.Date: ((int*)c.Data)[_row] = ValueConversions.ToDays(DateOnly.FromDateTime(value)); break;
            default: ThrowCannotConvert(nameof(DateTime)); break;
        }

        return this;
    }

    public DuckDbChunkAppender AppendValue(DateOnly value)
    {
        ref var c = ref Next();
        switch (c.Type)
        {
            case DuckDbType.Date: ((int*)c.Data)[_row] = ValueConversions.ToDays(value); break;
            case DuckDbType.Timestamp: ((long*)c.Data)[_row] = (value.DayNumber * TimeSpan.TicksPerDay - UnixEpochTicks) / 10; break;
            default: ThrowCannotConvert(nameof(DateOnly)); break;
        }

        return this;
    }

    /// <summary>Text that is already UTF-8: checked (invalid UTF-8 throws), then copied once, into the chunk.</summary>
    public DuckDbChunkAppender AppendUtf8(ReadOnlySpan<byte> value)
    {
        if (!System.Text.Unicode.Utf8.IsValid(value))
        {
            throw new ArgumentException($"Column {_column} is given text that is not valid UTF-8.", nameof(value));
        }

        return AppendText(value);
    }

    /// <summary>
    /// Text the caller has already checked to be valid UTF-8 (a bulk loader that validated whole records): copied
    /// without checking again. Invalid UTF-8 here would be stored as is and break reads of the column.
    /// </summary>
    public DuckDbChunkAppender AppendValidatedUtf8(ReadOnlySpan<byte> value) => AppendText(value);

    private DuckDbChunkAppender AppendText(ReadOnlySpan<byte> utf8)
    {
        ref var c = ref Next();
        if (c.Type is not (DuckDbType.VarChar or DuckDbType.Blob))
        {
            ThrowCannotConvert("text");
        }

        fixed (byte* pointer = utf8)
        {
            // Valid by construction (checked above, or encoded by .NET), so DuckDB need not check it again.
            NativeMethods.UnsafeVectorAssignStringElementLength(c.Vector, (ulong)_row, pointer, (ulong)utf8.Length);
        }

        return this;
    }

    public DuckDbChunkAppender AppendValue(string? value) => value is null ? AppendNull() : AppendValue(value.AsSpan());

    public DuckDbChunkAppender AppendValue(ReadOnlySpan<char> value)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : RentBuffer(maxBytes);
        var length = Encoding.UTF8.GetBytes(value, bytes);
        return AppendText(bytes[..length]);
    }

    public DuckDbChunkAppender AppendValue(bool? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkAppender AppendValue(long? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkAppender AppendValue(double? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkAppender AppendValue(decimal? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkAppender AppendValue(DateTime? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkAppender AppendValue(DateOnly? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

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
