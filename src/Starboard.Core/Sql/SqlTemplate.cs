using System.Text;
using Starboard.Core.Dialects;

namespace Starboard.Core.Sql;

/// <summary>A SQL statement with its bound parameter values. Values never enter the text.</summary>
public sealed record RenderedSql(string Text, IReadOnlyDictionary<string, object?> Parameters)
{
    public static RenderedSql Plain(string text) => new(text, new Dictionary<string, object?>());
}

/// <summary>
/// Renders model SQL: `{{ ref('model') }}` becomes the quoted table, `{{ var('name') }}` a bound parameter, and a
/// handful of expression macros (`{{ hash_key(expr) }}`, `{{ date_key(expr) }}`, `{{ local_ts(expr) }}` …) the
/// dialect's spelling. There are no conditionals or loops: where a model would need one, the dialect or the C#
/// that builds the model decides instead.
/// </summary>
public static class SqlTemplate
{
    /// <summary>The models a SQL text refers to with ref() or source().</summary>
    public static IReadOnlyList<string> References(string sql)
    {
        var found = new List<string>();
        foreach (var call in Calls(sql))
            if (call.Name is "ref" or "source")
                found.Add(Unquote(call.Args));
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The statement as the engine would get it, with parameters left as placeholders (for `explain`).</summary>
    public static string RenderForDisplay(string sql, SqlDialect dialect) => Render(sql, dialect, null).Text;

    /// <summary>`{{ this() }}` is the model's own table (`self`): an incremental model may read its earlier rows.</summary>
    public static RenderedSql Render(string sql, SqlDialect dialect, IReadOnlyDictionary<string, object?>? vars, string? self = null)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var text = new StringBuilder(sql.Length);
        var at = 0;
        foreach (var call in Calls(sql))
        {
            text.Append(sql, at, call.Start - at);
            text.Append(call.Name == "this" ? dialect.QuoteIdentifier(self ?? "this") : Expand(call, dialect, vars, parameters));
            at = call.End;
        }
        text.Append(sql, at, sql.Length - at);
        return new RenderedSql(text.ToString(), parameters);
    }

    private static string Expand(Call call, SqlDialect dialect, IReadOnlyDictionary<string, object?>? vars, Dictionary<string, object?> parameters)
    {
        switch (call.Name)
        {
            case "ref":
                return dialect.QuoteIdentifier(Unquote(call.Args));
            case "source":
                return Source(Unquote(call.Args), dialect);
            case "new_loads":
                // The loads an incremental-by-key model has not read yet: committed after its checkpoint (commit
                // order, not load id: a resumed load keeps its id but commits after loads that started later).
                foreach (var v in new[] { "after_commit", "upto_commit" })
                {
                    object? bound = null;
                    if (vars is not null && !vars.TryGetValue(v, out bound))
                        throw new ProjectException("new_loads() is for incremental_by_key models only");
                    parameters[v] = bound;
                }
                return $"{call.Args.Trim()} IN (SELECT load_id FROM {dialect.QuoteIdentifier("loads")} WHERE status = 'committed' " +
                       $"AND commit_order > {dialect.ParameterPlaceholder("after_commit")} AND commit_order <= {dialect.ParameterPlaceholder("upto_commit")})";
            case "var":
                var name = Unquote(call.Args);
                object? value = null;
                if (vars is not null && !vars.TryGetValue(name, out value))
                    throw new ProjectException($"SQL uses var('{name}'), which is not set");
                parameters[name] = value;
                return dialect.ParameterPlaceholder(name);
        }
        var texts = SplitArgs(call.Args).Select(a => ExpandArgument(a, dialect, vars, parameters)).ToArray();
        // Outside UTC the local-time macros read the reporting time zone, a bound parameter like any var.
        if (call.Name is "local_ts" or "local_date" && !dialect.ReportingInUtc)
            parameters["timezone"] = vars is null ? null : vars.TryGetValue("timezone", out var zone) ? zone
                : throw new ProjectException("SQL uses local time, but var('timezone') is not set");
        return dialect.Macro(call.Name, texts)
            ?? throw new ProjectException($"unknown SQL macro '{call.Name}' (known: ref, source, var, {string.Join(", ", SqlDialect.MacroNames)})");
    }

    /// <summary>An argument that is itself a whole macro call (`hash_key(id, epoch_micros(ts))`) is expanded too.</summary>
    private static string ExpandArgument(string arg, SqlDialect dialect, IReadOnlyDictionary<string, object?>? vars, Dictionary<string, object?> parameters)
    {
        var open = arg.IndexOf('(');
        if (open > 0 && arg.EndsWith(')'))
        {
            var name = arg[..open].Trim();
            if (name is "var" or "ref" or "source" || SqlDialect.MacroNames.Contains(name))
                return Expand(new Call(0, arg.Length, name, arg[(open + 1)..^1]), dialect, vars, parameters);
        }
        return arg;
    }

    /// <summary>
    /// A raw table as models see it: only the rows of committed loads. An interrupted load's committed chunks stay
    /// out of the warehouse until the load completes (or is abandoned and its rows removed).
    /// </summary>
    private static string Source(string table, SqlDialect dialect) =>
        table.StartsWith("raw_", StringComparison.Ordinal)
            ? $"(SELECT * FROM {dialect.QuoteIdentifier(table)} WHERE load_id IN (SELECT load_id FROM {dialect.QuoteIdentifier("loads")} WHERE status = 'committed'))"
            : dialect.QuoteIdentifier(table);

    private readonly record struct Call(int Start, int End, string Name, string Args);

    private static IEnumerable<Call> Calls(string sql)
    {
        var at = 0;
        while ((at = sql.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var end = sql.IndexOf("}}", at, StringComparison.Ordinal);
            if (end < 0)
                throw new ProjectException("SQL has '{{' without a closing '}}'");
            var body = sql[(at + 2)..end].Trim();
            var open = body.IndexOf('(');
            if (open < 0 || !body.EndsWith(')'))
                throw new ProjectException($"cannot read '{{{{ {body} }}}}': expected name(arguments)");
            yield return new Call(at, end + 2, body[..open].Trim(), body[(open + 1)..^1]);
            at = end + 2;
        }
    }

    // Top-level commas split arguments; commas inside parentheses or quotes belong to the argument.
    private static List<string> SplitArgs(string args)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        var quoted = false;
        for (var i = 0; i < args.Length; i++)
        {
            var c = args[i];
            if (c == '\'') quoted = !quoted;
            else if (quoted) continue;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(args[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(args[start..].Trim());
        return parts;
    }

    private static string Unquote(string arg)
    {
        var t = arg.Trim();
        if (t.Length >= 2 && (t[0] == '\'' || t[0] == '"') && t[^1] == t[0])
            return t[1..^1];
        throw new ProjectException($"expected a quoted name, got {t}");
    }
}
