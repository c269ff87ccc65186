using System.Reflection;
using System.Runtime.InteropServices;

namespace Starboard.DuckDb.Native;

/// <summary>
/// Decides which DuckDB library the [LibraryImport("duckdb")] calls bind to, in this order:
/// <list type="number">
/// <item>the full path in <c>STARBOARD_DUCKDB_LIBRARY</c> (a deliberate override, so failing to load it is an error);</item>
/// <item>the copy build/DuckDbNative.targets placed next to this assembly (or the app);</item>
/// <item>whatever the OS finds for "duckdb" (a system-installed libduckdb).</item>
/// </list>
/// </summary>
internal static class NativeLibraryResolver
{
    public const string EnvironmentVariable = "STARBOARD_DUCKDB_LIBRARY";

    private static readonly Lock _gate = new();
    private static bool _registered;
    private static IntPtr _handle;

    public static void Register()
    {
        lock (_gate)
        {
            if (_registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
            _registered = true;
        }
    }

    /// <summary>Where the library was loaded from, for diagnostics and the README's promise.</summary>
    public static string? LoadedFrom { get; private set; }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeMethods.LibraryName)
        {
            return IntPtr.Zero;
        }

        lock (_gate)
        {
            if (_handle == IntPtr.Zero)
            {
                _handle = Load(assembly, searchPath);
            }

            return _handle;
        }
    }

    private static IntPtr Load(Assembly assembly, DllImportSearchPath? searchPath)
    {
        var overridePath = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            if (NativeLibrary.TryLoad(overridePath, out var fromOverride))
            {
                LoadedFrom = overridePath;
                return fromOverride;
            }

            throw new DllNotFoundException(
                $"{EnvironmentVariable} is set to '{overridePath}', but no DuckDB library could be loaded from there.");
        }

        foreach (var directory in CandidateDirectories(assembly))
        {
            var path = Path.Combine(directory, PlatformFileName);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var local))
            {
                LoadedFrom = path;
                return local;
            }
        }

        if (NativeLibrary.TryLoad(NativeMethods.LibraryName, assembly, searchPath, out var system))
        {
            LoadedFrom = NativeMethods.LibraryName;
            return system;
        }

        throw new DllNotFoundException(
            $"Could not find the DuckDB native library ({PlatformFileName}). Build the solution once (it fetches the "
            + $"library into the output folder), set {EnvironmentVariable} to its full path, or install libduckdb.");
    }

    private static IEnumerable<string> CandidateDirectories(Assembly assembly)
    {
        // Assembly.Location is empty for single-file apps; AppContext.BaseDirectory covers that case.
        var assemblyDirectory = string.IsNullOrEmpty(assembly.Location) ? null : Path.GetDirectoryName(assembly.Location);
        if (assemblyDirectory is not null)
        {
            yield return assemblyDirectory;
        }

        if (!string.Equals(assemblyDirectory, AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            yield return AppContext.BaseDirectory;
        }
    }

    private static string PlatformFileName =>
        OperatingSystem.IsWindows() ? "duckdb.dll"
        : OperatingSystem.IsMacOS() ? "libduckdb.dylib"
        : "libduckdb.so";
}
