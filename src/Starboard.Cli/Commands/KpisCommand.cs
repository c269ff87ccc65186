using System.CommandLine;
using Spectre.Console;
using Starboard.Core.Kpis;

namespace Starboard.Cli.Commands;

/// <summary>`starboard kpis`: the ranked catalog with definitions, rollup rules and rationale.</summary>
public static class KpisCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("kpis", "List the KPI catalog in rank order, with definition, formula, rollup rule and rationale");
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            foreach (var group in context.Project.Kpis.Kpis.GroupBy(k => k.Group))
            {
                var table = new Table().Title($"{group.Key}. {group.First().GroupName}").Expand()
                    .AddColumns("rank", "code", "name", "definition", "formula", "rollup", "rationale");
                foreach (var k in group)
                    table.AddRow(k.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), k.Code, Markup.Escape(k.Name),
                        Markup.Escape(k.Definition), Markup.Escape(k.Formula), Markup.Escape(KpiDocs.Rule(k, context.Project.Kpis)), Markup.Escape(k.Rationale));
                console.Write(table);
            }
            console.MarkupLineInterpolated($"{context.Project.Kpis.Kpis.Count} KPIs. `starboard explain CODE` shows how one is computed.");
            return StarboardCli.Ok;
        });
        return command;
    }
}
