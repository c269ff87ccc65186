using System.Diagnostics;
using System.Globalization;
using System.Text;
using Starboard.Core.Engine;
using Starboard.Core.Ingest;
using Starboard.DuckDb;

namespace Starboard.Bench;

/// <summary>
/// `ingest`: a file of N events (default 5 million) loaded by Starboard's ingester (validation on, into a fresh
/// warehouse file, reconciliation included) and by DuckDB's own JSON reader (`CREATE TABLE t AS SELECT * FROM
/// read_json_auto(file)`, into a fresh database file), each measured in a process of its own so that one's
/// memory does not count against the other. Prints rows per second, the ratio and peak memory.
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public string Description => "starboard ingest vs DuckDB read_json_auto on N events [--events N] [--runs R] [--dir PATH] [--memory-limit 256MB]";

    public int Run(string[] args)
    {
        if (Option(args, "--phase") is { } measured)
            return RunPhase(measured, Option(args, "--file")!, Option(args, "--db")!, Option(args, "--memory-limit"));
        var events = long.Parse(Option(args, "--events") ?? "5000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "2", CultureInfo.InvariantCulture);
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "starboard-bench-ingest");
        var memoryLimit = Option(args, "--memory-limit");
        if (memoryLimit is not null && !System.Text.RegularExpressions.Regex.IsMatch(memoryLimit, "^[0-9]+[KMGT]i?B$"))
            throw new ArgumentException("--memory-limit: expected a size such as 256MB");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"events-{events}.jsonl");
        if (!File.Exists(file))
        {
            Console.WriteLine($"writing {events:N0} events to {file} …");
            EventFile.Write(file, events);
        }
        Console.WriteLine($"{Measure.Machine()}");
        Console.WriteLine($"file: {events:N0} events, {new FileInfo(file).Length / 1048576.0:F0} MiB; best of {runs} runs each, alternating; " +
            $"DuckDB memory_limit {memoryLimit ?? "default (80% of RAM)"}; times include closing the database");

        var results = new Dictionary<string, List<PhaseResult>> { ["starboard"] = [], ["duckdb"] = [] };
        for (var i = 0; i < runs; i++)
            foreach (var phase in results.Keys)
                results[phase].Add(Child(phase, file, Path.Combine(dir, $"{phase}.duckdb"), memoryLimit));

        var sb = results["starboard"].MinBy(r => r.Seconds)!;
        var duck = results["duckdb"].MinBy(r => r.Seconds)!;
        Console.WriteLine($"starboard ingest: {sb.Rows:N0} rows in {sb.Seconds:F2} s = {sb.Rows / sb.Seconds:N0} rows/s, peak RSS {sb.PeakMiB:F0} MiB (managed heap peak {sb.HeapMiB:F0} MiB)");
        Console.WriteLine($"duckdb read_json_auto: {duck.Rows:N0} rows in {duck.Seconds:F2} s = {duck.Rows / duck.Seconds:N0} rows/s, peak RSS {duck.PeakMiB:F0} MiB");
        Console.WriteLine($"ratio (starboard rows/s ÷ duckdb rows/s): {sb.Rows / sb.Seconds / (duck.Rows / duck.Seconds):F2}");
        Console.WriteLine($"all runs (s): starboard {string.Join(", ", results["starboard"].Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))}; " +
            $"duckdb {string.Join(", ", results["duckdb"].Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))}");
        return sb.Rows == events && duck.Rows == events ? 0 : 1;
    }

    private sealed record PhaseResult(long Rows, double Seconds, double PeakMiB, double HeapMiB);

    /// <summary>One measured load in a fresh process; it prints one line: rows seconds peak-MiB heap-MiB.</summary>
    private static PhaseResult Child(string phase, string file, string db, string? memoryLimit)
    {
        foreach (var f in new[] { db, db + ".wal" }.Where(File.Exists))
            File.Delete(f);
        // The previous run's database is still being written back to disk: let that finish before timing the next.
        using (var sync = Process.Start("sync"))
            sync.WaitForExit();
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            start.ArgumentList.Add(typeof(IngestBenchmark).Assembly.Location);
        foreach (var a in new[] { "ingest", "--phase", phase, "--file", file, "--db", db })
            start.ArgumentList.Add(a);
        if (memoryLimit is not null)
        {
            start.ArgumentList.Add("--memory-limit");
            start.ArgumentList.Add(memoryLimit);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{phase} failed: {string.Join(' ', output)}");
        var n = output.Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"  {phase}: {n[1]:F2} s, peak {n[2]:F0} MiB");
        return new PhaseResult((long)n[0], n[1], n[2], n[3]);
    }

    private static int RunPhase(string phase, string file, string db, string? memoryLimit)
    {
        ResetPeak();
        long rows;
        var watch = Stopwatch.StartNew();
        if (phase == "duckdb")
        {
            using (var connection = new DuckDbConnection($"Data Source={db}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                if (memoryLimit is not null)
                {
                    command.CommandText = $"SET memory_limit = '{memoryLimit}'";
                    command.ExecuteNonQuery();
                }
                command.CommandText = "CREATE TABLE t AS SELECT * FROM read_json_auto($file)";
                command.Parameters.Add(new DuckDbParameter("file", file));
                command.ExecuteNonQuery();
            }
            watch.Stop();
            using (var connection = new DuckDbConnection($"Data Source={db}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM t";
                rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }
        else
        {
            var warehouse = Warehouse.Open(WarehouseTarget.Parse("duckdb:" + db, Path.GetDirectoryName(db)!));
            if (memoryLimit is not null)
                warehouse.Execute($"SET memory_limit = '{memoryLimit}'", "limiting memory");
            var ingester = new Ingester(warehouse, TimeProvider.System);
            ingester.EnsureTables();
            ResetPeak();
            watch.Restart();
            var result = ingester.IngestPaths([file]);
            warehouse.Dispose();
            watch.Stop();
            rows = result.Balanced && result.Rejected == 0 ? result.Loaded : -1;
        }
        var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1048576.0;
        Console.WriteLine(string.Join(' ', new double[] { rows, watch.Elapsed.TotalSeconds, Measure.PeakMemoryMiB(), Math.Max(heap, GC.GetTotalMemory(false) / 1048576.0) }
            .Select(v => v.ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    /// <summary>Resets the kernel's peak-RSS mark (VmHWM), so only what follows is measured.</summary>
    private static void ResetPeak()
    {
        if (File.Exists("/proc/self/clear_refs"))
            File.WriteAllText("/proc/self/clear_refs", "5");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>Event lines shaped like the generator's (about 230 bytes, properties on half), deterministic, all valid.</summary>
internal static class EventFile
{
    private static readonly string[] Names = ["screen_view", "like", "comment", "share", "search", "post_create", "follow", "app_open"];
    private static readonly string[] Platforms = ["web", "ios", "android", "other"];
    private static readonly string[] Devices = ["Chrome on Windows", "Safari on iPhone", "Pixel 8", "Windows app", "Chrome on Android"];
    private static readonly string[] Countries = ["US", "DE", "FR", "ES", "JP", "BR", "IN", "GB"];
    private static readonly string[] Features = ["feed", "search", "sharing", "profile"];

    public static void Write(string path, long events)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path + ".partial", false, new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder(320);
        for (long i = 0; i < events; i++)
        {
            var user = i * 7919 % 200_003;
            var ts = start.AddMilliseconds(i * 3_000 % 25_920_000_000L);
            line.Clear()
                .Append("{\"type\":\"event\",\"event_id\":\"e-").Append(i).Append("\",\"user_id\":\"u-").Append(user)
                .Append("\",\"name\":\"").Append(Names[i % Names.Length]).Append("\",\"ts\":\"").Append(ts.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append("\",\"session_id\":\"s-").Append(user).Append('-').Append(i / 40).Append("\",\"platform\":\"").Append(Platforms[user % 4])
                .Append("\",\"device\":\"").Append(Devices[user % Devices.Length]).Append("\",\"app_version\":\"3.").Append(i % 7).Append(".0\",\"country\":\"")
                .Append(Countries[user % Countries.Length]).Append('"');
            if (i % 3 == 0)
                line.Append(",\"feature\":\"").Append(Features[i % Features.Length]).Append('"');
            if (i % 2 == 0)
                line.Append(",\"properties\":{\"screen\":\"explore\",\"position\":").Append(i % 17).Append('}');
            line.Append('}');
            writer.WriteLine(line);
        }
        writer.Close();
        File.Move(path + ".partial", path, overwrite: true);
    }
}
