using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>Small helpers shared by the provider tests: connections, one-liners and temp files.</summary>
internal static class DuckDbTestHelpers
{
    public static DuckDbConnection OpenInMemory(string connectionString = "")
    {
        var connection = new DuckDbConnection(connectionString);
        connection.Open();
        return connection;
    }

    public static int Exec(this DuckDbConnection connection, string sql, params object?[] positional)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in positional)
        {
            command.Parameters.AddPositional(value);
        }

        return command.ExecuteNonQuery();
    }

    public static T Scalar<T>(this DuckDbConnection connection, string sql, params object?[] positional)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in positional)
        {
            command.Parameters.AddPositional(value);
        }

        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue($"'{sql}' returned no rows");
        return reader.GetFieldValue<T>(0);
    }

    /// <summary>A path in a fresh temp folder (DuckDB creates the file itself); the folder is removed on dispose.</summary>
    public sealed class TempDatabaseFile : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("starboard-duckdb-").FullName;

        public string Path => System.IO.Path.Combine(_folder, "test.duckdb");

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Resident set size of this process from /proc (Linux) or the OS working set: independent of the GC.</summary>
    public static long ResidentBytes()
    {
        const string statm = "/proc/self/statm";
        if (File.Exists(statm))
        {
            var pages = long.Parse(File.ReadAllText(statm).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            return pages * Environment.SystemPageSize;
        }

        return Environment.WorkingSet;
    }
}
