using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Starboard.Core.Sql;

namespace Starboard.Cli.Commands;

/// <summary>`starboard query "SQL"`: a read-only query, printed as a table, CSV or JSON.</summary>
public static class QueryCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var sql = new Argument<string>("sql") { Description = "The query (read-only)" };
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("query", "Run a read-only SQL query on the warehouse") { sql, format };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            using var warehouse = context.OpenReadOnly();
            var rows = new List<object?[]>();
            string[] names = [];
            warehouse.Read(RenderedSql.Plain(parse.GetValue(sql)!), "the query", r =>
            {
                if (names.Length == 0) names = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToArray();
                var values = new object?[r.FieldCount];
                for (var i = 0; i < values.Length; i++) values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
                rows.Add(values);
            });
            Write(console, parse.GetValue(format)!, names, rows);
            return StarboardCli.Ok;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, string format, string[] names, List<object?[]> rows)
    {
        switch (format)
        {
            case "json":
                console.WriteLine(JsonSerializer.Serialize(rows.Select(r => names.Zip(r).ToDictionary(p => p.First, p => p.Second))));
                break;
            case "csv":
                console.WriteLine(string.Join(",", names.Select(Csv)));
                foreach (var r in rows) console.WriteLine(string.Join(",", r.Select(v => Csv(Text(v)))));
                break;
            default:
                var table = new Table();
                foreach (var n in names) table.AddColumn(Markup.Escape(n));
                foreach (var r in rows) table.AddRow(r.Select(v => Markup.Escape(Text(v))).ToArray());
                console.Write(table);
                console.MarkupLineInterpolated($"[grey]{rows.Count} rows[/]");
                break;
        }
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
