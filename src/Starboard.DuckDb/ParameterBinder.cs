using System.Globalization;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// Binds a command's parameters to one prepared statement. DuckDB reports each placeholder's name
/// ("name" for <c>$name</c>, "1" for <c>$1</c> or the first <c>?</c>); numbers take the n-th parameter of the
/// collection, names look the parameter up by name. A placeholder without a value is left unbound so that
/// DuckDB's own "Values were not provided" error surfaces at execution.
/// </summary>
internal static unsafe class ParameterBinder
{
    /// <param name="strict">
    /// For a single-statement command: extra positional values are an error (reported with DuckDB's message).
    /// Multi-statement commands share one collection, so each statement just takes what it names.
    /// </param>
    public static void Bind(PreparedStatement statement, DuckDbParameterCollection parameters, bool strict)
    {
        var count = statement.ParameterCount;
        if (parameters.Count == 0)
        {
            return;
        }

        var positionalUsed = 0;
        for (var index = 1; index <= count; index++)
        {
            var name = statement.ParameterName(index);
            DuckDbParameter? parameter;
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                parameter = position <= parameters.Count ? parameters[position - 1] : null;
                positionalUsed = Math.Max(positionalUsed, position);
            }
            else
            {
                parameter = parameters.Find(name);
            }

            if (parameter is not null)
            {
                BindValue(statement, index, parameter.Value);
            }
        }

        if (strict && positionalUsed == count && parameters.Count > count && AllUnnamed(parameters, count))
        {
            // More values than placeholders: let DuckDB phrase it ("Can not bind to parameter number N, ...").
            Check(statement, NativeMethods.BindNull(statement.Handle, (ulong)count + 1));
            throw new DuckDbException($"Invalid Input Error: the statement has {count} parameter(s), but {parameters.Count} were supplied.");
        }
    }

    private static bool AllUnnamed(DuckDbParameterCollection parameters, int from)
    {
        for (var i = from; i < parameters.Count; i++)
        {
            if (parameters[i].NormalizedName.Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void BindValue(PreparedStatement statement, int position, object? value)
    {
        var handle = statement.Handle;
        var index = (ulong)position;
        var state = value switch
        {
            null or DBNull => NativeMethods.BindNull(handle, index),
            bool v => NativeMethods.BindBoolean(handle, index, v ? (byte)1 : (byte)0),
            sbyte v => NativeMethods.BindInt8(handle, index, v),
            byte v => NativeMethods.BindUInt8(handle, index, v),
            short v => NativeMethods.BindInt16(handle, index, v),
            ushort v => NativeMethods.BindUInt16(handle, index, v),
            int v => NativeMethods.BindInt32(handle, index, v),
            uint v => NativeMethods.BindUInt32(handle, index, v),
            long v => NativeMethods.BindInt64(handle, index, v),
            ulong v => NativeMethods.BindUInt64(handle, index, v),
            Int128 v => NativeMethods.BindHugeInt(handle, index, new DuckDbHugeInt(v)),
            float v => NativeMethods.BindFloat(handle, index, v),
            double v => NativeMethods.BindDouble(handle, index, v),
            decimal v => NativeMethods.BindDecimal(handle, index, ValueConversions.ToDuckDbDecimal(v)),
            string v => BindString(handle, index, v),
            char v => BindString(handle, index, v.ToString()),
            DateTime v => NativeMethods.BindTimestamp(handle, index, ValueConversions.ToMicros(v)),
            DateTimeOffset v => NativeMethods.BindTimestamp(handle, index, ValueConversions.ToMicros(v)),
            DateOnly v => NativeMethods.BindDate(handle, index, ValueConversions.ToDays(v)),
            TimeOnly v => NativeMethods.BindTime(handle, index, ValueConversions.ToTimeMicros(v)),
            TimeSpan v => NativeMethods.BindInterval(handle, index, ValueConversions.ToInterval(v)),
            Guid v => BindUuid(handle, index, v),
            byte[] v => BindBlob(handle, index, v),
            ReadOnlyMemory<byte> v => BindBlob(handle, index, v.Span),
            Memory<byte> v => BindBlob(handle, index, v.Span),
            Enum v => BindEnum(statement, position, v),
            _ => throw new NotSupportedException(
                $"Parameter {position}: values of type {value.GetType().FullName} cannot be bound to DuckDB; convert it to a supported type."),
        };
        Check(statement, state);
    }

    private static DuckDbState BindEnum(PreparedStatement statement, int position, Enum value)
    {
        // Bind the underlying number, as Dapper and most ADO.NET providers do.
        BindValue(statement, position, Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture));
        return DuckDbState.Success;
    }

    private static DuckDbState BindString(IntPtr handle, ulong index, string value)
    {
        using var utf8 = PooledUtf8.Encode(value, nulTerminate: false);
        fixed (byte* pointer = utf8.Array)
        {
            return NativeMethods.BindVarcharLength(handle, index, pointer, (ulong)utf8.Length);
        }
    }

    private static DuckDbState BindBlob(IntPtr handle, ulong index, ReadOnlySpan<byte> value)
    {
        fixed (byte* pointer = value)
        {
            // A NULL pointer for an empty blob is fine: DuckDB copies zero bytes.
            return NativeMethods.BindBlob(handle, index, pointer, (ulong)value.Length);
        }
    }

    private static DuckDbState BindUuid(IntPtr handle, ulong index, Guid value)
    {
        // This library has no duckdb_bind_uuid; a UUID value bound generically keeps the parameter typed UUID.
        var uuid = NativeMethods.CreateUuid(ValueConversions.ToUuidNumber(value));
        try
        {
            return NativeMethods.BindValue(handle, index, uuid);
        }
        finally
        {
            NativeMethods.DestroyValue(ref uuid);
        }
    }

    private static void Check(PreparedStatement statement, DuckDbState state)
    {
        if (state != DuckDbState.Success)
        {
            throw DuckDbException.From(statement.Error, "Could not bind a parameter value.");
        }
    }
}
