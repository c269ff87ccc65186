using System.CommandLine;

namespace Starboard.Cli;

/// <summary>Options every command takes.</summary>
public static class GlobalOptions
{
    public static readonly Option<string> DataDir = new("--data-dir")
    {
        Description = "Folder for Starboard's data (the embedded warehouse, demo sources)",
        DefaultValueFactory = _ => "starboard-data",
        Recursive = true,
    };

    public static readonly Option<string?> Warehouse = new("--warehouse")
    {
        Description = "Warehouse URI: duckdb:PATH (default: the data dir's warehouse.duckdb); also STARBOARD_WAREHOUSE",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Path of starboard.yml (default: ./starboard.yml when present)",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [DataDir, Warehouse, Config];
}
