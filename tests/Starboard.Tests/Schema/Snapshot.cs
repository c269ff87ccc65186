using System.Runtime.CompilerServices;

namespace Starboard.Tests.Schema;

/// <summary>
/// Golden files: generated text compared with a file committed in the repository, so a change to the model shows
/// up as a reviewable diff. On a difference the test fails, names the first differing line and writes the new text
/// beside the file as `.received`; `STARBOARD_UPDATE_SNAPSHOTS=1 dotnet test` rewrites the files instead.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "STARBOARD_UPDATE_SNAPSHOTS";

    public static void Match(string repositoryPath, string actual)
    {
        var path = Path.Combine(Repository.Root, repositoryPath);
        actual = Normalize(actual);
        var received = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".received" + Path.GetExtension(path));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            File.Delete(received);
            return;
        }
        var how = $"If the change is intended, run `{UpdateVariable}=1 dotnet test` and review the diff with git.";
        if (!File.Exists(path))
            Assert.Fail($"{repositoryPath} does not exist. {how}");
        var expected = Normalize(File.ReadAllText(path));
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail($"{repositoryPath} differs from the generated text ({Difference(expected, actual)}); the new text is in {Path.GetRelativePath(Repository.Root, received)}. {how}");
    }

    /// <summary>Where two texts first differ, and how many lines differ.</summary>
    public static string Difference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        var differing = Enumerable.Range(0, Math.Max(e.Length, a.Length)).Count(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        string Line(string[] lines) => first < lines.Length ? $"'{lines[first]}'" : "end of file";
        return $"line {first + 1}: expected {Line(e)}, got {Line(a)}; {differing} lines differ";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}

/// <summary>The repository's root folder, found from this source file's location (or the test binaries').</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(source), AppContext.BaseDirectory })
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Starboard.slnx")))
                    return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Starboard.slnx)");
    }
}
