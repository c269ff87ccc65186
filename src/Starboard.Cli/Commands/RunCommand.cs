using System.CommandLine;
using Spectre.Console;
using Starboard.Core.Engine;
using Starboard.Core.Project;
using Starboard.Core.Run;

namespace Starboard.Cli.Commands;

/// <summary>`starboard run`: builds the models in dependency order, incrementally by default.</summary>
public static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var full = new Option<bool>("--full-refresh") { Description = "Rebuild every model over all the data" };
        var date = new Option<string?>("--date") { Description = "Recompute this one day (YYYY-MM-DD)" };
        var from = new Option<string?>("--from") { Description = "First day to recompute (YYYY-MM-DD)" };
        var to = new Option<string?>("--to") { Description = "Last day to recompute (YYYY-MM-DD; default the data's last day)" };
        var select = new Option<string?>("--select") { Description = "Models to run: name, name+ (and downstream), +name (and upstream)" };
        var command = new Command("run", "Build the warehouse: staging, dimensions, facts, KPIs (newest days only unless --full-refresh)")
        {
            full, date, from, to, select,
        };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var day = CliContext.ParseDate("--date", parse.GetValue(date));
            var options = new RunOptions
            {
                FullRefresh = parse.GetValue(full),
                From = day ?? CliContext.ParseDate("--from", parse.GetValue(from)),
                To = day ?? CliContext.ParseDate("--to", parse.GetValue(to)),
                Select = parse.GetValue(select),
            };
            using var warehouse = context.Open();
            var result = Run(console, context.Project, warehouse, options);
            Render(console, result);
            if (result.Failure is { } failure) throw failure;
            return StarboardCli.Ok;
        });
        return command;
    }

    public static RunResult Run(IAnsiConsole console, StarboardProject project, Warehouse warehouse, RunOptions options)
    {
        RunResult? result = null;
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("building models");
                result = new Runner(project, warehouse, TimeProvider.System).Run(options, new Progress<RunProgress>(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                    task.Description = p.Model.Length == 0 ? "built" : $"building {p.Model}";
                }));
            });
        return result!;
    }

    public static void Render(IAnsiConsole console, RunResult result)
    {
        var ran = result.Models.Where(m => m.Status == "success").ToList();
        var window = result.WindowStart is { } s ? $", days {s:yyyy-MM-dd} to {result.WindowEnd:yyyy-MM-dd}" : "";
        console.MarkupLineInterpolated(
            $"Run {result.RunId}: {ran.Count} models built in {ran.Sum(m => m.Duration.TotalSeconds):0.0} s{window} ({ran.Count(m => m.FullRefresh)} in full).");
        foreach (var m in result.Models.Where(m => m.Status != "success"))
            console.MarkupLineInterpolated($"[red]{m.Model}: {m.Status}[/] {m.Error}");
    }
}
