using System.Diagnostics;
using Starboard.Core.Engine;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>
/// The `starboard ingest` command killed with SIGKILL at random moments, then run again until it finishes, ends
/// with exactly the warehouse one uninterrupted run gives: every table's rows and checksum, zero records lost,
/// zero counted twice. The command runs as a child process on a warehouse file, as a user would run it.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "starboard.dll");
    private readonly string _root = Directory.CreateTempSubdirectory("starboard-crash-").FullName;

    [Fact]
    public void Should_Lose_And_Duplicate_Nothing_When_Killed_At_Random_Moments()
    {
        // Given a folder of JSONL, gzip and CSV files, and the warehouse one clean run makes of it
        var folder = GeneratedApp.Mixed(Path.Combine(_root, "app"), users: 300, days: 30);
        var cleanDir = Path.Combine(_root, "clean");
        var watch = Stopwatch.StartNew();
        Ingest(cleanDir, killAfter: null).ShouldBe(0);
        var cleanTime = watch.Elapsed;

        // When another run is killed at a random moment, and run again each time, until a run finishes by itself
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var crashDir = Path.Combine(_root, "crashed");
        var kills = 0;
        var midLoad = 0;
        TestContext.Current.TestOutputHelper?.WriteLine($"clean run: {cleanTime.TotalMilliseconds:F0} ms; random seed {seed}");
        var latest = Math.Max(1500, (int)cleanTime.TotalMilliseconds);
        var fresh = true;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            // Spread over the run's own length, so a slow (busy) machine still sees kills inside loads.
            var at = TimeSpan.FromMilliseconds(random.Next(200, latest));
            var run = Stopwatch.StartNew();
            if (Ingest(crashDir, killAfter: at) is { } code)
            {
                code.ShouldBe(0);
                if (kills >= 3 && midLoad > 0)
                    break;
                // Too few kills before the run finished: start over, killing sooner if a whole load fit before the kill.
                if (fresh)
                    latest = Math.Max(300, (int)(run.ElapsedMilliseconds * 0.8));
                if (Directory.Exists(crashDir))
                    Directory.Delete(crashDir, recursive: true);
                (kills, midLoad, fresh) = (0, 0, true);
                continue;
            }
            fresh = false;
            kills++;
            var (interrupted, committed) = Loads(crashDir);
            midLoad += interrupted;
            TestContext.Current.TestOutputHelper?.WriteLine($"killed after {at.TotalMilliseconds:F0} ms: {committed} loads committed, {interrupted} interrupted");
        }
        Ingest(crashDir, killAfter: null).ShouldBe(0, $"the last run failed (random seed {seed})");

        // Then the run was really killed several times, and the two warehouses hold the same rows
        kills.ShouldBeGreaterThanOrEqualTo(3, $"random seed {seed}");
        midLoad.ShouldBeGreaterThan(0, $"no kill landed inside a load (random seed {seed})");
        using var clean = Open(cleanDir);
        using var crashed = Open(crashDir);
        var expected = WarehouseContents.Checksums(clean);
        expected["raw_events"].Rows.ShouldBeGreaterThan(10_000);
        WarehouseContents.Checksums(crashed).ShouldBe(expected, $"random seed {seed}");
        crashed.Query<string>("SELECT DISTINCT status FROM loads", "statuses").ShouldBe(["committed"]);
        crashed.Scalar<long>("SELECT count(*) FROM load_reconciliation WHERE NOT balanced", "balance").ShouldBe(0);
    }

    /// <summary>Runs `starboard ingest`; kills it (SIGKILL) after <paramref name="killAfter"/>; null when it was killed, else its exit code.</summary>
    private int? Ingest(string dataDir, TimeSpan? killAfter)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { Cli, "ingest", Path.Combine(_root, "app"), "--data-dir", dataDir, "--chunk-records", "400" },
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: false); // SIGKILL on Unix: no cleanup, no flush
            process.WaitForExit();
            return null;
        }
        process.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue("the ingest did not finish");
        return process.ExitCode;
    }

    private static Warehouse Open(string dataDir) => Warehouse.Open(WarehouseTarget.Default(dataDir));

    private static (int Interrupted, int Committed) Loads(string dataDir)
    {
        if (!File.Exists(Path.Combine(dataDir, "warehouse.duckdb")))
            return (0, 0);
        using var w = Open(dataDir);
        if (w.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'loads'", "tables") == 0)
            return (0, 0);
        var statuses = w.Query<string>("SELECT status FROM loads", "statuses");
        return (statuses.Count(s => s == "loading"), statuses.Count(s => s == "committed"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
