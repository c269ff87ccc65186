using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// Appending whole data chunks: the caller fills the vectors' memory directly, then hands the chunk to the appender.
internal static unsafe partial class NativeMethods
{
    /// <summary>The column's logical type; caller frees.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_column_type")]
    internal static partial IntPtr AppenderColumnType(IntPtr appender, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_data_chunk")]
    internal static partial IntPtr CreateDataChunk(IntPtr* types, ulong columnCount);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_reset")]
    internal static partial void DataChunkReset(IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_set_size")]
    internal static partial void DataChunkSetSize(IntPtr chunk, ulong size);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_size")]
    internal static partial ulong VectorSize();

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_ensure_validity_writable")]
    internal static partial void VectorEnsureValidityWritable(IntPtr vector);

    /// <summary>
    /// Copies the bytes into the vector's string heap (or inline, up to 12 bytes), after checking that they are
    /// UTF-8 (a VARCHAR vector then holds NULL and the chunk fails to append otherwise).
    /// </summary>
    [SuppressGCTransition]
    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_assign_string_element_len")]
    internal static partial void VectorAssignStringElementLength(IntPtr vector, ulong index, byte* value, ulong length);

    /// <summary>
    /// The same without the UTF-8 check, for callers that have validated the text. Both are short calls that never
    /// block or call back, made once per string of a bulk load, so they skip the GC transition.
    /// </summary>
    [SuppressGCTransition]
    [LibraryImport(LibraryName, EntryPoint = "duckdb_unsafe_vector_assign_string_element_len")]
    internal static partial void UnsafeVectorAssignStringElementLength(IntPtr vector, ulong index, byte* value, ulong length);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_data_chunk")]
    internal static partial DuckDbState AppendDataChunk(IntPtr appender, IntPtr chunk);
}
