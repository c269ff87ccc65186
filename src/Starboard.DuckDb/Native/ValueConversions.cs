using System.Buffers.Binary;

namespace Starboard.DuckDb.Native;

/// <summary>
/// Exact conversions between .NET values and DuckDB's storage formats: timestamps are microseconds since the
/// Unix epoch, dates are days since it, decimals are an unscaled integer plus a scale, UUIDs are a 128-bit
/// integer whose top bit DuckDB flips so that signed comparison sorts them like their text.
/// </summary>
internal static class ValueConversions
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;
    private const int UnixEpochDayNumber = 719_162; // new DateOnly(1970, 1, 1).DayNumber
    private const int MaxDecimalScale = 28;         // System.Decimal's limit; DuckDB allows 38

    // ---- Timestamps ----------------------------------------------------------------------------------

    /// <summary>Local times are converted to UTC first; Utc and Unspecified are taken as wall-clock UTC.</summary>
    public static long ToMicros(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        return TicksToMicros(value.Ticks);
    }

    /// <summary>UTC <see cref="DateTime.Ticks"/> as microseconds since 1970.</summary>
    public static long TicksToMicros(long ticks)
    {
        // Floor, not truncate, so sub-microsecond ticks before 1970 still round towards the past.
        return Math.DivRem(ticks - UnixEpochTicks, 10, out var remainder) - (remainder < 0 ? 1 : 0);
    }

    public static long ToMicros(DateTimeOffset value) => ToMicros(value.UtcDateTime);

    /// <summary>DuckDB's ±infinity map to DateTime.MaxValue/MinValue; other out-of-range values throw.</summary>
    public static DateTime FromMicros(long micros)
    {
        if (micros == long.MaxValue)
        {
            return DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        }

        if (micros == -long.MaxValue)
        {
            return DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        }

        try
        {
            return new DateTime(checked(UnixEpochTicks + (micros * 10)), DateTimeKind.Utc);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new InvalidCastException($"TIMESTAMP value of {micros} µs since 1970 is outside the range of DateTime.", e);
        }
    }

    public static DateTime FromSeconds(long seconds) =>
        seconds is long.MaxValue or -long.MaxValue ? FromMicros(seconds) : FromMicros(CheckedScale(seconds, 1_000_000));

    public static DateTime FromMillis(long millis) =>
        millis is long.MaxValue or -long.MaxValue ? FromMicros(millis) : FromMicros(CheckedScale(millis, 1_000));

    public static DateTime FromNanos(long nanos) =>
        nanos is long.MaxValue or -long.MaxValue
            ? FromMicros(nanos)
            : new DateTime(UnixEpochTicks + (nanos / 100), DateTimeKind.Utc);

    private static long CheckedScale(long value, long factor)
    {
        try
        {
            return checked(value * factor);
        }
        catch (OverflowException e)
        {
            throw new InvalidCastException("Timestamp value is outside the range of DateTime.", e);
        }
    }

    // ---- Dates and times -----------------------------------------------------------------------------

    public static int ToDays(DateOnly value) => value.DayNumber - UnixEpochDayNumber;

    public static DateOnly FromDays(int days) => days switch
    {
        int.MaxValue => DateOnly.MaxValue,  // 'infinity'
        -int.MaxValue => DateOnly.MinValue, // '-infinity'
        _ => (long)days + UnixEpochDayNumber is >= 0 and <= 3_652_058 // DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber(days + UnixEpochDayNumber)
            : throw new InvalidCastException($"DATE value of {days} days since 1970 is outside the range of DateOnly."),
    };

    public static TimeSpan FromTimeMicros(long micros) => TimeSpan.FromTicks(micros * 10);

    public static long ToTimeMicros(TimeOnly value) => value.Ticks / 10;

    /// <summary>Approximate: a month counts as 30 days, as in DuckDB's own epoch() of an interval.</summary>
    public static TimeSpan FromInterval(DuckDbInterval interval) =>
        TimeSpan.FromDays((interval.Months * 30L) + interval.Days) + TimeSpan.FromTicks(interval.Micros * 10);

    public static DuckDbInterval ToInterval(TimeSpan value)
    {
        var days = (int)(value.Ticks / TimeSpan.TicksPerDay);
        var micros = (value.Ticks % TimeSpan.TicksPerDay) / 10;
        return new DuckDbInterval { Months = 0, Days = days, Micros = micros };
    }

    // ---- Decimals ------------------------------------------------------------------------------------

    /// <summary>The smallest DECIMAL(width, scale) that holds the value exactly (width ≤ 29 &lt; 38).</summary>
    public static DuckDbDecimal ToDuckDbDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var unscaled = bits[3] < 0 ? -(Int128)magnitude : (Int128)magnitude;
        var width = (byte)Math.Max(Math.Max(CountDigits(magnitude), scale), 1);
        return new DuckDbDecimal { Width = width, Scale = scale, Value = new DuckDbHugeInt(unscaled) };
    }

    public static decimal ToDecimal(long unscaled, int scale)
    {
        if (scale <= MaxDecimalScale)
        {
            var negative = unscaled < 0;
            var magnitude = negative ? unchecked((ulong)-(unscaled + 1)) + 1 : (ulong)unscaled;
            return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)scale);
        }

        return ToDecimal((Int128)unscaled, scale);
    }

    /// <summary>
    /// Exact whenever the value fits System.Decimal (96-bit mantissa, scale ≤ 28); a DuckDB scale above 28 is
    /// rounded to 28 digits (half away from zero); a mantissa beyond 96 bits throws.
    /// </summary>
    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
        while (scale > MaxDecimalScale)
        {
            var quotient = UInt128.DivRem(magnitude, 10);
            magnitude = quotient.Quotient + (quotient.Remainder >= 5 ? UInt128.One : UInt128.Zero);
            scale--;
        }

        if (magnitude >> 96 != UInt128.Zero)
        {
            throw new OverflowException(
                $"DECIMAL value {(negative ? "-" : string.Empty)}{magnitude} (scale {scale}) does not fit in System.Decimal.");
        }

        return new decimal(
            (int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    public static decimal HugeIntToDecimal(Int128 value) =>
        value >= (Int128)decimal.MinValue && value <= (Int128)decimal.MaxValue
            ? (decimal)value
            : throw new InvalidCastException($"HUGEINT value {value} does not fit in System.Decimal; read it with GetFieldValue<Int128>().");

    public static decimal UHugeIntToDecimal(UInt128 value) =>
        value <= (UInt128)decimal.MaxValue
            ? (decimal)value
            : throw new InvalidCastException($"UHUGEINT value {value} does not fit in System.Decimal; read it with GetFieldValue<UInt128>().");

    private static int CountDigits(UInt128 value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    // ---- UUIDs ---------------------------------------------------------------------------------------

    /// <summary>Reads DuckDB's stored UUID (hugeint with the top bit flipped).</summary>
    public static Guid FromStoredUuid(DuckDbHugeInt stored)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, unchecked((ulong)stored.Upper ^ 0x8000_0000_0000_0000UL));
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], stored.Lower);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The UUID as its plain 128-bit number (what duckdb_create_uuid expects).</summary>
    public static DuckDbUHugeInt ToUuidNumber(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return new DuckDbUHugeInt
        {
            Upper = BinaryPrimitives.ReadUInt64BigEndian(bytes),
            Lower = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        };
    }
}
