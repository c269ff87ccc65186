using Starboard.Core.Engine;

namespace Starboard.Bench.Kpi;

/// <summary>
/// Times SQL statements, one per line of a script, on a throw-away copy of a DuckDB warehouse: for trying how the
/// engine takes a change (a delete, an insert order, a checkpoint) before changing a model.
/// </summary>
public sealed class SqlTiming : IBenchmark
{
    public string Name => "sql-timing";

    public string Description => "times each line of a SQL script on a copy of a DuckDB warehouse (WAREHOUSE_FILE SCRIPT)";

    public int Run(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: sql-timing WAREHOUSE_FILE SCRIPT"); return 2; }
        var copy = Directory.CreateTempSubdirectory("starboard-sql-").FullName;
        try
        {
            var file = Path.Combine(copy, "warehouse.duckdb");
            Measure.CopyFlushed(args[0], file);
            using var warehouse = Warehouse.Open(WarehouseTarget.Parse($"duckdb:{file}", copy));
            foreach (var line in File.ReadAllLines(args[1]).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            {
                var rows = 0;
                var output = new List<string>();
                if (line.StartsWith("PROFILE ", StringComparison.Ordinal))
                {
                    // The statement's slowest operators, from its analyzed plan.
                    var json = string.Concat(warehouse.Query<(string, string)>("EXPLAIN (ANALYZE, FORMAT json) " + line["PROFILE ".Length..], "the script").Select(r => r.Item2));
                    Console.WriteLine($"profile of {(line.Length > 120 ? line[..120] : line)}\n{RunProfile.Operators(json)}");
                    continue;
                }
                // A query's rows are printed under its line (the first 20), other statements' row counts beside it.
                var took = line.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || line.TrimStart().StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase)
                    ? Measure.Time(() => warehouse.Read(Starboard.Core.Sql.RenderedSql.Plain(line), "the script", r =>
                    {
                        if (++rows <= 20)
                            output.Add("    " + string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
                    }))
                    : Measure.Time(() => rows = warehouse.Execute(line, "the script"));
                Console.WriteLine($"{took.TotalMilliseconds,8:0} ms  {rows,9} rows  {(line.Length > 120 ? line[..120] : line)}");
                output.ForEach(Console.WriteLine);
            }
            return 0;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
