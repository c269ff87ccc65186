using System.CommandLine;
using Spectre.Console;
using Starboard.Core;
using Starboard.Core.Dialects;
using Starboard.Core.Schema;

namespace Starboard.Cli.Commands;

/// <summary>`starboard ddl`: the complete DDL of the model for one engine, or the schema reference as Markdown.</summary>
public static class DdlCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dialect = new Option<string?>("--dialect") { Description = $"Engine: {string.Join(", ", SqlDialects.Names)}" };
        dialect.AcceptOnlyFromAmong([.. SqlDialects.Names]);
        var layer = new Option<string>("--layer")
        {
            Description = "source (the app's OLTP tables), warehouse (raw, staging, star schema, KPI and run tables) or all",
            DefaultValueFactory = _ => "all",
        };
        layer.AcceptOnlyFromAmong("source", "warehouse", "all");
        var format = new Option<string>("--format")
        {
            Description = "sql (a runnable script) or markdown (the schema reference, as in docs/schema.md)",
            DefaultValueFactory = _ => "sql",
        };
        format.AcceptOnlyFromAmong("sql", "markdown");
        var command = new Command("ddl", "Print the CREATE statements of the whole model for MySQL, PostgreSQL, DuckDB or ClickHouse")
        {
            dialect, layer, format,
        };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var chosenLayer = DdlScript.ParseLayer(parse.GetValue(layer)!);
            var models = DdlScript.Models(context.Project.Graph, chosenLayer);
            string text;
            if (parse.GetValue(format) == "markdown")
                text = SchemaDocs.Render(models);
            else
            {
                var name = parse.GetValue(dialect) ?? throw new UsageException($"--dialect is required ({string.Join(", ", SqlDialects.Names)})");
                text = DdlScript.Render(SqlDialects.ByName(name), models.Select(m => m.Table), chosenLayer);
            }
            // Written as it is: the script must not be wrapped or marked up by the console.
            console.Profile.Out.Writer.Write(text);
            return StarboardCli.Ok;
        });
        return command;
    }
}
