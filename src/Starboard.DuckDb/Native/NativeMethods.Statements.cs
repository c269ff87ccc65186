using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// Statement splitting, prepared statements, parameter binding and execution.
internal static unsafe partial class NativeMethods
{
    // ---- Splitting a command text into statements ----------------------------------------------------

    /// <summary>Returns the statement count; 0 means either "no statements" or an error (check the error).</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_extract_statements")]
    internal static partial ulong ExtractStatements(IntPtr connection, byte* sql, out IntPtr extracted);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_extract_statements_error")]
    internal static partial byte* ExtractStatementsError(IntPtr extracted);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepare_extracted_statement")]
    internal static partial DuckDbState PrepareExtractedStatement(
        IntPtr connection, IntPtr extracted, ulong index, out IntPtr prepared);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_extracted")]
    internal static partial void DestroyExtracted(ref IntPtr extracted);

    // ---- Prepared statements -------------------------------------------------------------------------

    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepare_error")]
    internal static partial byte* PrepareError(IntPtr prepared);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_prepare")]
    internal static partial void DestroyPrepare(ref IntPtr prepared);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_nparams")]
    internal static partial ulong ParameterCount(IntPtr prepared);

    /// <summary>Name of parameter <paramref name="index"/> (1-based): "name" for $name, "1" for $1 or ?. Caller frees.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_parameter_name")]
    internal static partial byte* ParameterName(IntPtr prepared, ulong index);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepared_statement_type")]
    internal static partial DuckDbStatementType PreparedStatementType(IntPtr prepared);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_execute_prepared")]
    internal static partial DuckDbState ExecutePrepared(IntPtr prepared, DuckDbResult* result);

    // Deprecated in duckdb.h but, as of 1.5, still the only C API entry point that yields a streaming result;
    // duckdb_execute_prepared materializes everything first. DuckDB.NET streams the same way.
    [LibraryImport(LibraryName, EntryPoint = "duckdb_execute_prepared_streaming")]
    internal static partial DuckDbState ExecutePreparedStreaming(IntPtr prepared, DuckDbResult* result);

    // ---- Binding (indexes are 1-based) ---------------------------------------------------------------

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_boolean")]
    internal static partial DuckDbState BindBoolean(IntPtr prepared, ulong index, byte value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_int8")]
    internal static partial DuckDbState BindInt8(IntPtr prepared, ulong index, sbyte value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_int16")]
    internal static partial DuckDbState BindInt16(IntPtr prepared, ulong index, short value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_int32")]
    internal static partial DuckDbState BindInt32(IntPtr prepared, ulong index, int value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_int64")]
    internal static partial DuckDbState BindInt64(IntPtr prepared, ulong index, long value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_hugeint")]
    internal static partial DuckDbState BindHugeInt(IntPtr prepared, ulong index, DuckDbHugeInt value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_uint8")]
    internal static partial DuckDbState BindUInt8(IntPtr prepared, ulong index, byte value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_uint16")]
    internal static partial DuckDbState BindUInt16(IntPtr prepared, ulong index, ushort value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_uint32")]
    internal static partial DuckDbState BindUInt32(IntPtr prepared, ulong index, uint value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_uint64")]
    internal static partial DuckDbState BindUInt64(IntPtr prepared, ulong index, ulong value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_float")]
    internal static partial DuckDbState BindFloat(IntPtr prepared, ulong index, float value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_double")]
    internal static partial DuckDbState BindDouble(IntPtr prepared, ulong index, double value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_decimal")]
    internal static partial DuckDbState BindDecimal(IntPtr prepared, ulong index, DuckDbDecimal value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_date")]
    internal static partial DuckDbState BindDate(IntPtr prepared, ulong index, int days);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_time")]
    internal static partial DuckDbState BindTime(IntPtr prepared, ulong index, long micros);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_timestamp")]
    internal static partial DuckDbState BindTimestamp(IntPtr prepared, ulong index, long micros);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_interval")]
    internal static partial DuckDbState BindInterval(IntPtr prepared, ulong index, DuckDbInterval value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_varchar_length")]
    internal static partial DuckDbState BindVarcharLength(IntPtr prepared, ulong index, byte* value, ulong length);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_blob")]
    internal static partial DuckDbState BindBlob(IntPtr prepared, ulong index, byte* data, ulong length);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_null")]
    internal static partial DuckDbState BindNull(IntPtr prepared, ulong index);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_value")]
    internal static partial DuckDbState BindValue(IntPtr prepared, ulong index, IntPtr value);

    // ---- Values (only for types without a dedicated bind/append function) ------------------------------

    /// <summary>A UUID value from its 128-bit big-endian number (DuckDB flips the top bit internally).</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_uuid")]
    internal static partial IntPtr CreateUuid(DuckDbUHugeInt value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_value")]
    internal static partial void DestroyValue(ref IntPtr value);
}
