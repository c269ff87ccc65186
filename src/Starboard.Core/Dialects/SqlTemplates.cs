using System.Collections.Concurrent;
using System.Text;

namespace Starboard.Core.Dialects;

/// <summary>
/// Statement templates: embedded `Dialects/Sql/{dialect}/{name}.sql`, else `Dialects/Sql/default/{name}.sql`
/// (dbt's dispatch: an engine overrides only what differs). Placeholders are `{name}`; nothing else is logic.
/// </summary>
public static class SqlTemplates
{
    private static readonly ConcurrentDictionary<string, string?> Cache = new();

    public static string Render(string dialect, string name, IReadOnlyDictionary<string, string> args)
    {
        var text = Load($"Dialects/Sql/{dialect}/{name}.sql") ?? Load($"Dialects/Sql/default/{name}.sql")
            ?? throw new InvalidOperationException($"no SQL template '{name}' for {dialect} or default");
        var sb = new StringBuilder(text);
        foreach (var (key, value) in args)
            sb.Replace("{" + key + "}", value);
        return sb.ToString().TrimEnd();
    }

    private static string? Load(string path) => Cache.GetOrAdd(path, p => EmbeddedFiles.Read(p));
}
