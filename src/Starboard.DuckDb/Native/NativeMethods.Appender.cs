using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// The appender: DuckDB's row-by-row bulk insert path.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState AppenderCreate(IntPtr connection, string? schema, string table, out IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_column_count")]
    internal static partial ulong AppenderColumnCount(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_error")]
    internal static partial byte* AppenderError(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_flush")]
    internal static partial DuckDbState AppenderFlush(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_close")]
    internal static partial DuckDbState AppenderClose(IntPtr appender);

    /// <summary>Flushes, closes and frees; the memory is released even when the flush fails.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_destroy")]
    internal static partial DuckDbState AppenderDestroy(ref IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_end_row")]
    internal static partial DuckDbState AppenderEndRow(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_default")]
    internal static partial DuckDbState AppendDefault(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_null")]
    internal static partial DuckDbState AppendNull(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_bool")]
    internal static partial DuckDbState AppendBool(IntPtr appender, byte value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_int16")]
    internal static partial DuckDbState AppendInt16(IntPtr appender, short value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_int32")]
    internal static partial DuckDbState AppendInt32(IntPtr appender, int value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_int64")]
    internal static partial DuckDbState AppendInt64(IntPtr appender, long value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_float")]
    internal static partial DuckDbState AppendFloat(IntPtr appender, float value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_double")]
    internal static partial DuckDbState AppendDouble(IntPtr appender, double value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_date")]
    internal static partial DuckDbState AppendDate(IntPtr appender, int days);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_time")]
    internal static partial DuckDbState AppendTime(IntPtr appender, long micros);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_timestamp")]
    internal static partial DuckDbState AppendTimestamp(IntPtr appender, long micros);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_varchar_length")]
    internal static partial DuckDbState AppendVarcharLength(IntPtr appender, byte* value, ulong length);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_blob")]
    internal static partial DuckDbState AppendBlob(IntPtr appender, byte* data, ulong length);
}
