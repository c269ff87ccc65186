using System.Diagnostics;

namespace Starboard.Bench;

/// <summary>Wall time and the process's peak resident memory, as benchmarks report them.</summary>
public static class Measure
{
    public static TimeSpan Time(Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed;
    }

    /// <summary>Peak resident set size of this process so far (VmHWM on Linux), in MiB.</summary>
    public static double PeakMemoryMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>
    /// Copies a file and flushes the copy to disk, so that the first fsync of whoever opens it (a DuckDB checkpoint)
    /// is not billed for writing out the whole copy.
    /// </summary>
    public static void CopyFlushed(string from, string to)
    {
        File.Copy(from, to, overwrite: true);
        using var stream = new FileStream(to, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}" +
        (File.Exists("/proc/cpuinfo") ? ", " + File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : "");
}
