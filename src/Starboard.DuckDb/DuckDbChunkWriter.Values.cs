using System.Text;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

// The typed appends: each writes one value of the current row straight into its column's vector.
public abstract unsafe partial class DuckDbChunkWriter
{
    public DuckDbChunkWriter AppendNull()
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

    public DuckDbChunkWriter AppendValue(bool value)
    {
        ref var c = ref Next();
        if (c.Type != DuckDbType.Boolean)
        {
            ThrowCannotConvert(nameof(Boolean));
        }

        ((byte*)c.Data)[_row] = value ? (byte)1 : (byte)0;
        return this;
    }

    public DuckDbChunkWriter AppendValue(long value)
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

    public DuckDbChunkWriter AppendValue(int value) => AppendValue((long)value);

    public DuckDbChunkWriter AppendValue(double value)
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

    public DuckDbChunkWriter AppendValue(decimal value)
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
    public DuckDbChunkWriter AppendValue(DateTime value)
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

    public DuckDbChunkWriter AppendValue(DateOnly value)
    {
        ref var c = ref Next();
        switch (c.Type)
        {
            case DuckDbType.Date: ((int*)c.Data)[_row] = ValueConversions.ToDays(value); break;
            case DuckDbType.Timestamp: ((long*)c.Data)[_row] = ValueConversions.TicksToMicros(value.DayNumber * TimeSpan.TicksPerDay); break;
            default: ThrowCannotConvert(nameof(DateOnly)); break;
        }

        return this;
    }

    /// <summary>Text that is already UTF-8: checked (invalid UTF-8 throws), then copied once, into the chunk.</summary>
    public DuckDbChunkWriter AppendUtf8(ReadOnlySpan<byte> value)
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
    public DuckDbChunkWriter AppendValidatedUtf8(ReadOnlySpan<byte> value) => AppendText(value);

    private DuckDbChunkWriter AppendText(ReadOnlySpan<byte> utf8)
    {
        ref var c = ref Next();
        if (c.Type is not (DuckDbType.VarChar or DuckDbType.Blob))
        {
            ThrowCannotConvert("text");
        }

        if (DuckDbStringT.TryWriteInline((DuckDbStringT*)c.Data + _row, utf8))
        {
            return this;
        }

        fixed (byte* pointer = utf8)
        {
            // Valid by construction (checked above, or encoded by .NET), so DuckDB need not check it again.
            NativeMethods.UnsafeVectorAssignStringElementLength(c.Vector, (ulong)_row, pointer, (ulong)utf8.Length);
        }

        return this;
    }

    public DuckDbChunkWriter AppendValue(string? value) => value is null ? AppendNull() : AppendValue(value.AsSpan());

    public DuckDbChunkWriter AppendValue(ReadOnlySpan<char> value)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : _buffer.Rent(maxBytes);
        var length = Encoding.UTF8.GetBytes(value, bytes);
        return AppendText(bytes[..length]);
    }

    public DuckDbChunkWriter AppendValue(bool? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkWriter AppendValue(long? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkWriter AppendValue(double? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkWriter AppendValue(decimal? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkWriter AppendValue(DateTime? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbChunkWriter AppendValue(DateOnly? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();
}
