using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Starboard.Core;
using Starboard.Core.Engine;
using Starboard.Core.Insights;

namespace Starboard.Cli.Commands;

/// <summary>
/// `starboard insight QUERY.json [--input FILE ...]`: runs a product-analytics insight and prints its result as
/// JSON. With --input, the files are loaded into a fresh in-memory warehouse first; otherwise the configured
/// warehouse is read.
/// </summary>
public static class InsightCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(IAnsiConsole console)
    {
        var query = new Argument<string>("query") { Description = "The query: a JSON file (or - for standard input)" };
        var inputs = new Option<string[]>("--input")
        {
            Description = "JSONL/CSV files or folders to load into a fresh in-memory warehouse first (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var compact = new Option<bool>("--compact") { Description = "Print the JSON on one line" };
        var command = new Command("insight", "Run a retention, stickiness, lifecycle, active-users or funnel insight (PostHog's definitions)") { query, inputs, compact };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var json = Read(parse.GetValue(query)!);
            var parsed = InsightQueryParser.Parse(json);
            var files = parse.GetValue(inputs) ?? [];
            using var warehouse = files.Length > 0 ? Load(context, files) : context.OpenReadOnly();
            var result = InsightRunner.Run(warehouse, parsed, TimeProvider.System);
            // The raw writer: Spectre would wrap long lines at the console width.
            console.Profile.Out.Writer.WriteLine(result.ToJsonString(parse.GetValue(compact) ? null : Indented));
            return StarboardCli.Ok;
        });
        return command;
    }

    private static Warehouse Load(CliContext context, string[] files)
    {
        var warehouse = InsightWarehouse.FromFiles(context.Project, files, TimeProvider.System, out var ingested);
        if (ingested.Rejected > 0)
            Console.Error.WriteLine($"starboard: {ingested.Rejected:N0} of {ingested.Received:N0} input records were rejected and left out");
        return warehouse;
    }

    private static string Read(string path)
    {
        try
        {
            return path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UsageException.UnreadablePath(path, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message);
        }
    }
}
