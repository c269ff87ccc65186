namespace Starboard.Core;

/// <summary>The root of Starboard's own errors: each carries a message fit to print as one line.</summary>
public class StarboardException : Exception
{
    public StarboardException(string message) : base(message) { }

    public StarboardException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A bad argument or input path given by the user (exit code 2).</summary>
public class UsageException : StarboardException
{
    public UsageException(string message) : base(message) { }

    public static UsageException UnreadablePath(string path, string why) => new($"cannot read '{path}': {why}");

    public static UsageException BadDate(string option, string value) =>
        new($"{option}: '{value}' is not a date (expected YYYY-MM-DD)");
}

/// <summary>A bad project: starboard.yml, a model file, the KPI catalog (exit code 2).</summary>
public sealed class ProjectException : StarboardException
{
    public ProjectException(string message) : base(message) { }

    public ProjectException(string message, Exception inner) : base(message, inner) { }

    internal static ProjectException UnknownRef(string model, string reference) =>
        new($"model '{model}' refers to unknown model '{reference}'");

    internal static ProjectException BadSetting(string file, string setting, string why) =>
        new($"{file}: {setting}: {why}");
}

/// <summary>The model graph cannot be ordered (exit code 2).</summary>
public sealed class GraphException : StarboardException
{
    public GraphException(string message) : base(message) { }

    internal static GraphException Cycle(IEnumerable<string> models) =>
        new($"models depend on each other in a cycle: {string.Join(" -> ", models)}");

    internal static GraphException UnknownModel(string model) => new($"no model named '{model}'");
}

/// <summary>The warehouse refused a statement; carries the model and engine (exit code 3).</summary>
public sealed class ExecutionException : StarboardException
{
    public ExecutionException(string message, Exception inner) : base(message, inner) { }

    public string? Sql { get; init; }

    internal static ExecutionException InModel(string model, string dialect, string sql, Exception inner) =>
        new($"model '{model}' failed on {dialect}: {FirstLine(inner.Message)}", inner) { Sql = sql };

    internal static ExecutionException InStatement(string what, string dialect, string sql, Exception inner) =>
        new($"{what} failed on {dialect}: {FirstLine(inner.Message)}", inner) { Sql = sql };

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }
}
