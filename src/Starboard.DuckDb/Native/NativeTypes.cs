using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// Blittable mirrors of the structs and enums in duckdb.h (C API of DuckDB 1.5). Handles such as duckdb_database
// or duckdb_prepared_statement are opaque pointers and appear as IntPtr in NativeMethods. Every layout below
// assumes a 64-bit process, which is all the npm packages ship.

internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}

/// <summary>duckdb_type: the physical/logical type ids reported by duckdb_get_type_id.</summary>
internal enum DuckDbType
{
    Invalid = 0,
    Boolean = 1,
    TinyInt = 2,
    SmallInt = 3,
    Integer = 4,
    BigInt = 5,
    UTinyInt = 6,
    USmallInt = 7,
    UInteger = 8,
    UBigInt = 9,
    Float = 10,
    Double = 11,
    Timestamp = 12,
    Date = 13,
    Time = 14,
    Interval = 15,
    HugeInt = 16,
    VarChar = 17,
    Blob = 18,
    Decimal = 19,
    TimestampS = 20,
    TimestampMs = 21,
    TimestampNs = 22,
    Enum = 23,
    List = 24,
    Struct = 25,
    Map = 26,
    Uuid = 27,
    Union = 28,
    Bit = 29,
    TimeTz = 30,
    TimestampTz = 31,
    UHugeInt = 32,
    Array = 33,
    Any = 34,
    BigNum = 35,
    SqlNull = 36,
    StringLiteral = 37,
    IntegerLiteral = 38,
    TimeNs = 39,
}

/// <summary>duckdb_statement_type (only the values we branch on are named).</summary>
internal enum DuckDbStatementType
{
    Invalid = 0,
    Select = 1,
}

/// <summary>
/// duckdb_result: six pointer-sized fields (the first five deprecated). We only ever hand its address to the
/// C API, or pass it by value where the API asks for that (duckdb_fetch_chunk).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}

/// <summary>duckdb_hugeint: value = Upper * 2^64 + Lower. Also used for UUIDs (top bit flipped in storage).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbHugeInt
{
    public ulong Lower;
    public long Upper;

    public DuckDbHugeInt(Int128 value)
    {
        Lower = (ulong)value;
        Upper = (long)(value >> 64);
    }

    public readonly Int128 ToInt128() => new((ulong)Upper, Lower);
}

/// <summary>duckdb_uhugeint.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbUHugeInt
{
    public ulong Lower;
    public ulong Upper;
}

/// <summary>duckdb_decimal: width and scale, then the unscaled value (aligned to 8, so 24 bytes in all).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbDecimal
{
    public byte Width;
    public byte Scale;
    public DuckDbHugeInt Value;
}

/// <summary>duckdb_interval.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbInterval
{
    public int Months;
    public int Days;
    public long Micros;
}

/// <summary>
/// duckdb_string_t, the 16-byte element of VARCHAR and BLOB vectors. Strings of at most 12 bytes are stored
/// inline after the length; longer ones keep a 4-byte prefix and then a pointer to the bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct DuckDbStringT
{
    public const int InlineLength = 12;

    [FieldOffset(0)] public uint Length;
    [FieldOffset(4)] public fixed byte Inlined[InlineLength];
    [FieldOffset(8)] public byte* Pointer;

    /// <summary>
    /// Writes a string of at most 12 bytes straight into a vector's element (false when it is longer), as DuckDB's own
    /// constructor does: the unused inline bytes are zero, since DuckDB compares and hashes the element as two 8-byte
    /// words. No call into DuckDB and no string heap, where most values of a load (ids, codes, names) are this short.
    /// </summary>
    public static bool TryWriteInline(DuckDbStringT* target, ReadOnlySpan<byte> value) =>
        TryWriteInline(new Span<byte>(target, sizeof(DuckDbStringT)), value);

    /// <inheritdoc cref="TryWriteInline(DuckDbStringT*, ReadOnlySpan{byte})"/>
    public static bool TryWriteInline(Span<byte> element, ReadOnlySpan<byte> value)
    {
        if (value.Length > InlineLength)
        {
            return false;
        }

        element = element[..sizeof(DuckDbStringT)];
        element.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(element, (uint)value.Length);
        value.CopyTo(element[sizeof(uint)..]);
        return true;
    }

    /// <summary>
    /// Makes an element of more than 12 bytes refer to <paramref name="length"/> bytes at <paramref name="bytes"/>, which
    /// must be memory the vector keeps alive (its own string heap): length, the first four bytes, then the pointer.
    /// </summary>
    public static void Point(DuckDbStringT* target, byte* bytes, int length)
    {
        target->Length = (uint)length;
        *(uint*)target->Inlined = *(uint*)bytes;
        target->Pointer = bytes;
    }

    /// <summary>The bytes of the string; only valid while the vector it came from is alive.</summary>
    public static ReadOnlySpan<byte> GetBytes(DuckDbStringT* value)
    {
        var length = (int)value->Length;
        return length <= InlineLength
            ? new ReadOnlySpan<byte>(value->Inlined, length)
            : new ReadOnlySpan<byte>(value->Pointer, length);
    }
}
