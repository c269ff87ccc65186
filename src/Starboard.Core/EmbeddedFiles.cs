using System.Reflection;

namespace Starboard.Core;

/// <summary>Files compiled into Starboard.Core (models, catalogs, SQL templates), by their repository-relative path.</summary>
internal static class EmbeddedFiles
{
    private static readonly Assembly Assembly = typeof(EmbeddedFiles).Assembly;

    private static readonly Dictionary<string, string> Names = Assembly.GetManifestResourceNames()
        .ToDictionary(n => n.Replace('\\', '/'), n => n, StringComparer.Ordinal);

    public static string? Read(string path)
    {
        if (!Names.TryGetValue(path, out var name))
            return null;
        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Under(string folder) =>
        Names.Keys.Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}
