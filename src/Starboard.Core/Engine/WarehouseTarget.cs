using Starboard.Core.Dialects;
using Starboard.Core.Dialects.DuckDb;

namespace Starboard.Core.Engine;

/// <summary>Where the warehouse lives: a dialect and its connection string, parsed from a warehouse URI.</summary>
public sealed record WarehouseTarget(SqlDialect Dialect, string ConnectionString, string Display)
{
    /// <summary>`duckdb:PATH` (PATH may be `:memory:`); the server engines arrive with their dialects.</summary>
    public static WarehouseTarget Parse(string uri, string dataDir)
    {
        if (uri.StartsWith("duckdb:", StringComparison.OrdinalIgnoreCase))
        {
            var path = uri["duckdb:".Length..];
            if (path.Length == 0 || path.StartsWith(":memory:", StringComparison.Ordinal))
                return new(new DuckDbDialect(), path.Length == 0 ? ":memory:" : path, "duckdb in memory");
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path));
            return new(new DuckDbDialect(), "Data Source=" + full, "duckdb:" + full);
        }
        var scheme = uri.Split(':', 2)[0];
        throw new UsageException($"--warehouse: unsupported warehouse '{scheme}:' (supported: duckdb:PATH)");
    }

    public static WarehouseTarget Default(string dataDir) =>
        Parse("duckdb:" + Path.Combine(dataDir, "warehouse.duckdb"), dataDir);

    public static WarehouseTarget InMemory() => new(new DuckDbDialect(), ":memory:", "duckdb in memory");
}
