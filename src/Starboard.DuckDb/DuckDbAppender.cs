using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// DuckDB's appender: the fastest way to insert rows. Append one value per column in table order, then
/// <see cref="EndRow"/>. Rows are buffered and written in chunks; <see cref="Flush"/> writes what is buffered,
/// and <see cref="Dispose"/> flushes and closes. Constraint violations (NOT NULL, PRIMARY KEY) surface when
/// rows are written, i.e. from Flush or Dispose, as <see cref="DuckDbException"/> with DuckDB's message.
/// </summary>
/// <remarks>
/// Values are converted to the column's type by DuckDB (e.g. a string into a UUID or DECIMAL column).
/// Strings are encoded into a reused buffer, so appending allocates nothing per value.
/// Dispose the appender before closing its connection.
/// </remarks>
public sealed unsafe class DuckDbAppender : IDisposable
{
    private const int StackLimit = 256;

    private IntPtr _appender;
    private ScratchBuffer _buffer;

    internal DuckDbAppender(IntPtr connection, string? schema, string table)
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

        ColumnCount = (int)NativeMethods.AppenderColumnCount(_appender);
    }

    /// <summary>Number of values each row takes.</summary>
    public int ColumnCount { get; }

    public DuckDbAppender AppendNull() => Check(NativeMethods.AppendNull(Handle));

    /// <summary>Uses the column's DEFAULT.</summary>
    public DuckDbAppender AppendDefault() => Check(NativeMethods.AppendDefault(Handle));

    public DuckDbAppender AppendValue(bool value) => Check(NativeMethods.AppendBool(Handle, value ? (byte)1 : (byte)0));

    public DuckDbAppender AppendValue(short value) => Check(NativeMethods.AppendInt16(Handle, value));

    public DuckDbAppender AppendValue(int value) => Check(NativeMethods.AppendInt32(Handle, value));

    public DuckDbAppender AppendValue(long value) => Check(NativeMethods.AppendInt64(Handle, value));

    public DuckDbAppender AppendValue(float value) => Check(NativeMethods.AppendFloat(Handle, value));

    public DuckDbAppender AppendValue(double value) => Check(NativeMethods.AppendDouble(Handle, value));

    /// <summary>
    /// Exact: the decimal's invariant text is appended and DuckDB parses it into the column's DECIMAL(p,s),
    /// rounding half away from zero only if the value has more decimals than the column.
    /// </summary>
    public DuckDbAppender AppendValue(decimal value)
    {
        var handle = Handle;
        Span<byte> text = stackalloc byte[64];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        fixed (byte* pointer = text)
        {
            return Check(NativeMethods.AppendVarcharLength(handle, pointer, (ulong)length));
        }
    }

    /// <summary>A TIMESTAMP in microseconds; Local times are converted to UTC first.</summary>
    public DuckDbAppender AppendValue(DateTime value) => Check(NativeMethods.AppendTimestamp(Handle, ValueConversions.ToMicros(value)));

    /// <summary>The UTC instant, as a TIMESTAMP.</summary>
    public DuckDbAppender AppendValue(DateTimeOffset value) => Check(NativeMethods.AppendTimestamp(Handle, ValueConversions.ToMicros(value)));

    public DuckDbAppender AppendValue(DateOnly value) => Check(NativeMethods.AppendDate(Handle, ValueConversions.ToDays(value)));

    public DuckDbAppender AppendValue(TimeOnly value) => Check(NativeMethods.AppendTime(Handle, ValueConversions.ToTimeMicros(value)));

    /// <summary>Appended as its 36-character text, which DuckDB parses into the UUID column (no native allocation).</summary>
    public DuckDbAppender AppendValue(Guid value)
    {
        var handle = Handle;
        Span<byte> text = stackalloc byte[36];
        value.TryFormat(text, out var length, "D");
        fixed (byte* pointer = text)
        {
            return Check(NativeMethods.AppendVarcharLength(handle, pointer, (ulong)length));
        }
    }

    public DuckDbAppender AppendValue(string? value) => value is null ? AppendNull() : AppendValue(value.AsSpan());

    /// <summary>UTF-8 encodes the text into a stack or reused buffer and appends it with its length.</summary>
    public DuckDbAppender AppendValue(ReadOnlySpan<char> value)
    {
        var handle = Handle;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : _buffer.Rent(maxBytes);
        var length = Encoding.UTF8.GetBytes(value, bytes);
        fixed (byte* pointer = bytes)
        {
            return Check(NativeMethods.AppendVarcharLength(handle, pointer, (ulong)length));
        }
    }

    public DuckDbAppender AppendValue(byte[]? value) => value is null ? AppendNull() : AppendValue((ReadOnlySpan<byte>)value);

    public DuckDbAppender AppendValue(ReadOnlySpan<byte> value)
    {
        var handle = Handle;
        fixed (byte* pointer = value)
        {
            return Check(NativeMethods.AppendBlob(handle, pointer, (ulong)value.Length));
        }
    }

    public DuckDbAppender AppendValue(bool? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(int? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(long? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(double? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(decimal? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(DateTime? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(DateOnly? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    public DuckDbAppender AppendValue(Guid? value) => value.HasValue ? AppendValue(value.GetValueOrDefault()) : AppendNull();

    /// <summary>For callers with untyped rows: dispatches on the runtime type (null and DBNull append NULL).</summary>
    public DuckDbAppender AppendObject(object? value) => value switch
    {
        null or DBNull => AppendNull(),
        bool v => AppendValue(v),
        byte v => AppendValue((short)v),
        sbyte v => AppendValue((short)v),
        short v => AppendValue(v),
        ushort v => AppendValue((int)v),
        int v => AppendValue(v),
        uint v => AppendValue((long)v),
        long v => AppendValue(v),
        float v => AppendValue(v),
        double v => AppendValue(v),
        decimal v => AppendValue(v),
        string v => AppendValue(v),
        char v => AppendValue(v.ToString()),
        DateTime v => AppendValue(v),
        DateTimeOffset v => AppendValue(v),
        DateOnly v => AppendValue(v),
        TimeOnly v => AppendValue(v),
        Guid v => AppendValue(v),
        byte[] v => AppendValue(v),
        _ => throw new NotSupportedException($"The appender cannot append values of type {value.GetType().FullName}."),
    };

    /// <summary>Finishes the row; throws if it does not have exactly <see cref="ColumnCount"/> values.</summary>
    public DuckDbAppender EndRow() => Check(NativeMethods.AppenderEndRow(Handle));

    /// <summary>Writes the buffered rows to the table (this is where constraints are checked).</summary>
    public void Flush() => Check(NativeMethods.AppenderFlush(Handle));

    /// <summary>Flushes and closes; the native appender is freed even when the final flush fails.</summary>
    public void Dispose()
    {
        if (_appender == IntPtr.Zero)
        {
            return;
        }

        string? error = null;
        if (NativeMethods.AppenderClose(_appender) != DuckDbState.Success)
        {
            error = NativeMethods.ReadString(NativeMethods.AppenderError(_appender)) ?? "The appender could not be closed.";
        }

        NativeMethods.AppenderDestroy(ref _appender);
        _appender = IntPtr.Zero;
        _buffer.Release();

        if (error is not null)
        {
            throw new DuckDbException(error);
        }
    }

    private IntPtr Handle => _appender != IntPtr.Zero ? _appender : throw new ObjectDisposedException(nameof(DuckDbAppender));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private DuckDbAppender Check(DuckDbState state)
    {
        if (state != DuckDbState.Success)
        {
            ThrowAppenderError();
        }

        return this;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowAppenderError() =>
        throw DuckDbException.From(NativeMethods.ReadString(NativeMethods.AppenderError(_appender)), "The appender failed.");
}
