using System.Data.Common;

namespace Starboard.DuckDb;

/// <summary>
/// A parsed connection string. Accepted forms:
/// <c>Data Source=path/to/file.duckdb</c>, <c>Data Source=:memory:</c>, a bare path (no '='), or an empty string
/// (a private in-memory database). <c>ReadOnly=true</c> opens with access_mode=READ_ONLY; <c>TimeZone=NAME</c>
/// sets the session time zone (default UTC); every other key is passed through to DuckDB as a configuration
/// option (e.g. <c>threads=2;memory_limit=1GB</c>).
/// </summary>
internal sealed record DuckDbConnectionSettings(string DataSource, bool ReadOnly, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>
    /// Session time zone, UTC unless the connection string says otherwise. DuckDB's default is the host's zone,
    /// which would make TIMESTAMP/TIMESTAMPTZ casts (and so DateTime round trips through a TIMESTAMPTZ column)
    /// depend on the machine; Starboard treats all timestamps as UTC.
    /// </summary>
    public string TimeZone { get; init; } = "UTC";

    private const string MemoryPrefix = ":memory:";

    public bool IsInMemory => DataSource.Length == 0 || DataSource.StartsWith(MemoryPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registry key for sharing one native database between connections: the full path of a file, or
    /// ":memory:NAME" for a named in-memory database; null for a private ":memory:" database.
    /// </summary>
    public string? SharedKey =>
        !IsInMemory ? Path.GetFullPath(DataSource)
        : DataSource.Length > MemoryPrefix.Length ? DataSource
        : null;

    /// <summary>What must match for two connections to share an instance (DuckDB refuses mixed configs too).</summary>
    public string ConfigurationFingerprint =>
        $"readonly={ReadOnly};" + string.Join(";", Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));

    /// <summary>Catalog name DuckDB gives the database: "memory" or the file name without extension.</summary>
    public string CatalogName => IsInMemory ? "memory" : Path.GetFileNameWithoutExtension(DataSource);

    public static DuckDbConnectionSettings Parse(string? connectionString)
    {
        var text = connectionString?.Trim() ?? string.Empty;
        var empty = new Dictionary<string, string>();
        if (text.Length == 0)
        {
            return new DuckDbConnectionSettings(string.Empty, false, empty);
        }

        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return new DuckDbConnectionSettings(text, false, empty);
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = text };
        var dataSource = string.Empty;
        var readOnly = false;
        var timeZone = "UTC";
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            switch (key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            {
                case "datasource":
                case "database":
                    dataSource = value.Trim();
                    break;
                case "readonly":
                    readOnly = ParseBoolean(key, value);
                    break;
                case "timezone":
                    timeZone = value.Trim();
                    break;
                default:
                    options[key.ToLowerInvariant()] = value;
                    break;
            }
        }

        return new DuckDbConnectionSettings(dataSource, readOnly, options) { TimeZone = timeZone };
    }

    private static bool ParseBoolean(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" or "" => false,
        _ => throw new ArgumentException($"Connection string option '{key}' must be true or false, not '{value}'."),
    };
}
