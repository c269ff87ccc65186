using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

/// <summary>
/// The slice of DuckDB's C API (duckdb.h) this provider uses, split by concern over partial files.
/// Signatures use raw pointers and blittable structs so calls need no marshalling work; strings are passed
/// as UTF-8 (source-generated for cold paths, pre-encoded byte pointers on hot paths).
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string LibraryName = "duckdb";

    // A static constructor runs before the first P/Invoke through this class, which is exactly when the
    // resolver must be in place (it can only be installed once per assembly, so this is the one place).
    static NativeMethods() => NativeLibraryResolver.Register();

    // ---- Open / connect -------------------------------------------------------------------------------

    [LibraryImport(LibraryName, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState OpenExt(string? path, out IntPtr database, IntPtr config, out IntPtr error);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_close")]
    internal static partial void Close(ref IntPtr database);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_connect")]
    internal static partial DuckDbState Connect(IntPtr database, out IntPtr connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_disconnect")]
    internal static partial void Disconnect(ref IntPtr connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_interrupt")]
    internal static partial void Interrupt(IntPtr connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_library_version")]
    internal static partial byte* LibraryVersion();

    // ---- Configuration --------------------------------------------------------------------------------

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_config")]
    internal static partial DuckDbState CreateConfig(out IntPtr config);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState SetConfig(IntPtr config, string name, string option);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_config")]
    internal static partial void DestroyConfig(ref IntPtr config);

    // ---- Memory owned by DuckDB -----------------------------------------------------------------------

    [LibraryImport(LibraryName, EntryPoint = "duckdb_free")]
    internal static partial void Free(void* pointer);

    // ---- Results --------------------------------------------------------------------------------------

    [LibraryImport(LibraryName, EntryPoint = "duckdb_query")]
    internal static partial DuckDbState Query(IntPtr connection, byte* sql, DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_result_error")]
    internal static partial byte* ResultError(DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_count")]
    internal static partial ulong ColumnCount(DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_name")]
    internal static partial byte* ColumnName(DuckDbResult* result, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_logical_type")]
    internal static partial IntPtr ColumnLogicalType(DuckDbResult* result, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_rows_changed")]
    internal static partial ulong RowsChanged(DuckDbResult* result);

    /// <summary>Next chunk of a streaming or materialized result; NULL when done or failed (check ResultError).</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_fetch_chunk")]
    internal static partial IntPtr FetchChunk(DuckDbResult result);

    /// <summary>Reads a NUL-terminated UTF-8 string owned by DuckDB (not freed here).</summary>
    internal static string? ReadString(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((IntPtr)text);

    /// <summary>Reads and frees a NUL-terminated UTF-8 string that the API hands over to the caller.</summary>
    internal static string? ReadAndFreeString(byte* text)
    {
        if (text == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)text);
        }
        finally
        {
            Free(text);
        }
    }
}
