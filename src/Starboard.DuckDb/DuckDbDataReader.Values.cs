using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

// Decoding values out of the current chunk's vectors. Typed getters read the vector directly (no boxing) and
// convert between numeric types when the value fits; GetValue returns the type GetFieldType reports.
public sealed partial class DuckDbDataReader
{
    public override object GetValue(int ordinal)
    {
        if (IsDBNull(ordinal))
        {
            return DBNull.Value;
        }

        var column = _columns[ordinal];
        return column.Type switch
        {
            DuckDbType.Boolean => Read<byte>(ordinal) != 0,
            DuckDbType.TinyInt => Read<sbyte>(ordinal),
            DuckDbType.SmallInt => Read<short>(ordinal),
            DuckDbType.Integer => Read<int>(ordinal),
            DuckDbType.BigInt => Read<long>(ordinal),
            DuckDbType.UTinyInt => Read<byte>(ordinal),
            DuckDbType.USmallInt => Read<ushort>(ordinal),
            DuckDbType.UInteger => Read<uint>(ordinal),
            DuckDbType.UBigInt => Read<ulong>(ordinal),
            DuckDbType.HugeInt => ValueConversions.HugeIntToDecimal(ReadInt128(ordinal)),
            DuckDbType.UHugeInt => ValueConversions.UHugeIntToDecimal(ReadUInt128(ordinal)),
            DuckDbType.Decimal => ReadDecimal(ordinal, column),
            DuckDbType.Float => Read<float>(ordinal),
            DuckDbType.Double => Read<double>(ordinal),
            DuckDbType.VarChar or DuckDbType.Enum => GetString(ordinal),
            DuckDbType.Blob => ReadBytes(ordinal).ToArray(),
            DuckDbType.Uuid => ValueConversions.FromStoredUuid(Read<DuckDbHugeInt>(ordinal)),
            DuckDbType.Date or DuckDbType.Timestamp or DuckDbType.TimestampTz or DuckDbType.TimestampS
                or DuckDbType.TimestampMs or DuckDbType.TimestampNs => GetDateTime(ordinal),
            DuckDbType.Time => ValueConversions.FromTimeMicros(Read<long>(ordinal)),
            DuckDbType.TimeNs => TimeSpan.FromTicks(Read<long>(ordinal) / 100),
            DuckDbType.Interval => ValueConversions.FromInterval(Read<DuckDbInterval>(ordinal)),
            _ => throw column.NotSupported(),
        };
    }

