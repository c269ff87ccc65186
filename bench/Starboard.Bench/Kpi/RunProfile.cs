using Starboard.Core.Engine;
using Starboard.Core.Ingest;
using Starboard.Core.Project;
using Starboard.Core.Run;

namespace Starboard.Bench.Kpi;

/// <summary>
/// Where the daily incremental run's time goes, statement by statement: on a copy of the warehouse `kpi --keep DIR`
/// kept after its full build, one run catches up (rebuilding whatever models changed since), the new day is
/// ingested, and the run that builds it is timed per statement. Not a
/// benchmark with a baseline: a profile, to find what to make faster.
/// </summary>
public sealed class RunProfile : IBenchmark
{
    public const string BeforeNewDay = "warehouse-before-new-day.duckdb";

    public string Name => "kpi-profile";

    public string Description => "statements of an incremental run on a copy of a kept kpi warehouse (DIR [--top N] [--sql FOLDER] [--defer-checkpoint] [--select MODELS] [--log FILE] [--keep-result FILE])";

    public int Run(string[] args)
    {
        if (args.Length == 0) { Console.Error.WriteLine("usage: kpi-profile DIR [--top N] [--sql FOLDER]"); return 2; }
        var top = Array.IndexOf(args, "--top") is var t and >= 0 ? int.Parse(args[t + 1], System.Globalization.CultureInfo.InvariantCulture) : 25;
        var sqlFolder = Array.IndexOf(args, "--sql") is var s and >= 0 ? args[s + 1] : null;
        var copy = Directory.CreateTempSubdirectory("starboard-profile-").FullName;
        try
        {
            Measure.CopyFlushed(Path.Combine(args[0], BeforeNewDay), Path.Combine(copy, "warehouse.duckdb"));
            var project = StarboardProject.Load(new StarboardSettings(), copy);
            using var warehouse = Warehouse.Open(WarehouseTarget.Parse($"duckdb:{Path.Combine(copy, "warehouse.duckdb")}", copy));
            var runner = new Runner(project, warehouse, TimeProvider.System);
            var catchUp = Measure.Time(() => runner.Run(new RunOptions()));
            Console.WriteLine($"catch-up run (models changed since the kept build): {catchUp.TotalSeconds:0.00} s");
            new Ingester(warehouse, TimeProvider.System).IngestPaths([Path.Combine(args[0], "new-day")]);
            warehouse.Execute("CHECKPOINT", "checkpointing the load");
            var statements = new List<(string What, Starboard.Core.Sql.RenderedSql Sql, TimeSpan Took)>();
            warehouse.OnStatement = (what, sql, took) => statements.Add((what, sql, took));
            var deferCheckpoint = args.Contains("--defer-checkpoint");
            if (deferCheckpoint)
                warehouse.Execute("SET checkpoint_threshold = '100GB'", "deferring the checkpoint");
            RunResult? result = null;
            var select = Array.IndexOf(args, "--select") is var sel and >= 0 ? args[sel + 1] : null;
            var run = Measure.Time(() => result = runner.Run(select is null ? new RunOptions() : new RunOptions { Select = select }));
            warehouse.OnStatement = null;
            var wal = new FileInfo(Path.Combine(copy, "warehouse.duckdb.wal"));
            if (deferCheckpoint)
                Console.WriteLine($"write-ahead log of the run: {(wal.Exists ? wal.Length / 1048576.0 : 0):0.0} MiB");
            if (deferCheckpoint)
                Console.WriteLine($"checkpoint after the run: {Measure.Time(() => warehouse.Execute("CHECKPOINT", "checkpointing")).TotalMilliseconds:0} ms");
            if (Array.IndexOf(args, "--keep-result") is var kr and >= 0)
            {
                // The warehouse as the run left it (before --sql runs its statements again), to compare with another build's.
                warehouse.Execute("CHECKPOINT", "checkpointing the run");
                Measure.CopyFlushed(Path.Combine(copy, "warehouse.duckdb"), args[kr + 1]);
            }
            Console.WriteLine($"profiled run: {run.TotalSeconds:0.00} s, {statements.Count} statements taking {statements.Sum(x => x.Took.TotalSeconds):0.00} s");
            foreach (var m in result!.Models.OrderByDescending(m => m.Duration).Take(top))
                Console.WriteLine($"  {m.Duration.TotalMilliseconds,7:0} ms  {m.Model}");
            Console.WriteLine("statements by what they did:");
            foreach (var g in statements.GroupBy(x => System.Text.RegularExpressions.Regex.Replace(x.What, "(model '|of (the window of )?)[a-z_]+'?", "$1…"))
                         .OrderByDescending(g => g.Sum(x => x.Took.TotalMilliseconds)).Take(top))
                Console.WriteLine($"  {g.Sum(x => x.Took.TotalMilliseconds),7:0} ms  {g.Count(),4} x  {g.Key}");
            if (Array.IndexOf(args, "--log") is var lg and >= 0)
                File.WriteAllLines(args[lg + 1], statements.Select(x => $"{x.Took.TotalMilliseconds,7:0.0} ms  {x.What}  | {OneLine(x.Sql.Text, 200)}"));
            Console.WriteLine("slowest statements:");
            var i = 0;
            foreach (var x in statements.OrderByDescending(x => x.Took).Take(top))
            {
                Console.WriteLine($"  {x.Took.TotalMilliseconds,7:0} ms  {x.What}");
                if (sqlFolder is not null)
                {
                    Directory.CreateDirectory(sqlFolder);
                    var plan = Explain(warehouse, x.Sql);
                    File.WriteAllText(Path.Combine(sqlFolder, $"{++i:00}.sql"), $"-- {x.What}: {x.Took.TotalMilliseconds:0} ms\n{x.Sql.Text}\n/*\n{plan}\n*/\n");
                }
            }
            return 0;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static string OneLine(string sql, int max) =>
        System.Text.RegularExpressions.Regex.Replace(sql, "\\s+", " ") is var line && line.Length > max ? line[..max] : line;

    /// <summary>The plan's operators, slowest first, with their rows and details.</summary>
    internal static string Operators(string json)
    {
        var found = new List<(double Seconds, string Line)>();
        void Walk(System.Text.Json.JsonElement node, int depth)
        {
            if (node.ValueKind == System.Text.Json.JsonValueKind.Array) { foreach (var n in node.EnumerateArray()) Walk(n, depth); return; }
            if (node.ValueKind != System.Text.Json.JsonValueKind.Object) return;
            if (node.TryGetProperty("operator_timing", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                var name = node.TryGetProperty("operator_name", out var n) ? n.ToString() : "?";
                var rows = node.TryGetProperty("operator_cardinality", out var r) ? r.ToString() : "";
                var extra = node.TryGetProperty("extra_info", out var x) ? System.Text.RegularExpressions.Regex.Replace(x.ToString(), "\\s+", " ") : "";
                found.Add((t.GetDouble(), $"{t.GetDouble() * 1000,7:0.0} ms  depth {depth,2}  {name} rows {rows}  {(extra.Length > 300 ? extra[..300] : extra)}"));
            }
            if (node.TryGetProperty("children", out var c)) Walk(c, depth + 1);
        }
        Walk(System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 }).RootElement, 0);
        return string.Join("\n", found.OrderByDescending(f => f.Seconds).Take(25).Select(f => f.Line));
    }

    /// <summary>The statement's profile, run again (the copy is thrown away); a temporary table it creates is dropped after.</summary>
    private static string Explain(Warehouse warehouse, Starboard.Core.Sql.RenderedSql sql)
    {
        if (!sql.Text.StartsWith("INSERT", StringComparison.Ordinal) && !sql.Text.StartsWith("CREATE", StringComparison.Ordinal))
            return "";
        string json;
        try
        {
            json = string.Concat(warehouse.Query<(string, string)>(sql with { Text = "EXPLAIN (ANALYZE, FORMAT json) " + sql.Text }, "explaining").Select(r => r.Item2));
        }
        catch (Starboard.Core.ExecutionException e)
        {
            return e.Message.Split('\n')[0]; // it read a temporary table the run has dropped
        }
        var plan = Operators(json);
        if (System.Text.RegularExpressions.Regex.Match(sql.Text, "^CREATE TEMP(?:ORARY)? TABLE (\\S+)") is { Success: true } m)
            warehouse.Execute($"DROP TABLE {m.Groups[1].Value}", "dropping the explained table");
        return plan;
    }
}
