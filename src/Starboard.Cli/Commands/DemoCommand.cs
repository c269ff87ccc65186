using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Starboard.Core.Generate;
using Starboard.Core.Ingest;
using Starboard.Core.Reporting;
using Starboard.Core.Run;
using Starboard.Core.Schema;

namespace Starboard.Cli.Commands;

/// <summary>
/// `starboard demo`: the whole chain on the embedded warehouse: generate an app, ingest it, build every model,
/// print what happened. Running it again with the same options reuses the data (files already loaded are
/// skipped) and prints the same numbers; different options start a fresh warehouse.
/// </summary>
public static class DemoCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after the summary instead of serving the dashboard" };
        var command = new Command("demo", "Generate a realistic app, ingest it, build the warehouse and show its KPIs")
        {
            GenerateCommand.Users, GenerateCommand.Days, GenerateCommand.Seed, GenerateCommand.End, noServe,
        };
        command.SetAction(parse =>
        {
            var options = GenerateCommand.Options(parse);
            var context = CliContext.From(parse);
            var source = Path.Combine(context.DataDir, "source");
            ResetIfOptionsChanged(context, options, source);

            console.Write(new Rule("[bold]1. Generate[/]").LeftJustified());
            var generated = GenerateCommand.Generate(console, options, source, OutputFormat.Jsonl);
            console.MarkupLineInterpolated($"{generated.CleanLines + generated.DirtyLines:N0} lines in {generated.Files.Count} files ({generated.DirtyLines:N0} dirty, {generated.LateEvents:N0} late).");

            using var warehouse = context.Open();
            console.Write(new Rule("[bold]2. Ingest[/]").LeftJustified());
            // The late file arrives after a first run, as late data does.
            // Reference data first (who the users are, campaigns, rates), then activity, as an app would send it.
            string[] first = ["users", "aliases", "campaigns", "fx_rates"];
            var files = generated.Files
                .OrderBy(f => Array.FindIndex(first, p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)) is var i and >= 0 ? i : first.Length)
                .ThenBy(f => f, StringComparer.Ordinal).ToList();
            var late = files.Where(f => Path.GetFileName(f).StartsWith("events_late", StringComparison.Ordinal)).ToList();
            var ingester = new Ingester(warehouse, TimeProvider.System);
            var loaded = IngestCommand.Ingest(console, ingester, files.Except(late).ToList());
            IngestCommand.Render(console, loaded, detail: false);

            console.Write(new Rule("[bold]3. Build[/]").LeftJustified());
            var run = RunCommand.Run(console, context.Project, warehouse, new RunOptions());
            RunCommand.Render(console, run);
            if (run.Failure is { } failure) throw failure;
            if (late.Count > 0)
            {
                var lateLoad = IngestCommand.Ingest(console, ingester, late);
                console.MarkupLineInterpolated($"Late events arrived: {lateLoad.Loaded:N0} loaded; recomputing the newest {context.Settings.LookbackDays} days.");
                run = RunCommand.Run(console, context.Project, warehouse, new RunOptions());
                RunCommand.Render(console, run);
                if (run.Failure is { } lateFailure) throw lateFailure;
            }

            console.Write(new Rule("[bold]4. Summary[/]").LeftJustified());
            Summarize(console, new WarehouseSummary(context.Project, warehouse));
            if (!parse.GetValue(noServe))
                console.MarkupLine("[grey]The dashboard is not part of this build yet; the warehouse is ready for `starboard query`.[/]");
            return StarboardCli.Ok;
        });
        return command;
    }

    private static void ResetIfOptionsChanged(CliContext context, GeneratorOptions options, string source)
    {
        var marker = Path.Combine(context.DataDir, "demo.json");
        var wanted = JsonSerializer.Serialize(new { options.Users, options.Days, options.Seed, End = options.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        if (File.Exists(marker) && File.ReadAllText(marker) == wanted)
            return;
        if (context.Target.ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal))
        {
            var file = context.Target.ConnectionString["Data Source=".Length..];
            foreach (var f in new[] { file, file + ".wal" }.Where(File.Exists))
                File.Delete(f);
        }
        if (Directory.Exists(source))
            Directory.Delete(source, recursive: true);
        Directory.CreateDirectory(context.DataDir);
        File.WriteAllText(marker, wanted);
    }

    public static void Summarize(IAnsiConsole console, WarehouseSummary summary)
    {
        var tables = summary.Tables();
        var layers = new Table().AddColumns("layer", "tables", "rows");
        foreach (var g in tables.GroupBy(t => t.Layer).OrderBy(g => g.Key))
            layers.AddRow(g.Key.ToString().ToLowerInvariant(), g.Count().ToString(CultureInfo.InvariantCulture), IngestCommand.N(g.Sum(t => t.Rows)));
        console.Write(layers);

        var reasons = summary.RejectReasons(8);
        console.MarkupLineInterpolated($"[bold]{summary.Rejected():N0} records rejected[/]; the most frequent reasons:");
        var rejects = new Table().AddColumns("reason", "records", "example");
        foreach (var r in reasons)
            rejects.AddRow(Markup.Escape(r.Code), IngestCommand.N(r.Records), Markup.Escape(r.Example));
        console.Write(rejects);

        var (day, kpis) = summary.LatestKpis();
        var table = new Table().Title($"KPIs on {day:yyyy-MM-dd} (all users) and the change from the day before")
            .AddColumns("group", "KPI", "value", "day before", "change");
        foreach (var k in kpis)
            table.AddRow(k.Group.ToString(CultureInfo.InvariantCulture), Markup.Escape(k.Name), Format(k.Value, k.Unit), Format(k.Previous, k.Unit), Change(k));
        console.Write(table);
    }

    public static string Format(double? value, string unit) => value switch
    {
        null => "-",
        { } v when unit == "currency" => v.ToString("N2", CultureInfo.InvariantCulture),
        { } v when unit is "ratio" or "percent" => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        { } v when unit == "count" => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("N2", CultureInfo.InvariantCulture),
    };

    private static string Change(KpiSnapshot k)
    {
        if (k.DeltaPercent is not { } pct) return "-";
        var good = pct == 0 ? "grey" : (pct > 0) == k.HigherIsBetter ? "green" : "red";
        return $"[{good}]{(pct >= 0 ? "+" : "")}{pct.ToString("0.0", CultureInfo.InvariantCulture)}%[/]";
    }
}
