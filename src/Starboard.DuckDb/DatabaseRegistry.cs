using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>One native duckdb_database, shared by every open connection that names the same file or memory name.</summary>
internal sealed class SharedDatabase
{
    public SharedDatabase(IntPtr handle, string? key, string fingerprint)
    {
        Handle = handle;
        Key = key;
        Fingerprint = fingerprint;
    }

    public IntPtr Handle { get; set; }

    public string? Key { get; }

    public string Fingerprint { get; }

    public int References { get; set; }
}

/// <summary>
/// Reference-counted native database instances. DuckDB allows a database file to be open only once per process
/// (a second duckdb_open of the same file fails on the file lock), and a named in-memory database only exists
/// as long as its instance does, so connections to the same key share one instance and the last one to close
/// it closes the database.
/// </summary>
internal static class DatabaseRegistry
{
    private static readonly Lock _gate = new();
    private static readonly Dictionary<string, SharedDatabase> _open = new(StringComparer.Ordinal);

    public static SharedDatabase Acquire(DuckDbConnectionSettings settings)
    {
        var key = settings.SharedKey;
        if (key is null)
        {
            return new SharedDatabase(Open(settings), null, settings.ConfigurationFingerprint) { References = 1 };
        }

        // Opening under the lock keeps two threads from opening the same file at once; opens are rare.
        lock (_gate)
        {
            if (_open.TryGetValue(key, out var existing))
            {
                if (existing.Fingerprint != settings.ConfigurationFingerprint)
                {
                    throw new DuckDbException(
                        $"Connection Error: '{settings.DataSource}' is already open in this process with different options "
                        + $"({existing.Fingerprint}); every connection to one database must use the same ReadOnly and configuration options.");
                }

                existing.References++;
                return existing;
            }

            var database = new SharedDatabase(Open(settings), key, settings.ConfigurationFingerprint) { References = 1 };
            _open.Add(key, database);
            return database;
        }
    }

    public static void Release(SharedDatabase database)
    {
        if (database.Key is null)
        {
            Close(database);
            return;
        }

        lock (_gate)
        {
            if (--database.References > 0)
            {
                return;
            }

            _open.Remove(database.Key);
            Close(database);
        }
    }

    /// <summary>Number of shared instances currently open (for tests).</summary>
    internal static int OpenCount(string key)
    {
        lock (_gate)
        {
            return _open.TryGetValue(key, out var database) ? database.References : 0;
        }
    }

    private static void Close(SharedDatabase database)
    {
        var handle = database.Handle;
        database.Handle = IntPtr.Zero;
        if (handle != IntPtr.Zero)
        {
            NativeMethods.Close(ref handle);
        }
    }

    private static unsafe IntPtr Open(DuckDbConnectionSettings settings)
    {
        if (NativeMethods.CreateConfig(out var config) != DuckDbState.Success)
        {
            throw new DuckDbException("Could not allocate a DuckDB configuration.");
        }

        try
        {
            if (settings.ReadOnly)
            {
                SetOption(config, "access_mode", "READ_ONLY");
            }

            foreach (var (name, value) in settings.Options)
            {
                SetOption(config, name, value);
            }

            // NULL opens an in-memory database; named ones (":memory:NAME") are told apart by the registry key.
            var path = settings.IsInMemory ? null : settings.DataSource;
            var state = NativeMethods.OpenExt(path, out var database, config, out var error);
            var message = NativeMethods.ReadAndFreeString((byte*)error);
            if (state != DuckDbState.Success)
            {
                if (database != IntPtr.Zero)
                {
                    NativeMethods.Close(ref database);
                }

                throw DuckDbException.From(message, $"Could not open DuckDB database '{settings.DataSource}'.");
            }

            return database;
        }
        finally
        {
            NativeMethods.DestroyConfig(ref config);
        }
    }

    private static void SetOption(IntPtr config, string name, string value)
    {
        if (NativeMethods.SetConfig(config, name, value) != DuckDbState.Success)
        {
            throw new DuckDbException($"Invalid Input Error: DuckDB rejected configuration option '{name}' = '{value}'.");
        }
    }
}
