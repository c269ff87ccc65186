using System.CommandLine;
using Starboard.Core;
using Starboard.Core.Engine;
using Starboard.Core.Project;

namespace Starboard.Cli;

/// <summary>What every command resolves from the global options: settings, project, where the warehouse is.</summary>
public sealed class CliContext
{
    private CliContext(StarboardSettings settings, StarboardProject project, WarehouseTarget target, string dataDir)
    {
        Settings = settings;
        Project = project;
        Target = target;
        DataDir = dataDir;
    }

    public StarboardSettings Settings { get; }
    public StarboardProject Project { get; }
    public WarehouseTarget Target { get; }
    public string DataDir { get; }

    public static CliContext From(ParseResult parse)
    {
        var dataDir = Path.GetFullPath(parse.GetValue(GlobalOptions.DataDir) ?? "starboard-data");
        var configPath = parse.GetValue(GlobalOptions.Config);
        if (configPath is not null && !File.Exists(configPath))
            throw UsageException.UnreadablePath(configPath, "no such file");
        var settings = SettingsLoader.Load(configPath ?? (File.Exists(SettingsLoader.FileName) ? SettingsLoader.FileName : null));
        var uri = parse.GetValue(GlobalOptions.Warehouse) ?? Environment.GetEnvironmentVariable("STARBOARD_WAREHOUSE") ?? settings.Warehouse;
        var target = uri is null ? WarehouseTarget.Default(dataDir) : WarehouseTarget.Parse(uri, dataDir);
        var project = StarboardProject.Load(settings, dataDir, Path.GetFullPath("kpis"));
        return new CliContext(settings, project, target, dataDir);
    }

    public Warehouse Open() => Warehouse.Open(Target, Settings.Timezone == "UTC");

    /// <summary>A connection that cannot write (for `query`).</summary>
    public Warehouse OpenReadOnly() => Warehouse.Open(Target with { ConnectionString = Target.Dialect.ReadOnly(Target.ConnectionString) }, Settings.Timezone == "UTC");

    /// <summary>Parses YYYY-MM-DD for an option, or says which option is wrong.</summary>
    public static DateOnly? ParseDate(string option, string? text)
    {
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", out var d) ? d : throw UsageException.BadDate(option, text);
    }
}
