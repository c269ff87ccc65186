using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Starboard.Core.Ingest;

namespace Starboard.Cli.Commands;

/// <summary>`starboard ingest PATH|-`: validates and loads source files (or standard input) into the raw layer.</summary>
public static class IngestCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files or folders of JSONL/CSV, optionally .gz (or - for standard input)", Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<InputFormat>("--format") { Description = "Format of standard input", DefaultValueFactory = _ => InputFormat.Jsonl };
        var chunk = new Option<int>("--chunk-records")
        {
            Description = "Records per commit: a load killed midway resumes after its last committed chunk",
            DefaultValueFactory = _ => new IngestOptions().ChunkRecords,
        };
        var command = new Command("ingest", "Load source files into the warehouse's raw layer, rejecting bad records with their reasons")
        {
            paths, format, chunk,
        };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var records = parse.GetValue(chunk);
            if (records < 1)
                throw new Core.UsageException($"--chunk-records: must be at least 1, got {records}");
            using var warehouse = context.Open();
            var ingester = new Ingester(warehouse, TimeProvider.System, new IngestOptions { ChunkRecords = records });
            var result = Ingest(console, ingester, parse.GetValue(paths)!, Path.Combine(context.DataDir, "spool"), parse.GetValue(format));
            Render(console, result);
            WarnInterrupted(console, ingester);
            return result.Balanced ? StarboardCli.Ok : throw new ReconciliationException([.. result.Reconciliation.Where(r => !r.Balanced)]);
        });
        return command;
    }

    /// <summary>Loads every input with a progress bar each; `-` is standard input, spooled into <paramref name="spoolFolder"/>.</summary>
    public static IngestResult Ingest(
        IAnsiConsole console, Ingester ingester, IReadOnlyList<string> paths, string? spoolFolder = null, InputFormat stdinFormat = InputFormat.Jsonl)
    {
        var spooled = new List<InputFile>();
        var inputs = paths.SelectMany(p => p == "-"
            ? [Spool(spooled, spoolFolder ?? Path.GetTempPath(), stdinFormat)]
            : Ingester.Expand(p).Select(f => InputFile.For(f))).ToList();
        ingester.EnsureTables();
        var loads = new List<LoadResult>();
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowsColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = inputs.Select(f => ctx.AddTask(Markup.Escape(f.Source), autoStart: false, maxValue: Math.Max(1, new FileInfo(f.Path).Length))).ToList();
                for (var i = 0; i < inputs.Count; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    loads.Add(ingester.IngestFile(inputs[i], new Progress(task)));
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
        // Kept when a load fails midway, so that ingesting the same input again resumes it.
        foreach (var file in spooled)
            File.Delete(file.Path);
        return new IngestResult(loads);
    }

    private static InputFile Spool(List<InputFile> spooled, string folder, InputFormat format)
    {
        var file = InputFile.Spool(Console.OpenStandardInput(), folder, format);
        spooled.Add(file);
        return file;
    }

    /// <summary>The loads, then the reconciliation: row by row, or (<paramref name="detail"/> false) in one line unless a row fails.</summary>
    public static void Render(IAnsiConsole console, IngestResult result, bool detail = true)
    {
        var table = new Table().AddColumns("source", "load", "received", "loaded", "rejected", "duplicates");
        foreach (var l in result.Loads)
        {
            var load = l.Status switch
            {
                "skipped" => $"already loaded ({l.SameAs})",
                "duplicate" => $"{l.LoadId}: same content as {l.SameAs}, removed",
                _ => l.Resumed ? $"{l.LoadId} (resumed)" : l.LoadId.ToString()!,
            };
            table.AddRow(Markup.Escape(l.Source), load, N(l.Received), N(l.Loaded), N(l.Rejected), N(l.Duplicates));
        }
        table.AddRow("[bold]total[/]", "", N(result.Received), N(result.Loaded), N(result.Rejected), N(result.Duplicates));
        console.Write(table);
        if (result.Reconciliation.Count == 0)
            return;
        if (!detail && result.Reconciliation.All(r => r.Balanced))
        {
            console.MarkupLineInterpolated($"Reconciliation: all {result.Reconciliation.Count} source × record type rows balance (received = staged + rejected + duplicates).");
            return;
        }
        var check = new Table().Title("Reconciliation: received = staged + rejected + duplicates")
            .AddColumns("source", "type", "received", "staged", "rejected", "duplicates", "unknown users so far", "UTC assumed", "");
        foreach (var r in result.Reconciliation)
            check.AddRow(Markup.Escape(r.Source), Markup.Escape(r.RecordType), N(r.Received), N(r.Staged), N(r.Rejected), N(r.Duplicates),
                r.UnknownUsers is { } u ? N(u) : "-", N(r.AssumedUtc), r.Balanced ? "[green]ok[/]" : "[red]MISMATCH[/]");
        console.Write(check);
    }

    private static void WarnInterrupted(IAnsiConsole console, Ingester ingester)
    {
        foreach (var load in ingester.Interrupted())
            console.MarkupLineInterpolated($"[yellow]Load {load.LoadId} ({load.Source}) was interrupted after {load.Received:N0} records; ingest '{load.Path}' again to finish it.[/]");
    }

    internal static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class Progress(ProgressTask task) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            task.Value = Math.Min(task.MaxValue, value.BytesRead);
            task.State.Update<long>("records", _ => value.Records);
        }
    }

    /// <summary>Records read so far and records per second.</summary>
    private sealed class RowsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var records = task.State.Get<long>("records");
            var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            var rate = seconds > 0 ? records / seconds : 0;
            return new Markup($"{N(records)} rows [grey]{N((long)rate)}/s[/]");
        }
    }
}
