using System.CommandLine;
using Spectre.Console;
using Starboard.Core.Generate;

namespace Starboard.Cli.Commands;

/// <summary>`starboard generate`: writes a deterministic synthetic app as source files.</summary>
public static class GenerateCommand
{
    public static readonly Option<int> Users = new("--users") { Description = "Users who sign up over the period", DefaultValueFactory = _ => 20_000 };
    public static readonly Option<int> Days = new("--days") { Description = "Days of activity", DefaultValueFactory = _ => 400 };
    public static readonly Option<int> Seed = new("--seed") { Description = "Random seed: the same seed gives the same files", DefaultValueFactory = _ => 42 };
    public static readonly Option<string?> End = new("--end") { Description = "Last generated day, YYYY-MM-DD (default 2026-10-31)" };

    public static Command Create(IAnsiConsole console)
    {
        var output = new Option<string?>("--out") { Description = "Folder to write into (default: DATA_DIR/source)" };
        var format = new Option<string>("--format") { Description = "jsonl or csv", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var command = new Command("generate", "Write a realistic synthetic app (users, events, payments, … with some dirty and late records)")
        {
            Users, Days, Seed, End, output, format,
        };
        command.SetAction(parse =>
        {
            var options = Options(parse);
            var folder = parse.GetValue(output) ?? Path.Combine(Path.GetFullPath(parse.GetValue(GlobalOptions.DataDir)!), "source");
            var summary = Generate(console, options, folder, parse.GetValue(format) == "csv" ? OutputFormat.Csv : OutputFormat.Jsonl);
            Render(console, summary, folder);
            return StarboardCli.Ok;
        });
        return command;
    }

    public static GeneratorOptions Options(ParseResult parse)
    {
        var users = parse.GetValue(Users);
        var days = parse.GetValue(Days);
        if (users < 1) throw new Core.UsageException($"--users: must be at least 1, got {users}");
        if (days is < 1 or > 3650) throw new Core.UsageException($"--days: must be between 1 and 3650, got {days}");
        var options = new GeneratorOptions { Users = users, Days = days, Seed = parse.GetValue(Seed) };
        return CliContext.ParseDate("--end", parse.GetValue(End)) is { } end ? options with { EndDate = end } : options;
    }

    public static GenerateSummary Generate(IAnsiConsole console, GeneratorOptions options, string folder, OutputFormat format)
    {
        Directory.CreateDirectory(folder);
        GenerateSummary? summary = null;
        console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"generating {options.Users:N0} users x {options.Days} days", maxValue: options.Days);
                using var sink = new FileRecordSink(folder, format);
                summary = SyntheticAppGenerator.Generate(options, sink, new Progress<GenerateProgress>(p => task.Value = p.DaysDone));
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void Render(IAnsiConsole console, GenerateSummary summary, string folder)
    {
        var table = new Table().AddColumns("record type", "lines").RightAligned();
        foreach (var (type, n) in summary.Records.OrderBy(r => r.Key, StringComparer.Ordinal))
            table.AddRow(type, n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("late events", summary.LateEvents.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("dirty records", summary.DirtyLines.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLineInterpolated($"Wrote {summary.Files.Count} files to [bold]{folder}[/] in {summary.Elapsed.TotalSeconds:0.0} s.");
    }
}
