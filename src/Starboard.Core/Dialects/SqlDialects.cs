using Starboard.Core.Dialects.ClickHouse;
using Starboard.Core.Dialects.DuckDb;
using Starboard.Core.Dialects.MySql;
using Starboard.Core.Dialects.Postgres;

namespace Starboard.Core.Dialects;

/// <summary>Every engine Starboard speaks, by the name users type (`--dialect mysql`).</summary>
public static class SqlDialects
{
    public static readonly IReadOnlyList<string> Names = ["duckdb", "postgres", "mysql", "clickhouse"];

    /// <summary>A new dialect instance (dialects carry per-run state such as ReportingInUtc).</summary>
    public static SqlDialect ByName(string name) => name.ToLowerInvariant() switch
    {
        "duckdb" => new DuckDbDialect(),
        "postgres" or "postgresql" => new PostgresDialect(),
        "mysql" or "mariadb" => new MySqlDialect(),
        "clickhouse" => new ClickHouseDialect(),
        _ => throw new UsageException($"unknown dialect '{name}' (known: {string.Join(", ", Names)})"),
    };
}
