using System.CommandLine;
using Spectre.Console;
using Starboard.Core.Kpis;
using Starboard.Core.Sql;

namespace Starboard.Cli.Commands;

/// <summary>`starboard explain KPI`: the SQL that computes one KPI on the configured warehouse.</summary>
public static class ExplainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var code = new Argument<string>("kpi") { Description = "KPI code (see `starboard kpis`)" };
        var command = new Command("explain", "Print the SQL that computes a KPI on the configured warehouse") { code };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            var kpi = context.Project.Kpis.Find(parse.GetValue(code)!)
                ?? throw new Core.UsageException($"no KPI named '{parse.GetValue(code)}' (see `starboard kpis`)");
            var dialect = context.Target.Dialect;
            dialect.ReportingInUtc = context.Settings.Timezone == "UTC";
            console.MarkupLineInterpolated($"[bold]{kpi.Code}[/]: {kpi.Definition}");
            console.MarkupLineInterpolated($"formula: {kpi.Formula}");
            console.MarkupLineInterpolated($"over a dashboard window (kpi_window_value, agg_kpi_dashboard): {KpiDocs.Rule(kpi, context.Project.Kpis)}");
            var measures = new[] { kpi.Value?.Measure, kpi.Denominator?.Measure }.OfType<string>().Distinct();
            foreach (var m in measures.Select(context.Project.Kpis.Measure))
            {
                console.MarkupLineInterpolated($"\n[grey]-- measure {m.Name} ({m.Kind.ToString().ToLowerInvariant()}): {m.Description}[/]");
                console.WriteLine(Render(m.Sql, dialect));
            }
            console.MarkupLineInterpolated($"\n[grey]-- {kpi.Code} per day and entity, over the measures in kpi_measure_daily / kpi_user_day ({dialect.Name})[/]");
            console.WriteLine(Render(KpiSql.Explain(context.Project.Kpis, kpi.Code), dialect));
            return StarboardCli.Ok;
        });
        return command;
    }

    // Parameters are shown by name ($start_key …): explain prints the statement, it does not run it.
    private static string Render(string sql, Core.Dialects.SqlDialect dialect) => SqlTemplate.RenderForDisplay(sql, dialect);
}
