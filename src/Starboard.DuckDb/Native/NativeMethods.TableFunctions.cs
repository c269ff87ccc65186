using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

// Table functions written in .NET: DuckDB calls back into managed code to bind, initialize and fill chunks.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_table_function")]
    internal static partial IntPtr CreateTableFunction();

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_table_function")]
    internal static partial void DestroyTableFunction(ref IntPtr function);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_table_function_set_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void TableFunctionSetName(IntPtr function, string name);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_table_function_add_parameter")]
    internal static partial void TableFunctionAddParameter(IntPtr function, IntPtr logicalType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_table_function_set_bind")]
    internal static partial void TableFunctionSetBind(IntPtr function, delegate* unmanaged<IntPtr, void> bind);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_table_function_set_init")]
    internal static partial void TableFunctionSetInit(IntPtr function, delegate* unmanaged<IntPtr, void> init);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_table_function_set_function")]
    internal static partial void TableFunctionSetFunction(IntPtr function, delegate* unmanaged<IntPtr, IntPtr, void> fill);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_register_table_function")]
    internal static partial DuckDbState RegisterTableFunction(IntPtr connection, IntPtr function);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_get_parameter")]
    internal static partial IntPtr BindGetParameter(IntPtr info, ulong index);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_add_result_column", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void BindAddResultColumn(IntPtr info, string name, IntPtr logicalType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_set_bind_data")]
    internal static partial void BindSetBindData(IntPtr info, IntPtr data, IntPtr destroy);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void BindSetError(IntPtr info, string error);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_init_set_max_threads")]
    internal static partial void InitSetMaxThreads(IntPtr info, ulong threads);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_function_get_bind_data")]
    internal static partial IntPtr FunctionGetBindData(IntPtr info);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_function_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void FunctionSetError(IntPtr info, string error);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_logical_type")]
    internal static partial IntPtr CreateLogicalType(DuckDbType type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_int64")]
    internal static partial long GetInt64(IntPtr value);
}
