using System.CommandLine;
using Spectre.Console;
using Starboard.Core.Ingest;

namespace Starboard.Cli.Commands;

/// <summary>`starboard ingest PATH|-`: validates and loads source files into the raw layer.</summary>
public static class IngestCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders of JSONL/CSV (or - for standard input)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Load source files into the warehouse's raw layer, rejecting bad records with their reasons") { paths };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            using var warehouse = context.Open();
            var result = Ingest(console, new Ingester(warehouse, TimeProvider.System), parse.GetValue(paths)!);
            Render(console, result);
            return StarboardCli.Ok;
        });
        return command;
    }

    public static IngestResult Ingest(IAnsiConsole console, Ingester ingester, IReadOnlyList<string> paths)
    {
        var spooled = new List<string>();
        try
        {
            var files = paths.SelectMany(p => p == "-" ? [Spool(spooled)] : Ingester.Expand(p)).ToList();
            ingester.EnsureTables();
            var loads = new List<LoadResult>();
            console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var tasks = files.Select(f => ctx.AddTask(Path.GetFileName(f), autoStart: false, maxValue: Math.Max(1, new FileInfo(f).Length))).ToList();
                    for (var i = 0; i < files.Count; i++)
                    {
                        var task = tasks[i];
                        task.StartTask();
                        loads.Add(ingester.IngestFile(files[i], new Progress<IngestProgress>(p => task.Value = p.BytesRead)));
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
            return new IngestResult(loads);
        }
        finally
        {
            foreach (var f in spooled) File.Delete(f);
        }
    }

    // Standard input is spooled to a file, so it is hashed and loaded like any file (and loading it twice adds nothing).
    private static string Spool(List<string> spooled)
    {
        var path = Path.Combine(Path.GetTempPath(), $"starboard-stdin-{Guid.NewGuid():N}.jsonl");
        using (var file = File.Create(path))
            Console.OpenStandardInput().CopyTo(file);
        spooled.Add(path);
        return path;
    }

    public static void Render(IAnsiConsole console, IngestResult result)
    {
        var table = new Table().AddColumns("source", "load", "received", "loaded", "rejected");
        foreach (var l in result.Loads)
            table.AddRow(l.Source, l.Skipped ? $"already loaded ({l.LoadId})" : l.LoadId.ToString()!, N(l.Received), N(l.Loaded), N(l.Rejected));
        table.AddRow("[bold]total[/]", "", N(result.Received), N(result.Loaded), N(result.Rejected));
        console.Write(table);
    }

    internal static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
