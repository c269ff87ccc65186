using System.CommandLine;
using Spectre.Console;
using Starboard.Core.Project;

namespace Starboard.Cli.Commands;

/// <summary>`starboard init`: writes a commented starboard.yml with every setting at its default.</summary>
public static class InitCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing starboard.yml" };
        var command = new Command("init", "Write a commented starboard.yml in the current folder") { force };
        command.SetAction(parse =>
        {
            if (File.Exists(SettingsLoader.FileName) && !parse.GetValue(force))
                throw new Core.UsageException($"{SettingsLoader.FileName} exists already (use --force to overwrite it)");
            File.WriteAllText(SettingsLoader.FileName, SettingsTemplate.Text);
            console.MarkupLineInterpolated($"Wrote {Path.GetFullPath(SettingsLoader.FileName)}.");
            return StarboardCli.Ok;
        });
        return command;
    }
}