    public override bool GetBoolean(int ordinal) =>
        NonNull(ordinal).Type == DuckDbType.Boolean ? Read<byte>(ordinal) != 0 : Convert.ToBoolean(GetValue(ordinal), CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override int GetInt32(int ordinal) =>
        NonNull(ordinal).Type == DuckDbType.Integer ? Read<int>(ordinal) : checked((int)GetInt64(ordinal));

    public override long GetInt64(int ordinal)
    {
        var column = NonNull(ordinal);
        return column.Type switch
        {
            DuckDbType.TinyInt => Read<sbyte>(ordinal),
            DuckDbType.SmallInt => Read<short>(ordinal),
            DuckDbType.Integer => Read<int>(ordinal),
            DuckDbType.BigInt => Read<long>(ordinal),
            DuckDbType.UTinyInt => Read<byte>(ordinal),
            DuckDbType.USmallInt => Read<ushort>(ordinal),
            DuckDbType.UInteger => Read<uint>(ordinal),
            DuckDbType.UBigInt => checked((long)Read<ulong>(ordinal)),
            DuckDbType.HugeInt => checked((long)ReadInt128(ordinal)),
            DuckDbType.UHugeInt => checked((long)ReadUInt128(ordinal)),
            _ => Convert.ToInt64(GetValue(ordinal), CultureInfo.InvariantCulture),
        };
    }

    public override float GetFloat(int ordinal) =>
        NonNull(ordinal).Type == DuckDbType.Float ? Read<float>(ordinal) : (float)GetDouble(ordinal);

    public override double GetDouble(int ordinal) => NonNull(ordinal).Type switch
    {
        DuckDbType.Double => Read<double>(ordinal),
        DuckDbType.Float => Read<float>(ordinal),
        DuckDbType.Decimal => (double)ReadDecimal(ordinal, _columns[ordinal]),
        DuckDbType.HugeInt => (double)ReadInt128(ordinal),
        _ => Convert.ToDouble(GetValue(ordinal), CultureInfo.InvariantCulture),
    };

    public override decimal GetDecimal(int ordinal)
    {
        var column = NonNull(ordinal);
        return column.Type switch
        {
            DuckDbType.Decimal => ReadDecimal(ordinal, column),
            DuckDbType.HugeInt => ValueConversions.HugeIntToDecimal(ReadInt128(ordinal)),
            DuckDbType.UHugeInt => ValueConversions.UHugeIntToDecimal(ReadUInt128(ordinal)),
            _ => Convert.ToDecimal(GetValue(ordinal), CultureInfo.InvariantCulture),
        };
    }

    public override string GetString(int ordinal)
    {
        var column = NonNull(ordinal);
        return column.Type switch
        {
            DuckDbType.VarChar => Encoding.UTF8.GetString(ReadBytes(ordinal)),
            DuckDbType.Enum => column.EnumValues![ReadEnumIndex(ordinal, column)],
            _ => throw new InvalidCastException($"Column '{column.Name}' is {column.DataTypeName}, not a string type."),
        };
    }

    public override char GetChar(int ordinal)
    {
        var text = GetString(ordinal);
        return text.Length > 0 ? text[0] : throw new InvalidCastException("The string is empty.");
    }

    /// <summary>
    /// DATE gives midnight (Kind Unspecified); TIMESTAMP and TIMESTAMP WITH TIME ZONE give UTC (Kind Utc).
    /// DuckDB's ±infinity become DateTime.MaxValue/MinValue.
    /// </summary>
    public override DateTime GetDateTime(int ordinal)
    {
        var column = NonNull(ordinal);
        return column.Type switch
        {
            DuckDbType.Date => ValueConversions.FromDays(Read<int>(ordinal)).ToDateTime(TimeOnly.MinValue),
            DuckDbType.Timestamp or DuckDbType.TimestampTz => ValueConversions.FromMicros(Read<long>(ordinal)),
            DuckDbType.TimestampS => ValueConversions.FromSeconds(Read<long>(ordinal)),
            DuckDbType.TimestampMs => ValueConversions.FromMillis(Read<long>(ordinal)),
            DuckDbType.TimestampNs => ValueConversions.FromNanos(Read<long>(ordinal)),
            _ => throw new InvalidCastException($"Column '{column.Name}' is {column.DataTypeName}, not a date or timestamp."),
        };
    }

    public override Guid GetGuid(int ordinal)
    {
        var column = NonNull(ordinal);
        return column.Type switch
        {
            DuckDbType.Uuid => ValueConversions.FromStoredUuid(Read<DuckDbHugeInt>(ordinal)),
            DuckDbType.VarChar => Guid.Parse(GetString(ordinal), CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException($"Column '{column.Name}' is {column.DataTypeName}, not a UUID."),
        };
    }

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var column = NonNull(ordinal);
        if (column.Type is not (DuckDbType.Blob or DuckDbType.VarChar))
        {
            throw new InvalidCastException($"Column '{column.Name}' is {column.DataTypeName}, not BLOB or VARCHAR.");
        }

        var bytes = ReadBytes(ordinal);
        if (buffer is null)
        {
            return bytes.Length;
        }

        var available = Math.Max(0, bytes.Length - (int)dataOffset);
        var count = Math.Min(available, length);
        bytes.Slice((int)dataOffset, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = Math.Min(Math.Max(0, text.Length - (int)dataOffset), length);
        text.AsSpan((int)dataOffset, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    /// <summary>
    /// Beyond GetValue's types: DateOnly (DATE), TimeOnly (TIME), DateTimeOffset (timestamps, offset 0),
    /// Int128/UInt128/BigInteger (exact integers), and null for a NULL when T is nullable.
    /// </summary>
    public override T GetFieldValue<T>(int ordinal)
    {
        if (IsDBNull(ordinal))
        {
            return default(T) is null && (typeof(T) == typeof(object) || typeof(T) == typeof(DBNull))
                ? (T)(object)DBNull.Value
                : default(T) is null
                    ? default!
                    : throw new InvalidCastException($"Column '{_columns[ordinal].Name}' is NULL; read it as a nullable type or check IsDBNull first.");
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        var column = _columns[ordinal];
        object? value = target switch
        {
            _ when target == typeof(DateOnly) => column.Type == DuckDbType.Date
                ? ValueConversions.FromDays(Read<int>(ordinal))
                : DateOnly.FromDateTime(GetDateTime(ordinal)),
            _ when target == typeof(TimeOnly) => TimeOnly.FromTimeSpan((TimeSpan)GetValue(ordinal)),
            _ when target == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(GetDateTime(ordinal), DateTimeKind.Utc)),
            _ when target == typeof(Int128) => ReadExactInteger(ordinal, column),
            _ when target == typeof(UInt128) => column.Type == DuckDbType.UHugeInt ? ReadUInt128(ordinal) : checked((UInt128)ReadExactInteger(ordinal, column)),
            _ when target == typeof(BigInteger) => column.Type == DuckDbType.UHugeInt ? (BigInteger)ReadUInt128(ordinal) : (BigInteger)ReadExactInteger(ordinal, column),
            _ => null,
        };

        if (value is not null)
        {
            return (T)value;
        }

        var boxed = GetValue(ordinal);
        return boxed is T typed
            ? typed
            : (T)Convert.ChangeType(boxed, target, CultureInfo.InvariantCulture);
    }

    /// <summary>Raw bytes of a VARCHAR/BLOB value; valid until the reader moves to another chunk.</summary>
    private unsafe ReadOnlySpan<byte> ReadBytes(int ordinal) =>
        DuckDbStringT.GetBytes((DuckDbStringT*)_data[ordinal] + _row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe T Read<T>(int ordinal)
        where T : unmanaged => ((T*)_data[ordinal])[_row];

    private Int128 ReadInt128(int ordinal) => Read<DuckDbHugeInt>(ordinal).ToInt128();

    private UInt128 ReadUInt128(int ordinal)
    {
        var value = Read<DuckDbUHugeInt>(ordinal);
        return new UInt128(value.Upper, value.Lower);
    }

    private Int128 ReadExactInteger(int ordinal, ColumnInfo column) => column.Type switch
    {
        DuckDbType.HugeInt => ReadInt128(ordinal),
        DuckDbType.UHugeInt => checked((Int128)ReadUInt128(ordinal)),
        DuckDbType.UBigInt => Read<ulong>(ordinal),
        _ => GetInt64(ordinal),
    };

    private decimal ReadDecimal(int ordinal, ColumnInfo column) => column.Storage switch
    {
        DuckDbType.SmallInt => ValueConversions.ToDecimal(Read<short>(ordinal), column.Scale),
        DuckDbType.Integer => ValueConversions.ToDecimal(Read<int>(ordinal), column.Scale),
        DuckDbType.BigInt => ValueConversions.ToDecimal(Read<long>(ordinal), column.Scale),
        _ => ValueConversions.ToDecimal(ReadInt128(ordinal), column.Scale),
    };

    private int ReadEnumIndex(int ordinal, ColumnInfo column) => column.Storage switch
    {
        DuckDbType.UTinyInt => Read<byte>(ordinal),
        DuckDbType.USmallInt => Read<ushort>(ordinal),
        _ => (int)Read<uint>(ordinal),
    };

    /// <summary>Column of a non-NULL value at the current row; typed getters on NULL throw like other providers.</summary>
    private ColumnInfo NonNull(int ordinal) => IsDBNull(ordinal)
        ? throw new InvalidCastException($"Column '{_columns[ordinal].Name}' is NULL; check IsDBNull first.")
        : _columns[ordinal];
}
