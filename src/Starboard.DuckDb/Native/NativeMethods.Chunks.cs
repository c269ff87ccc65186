using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// Data chunks, vectors and logical types: how results are read (the per-value duckdb_value_* family is
// deprecated and slow, so we never use it).
internal static unsafe partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_data_chunk")]
    internal static partial void DestroyDataChunk(ref IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_size")]
    internal static partial ulong DataChunkGetSize(IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_vector")]
    internal static partial IntPtr DataChunkGetVector(IntPtr chunk, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_get_data")]
    internal static partial void* VectorGetData(IntPtr vector);

    /// <summary>Validity bitmask (bit set = valid), or NULL when every row of the vector is valid.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_get_validity")]
    internal static partial ulong* VectorGetValidity(IntPtr vector);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_type_id")]
    internal static partial DuckDbType GetTypeId(IntPtr logicalType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_logical_type")]
    internal static partial void DestroyLogicalType(ref IntPtr logicalType);

    /// <summary>Alias of a type (e.g. "JSON" over VARCHAR) or NULL; caller frees.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_logical_type_get_alias")]
    internal static partial byte* LogicalTypeGetAlias(IntPtr logicalType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_width")]
    internal static partial byte DecimalWidth(IntPtr logicalType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_scale")]
    internal static partial byte DecimalScale(IntPtr logicalType);

    /// <summary>SMALLINT, INTEGER, BIGINT or HUGEINT: how a DECIMAL of this width is stored.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_internal_type")]
    internal static partial DuckDbType DecimalInternalType(IntPtr logicalType);

    /// <summary>UTINYINT, USMALLINT or UINTEGER: the width of an ENUM's dictionary index.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_enum_internal_type")]
    internal static partial DuckDbType EnumInternalType(IntPtr logicalType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_enum_dictionary_size")]
    internal static partial uint EnumDictionarySize(IntPtr logicalType);

    /// <summary>Caller frees.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_enum_dictionary_value")]
    internal static partial byte* EnumDictionaryValue(IntPtr logicalType, ulong index);
}
