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
                var first = "";
                var query = line.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
                var took = Measure.Time(() =>
                {
                    if (!query)
                    {
                        rows = warehouse.Execute(line, "the script");
                        return;
                    }
                    // A query's rows are counted and its first row shown (to read sizes, plans, counts).
                    warehouse.Read(Starboard.Core.Sql.RenderedSql.Plain(line), "the script", r =>
                    {
                        if (rows++ == 0)
                            first = string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : r.GetValue(i)));
                    });
                });
                Console.WriteLine($"{took.TotalMilliseconds,8:0} ms  {rows,9} rows  {(line.Length > 120 ? line[..120] : line)}{(query ? "\n          first row: " + first : "")}");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
