using System.Globalization;
using System.Text.Json;

namespace Starboard.Core.Insights;

/// <summary>
/// Reads one JSON object of a query, field by field, naming the field's full path in every error. Fields that
/// are never read are reported as unknown, so a misspelt option fails loudly instead of being ignored.
/// </summary>
internal sealed class QueryObject
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public QueryObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InsightQueryException(path.Length == 0 ? "query" : path, "must be a JSON object");
        _element = element;
        _path = path;
    }

    public string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    /// <summary>The field's value, or null when it is absent (a JSON null is returned as such).</summary>
    public JsonElement? Raw(string name)
    {
        _read.Add(name);
        return _element.TryGetProperty(name, out var value) ? value : null;
    }

    public bool Has(string name) => _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, bool required = false)
    {
        var value = Raw(name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            return required ? throw new InsightQueryException(PathOf(name), "required") : null;
        if (value.Value.ValueKind != JsonValueKind.String)
            throw new InsightQueryException(PathOf(name), "must be a string");
        return value.Value.GetString()!;
    }

    public int Int(string name, int fallback, int min, int max, string rule)
    {
        var value = Raw(name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetInt32(out var n) || n < min)
            throw new InsightQueryException(PathOf(name), rule);
        return n <= max ? n : throw new InsightQueryException(PathOf(name), $"must be at most {max}");
    }

    public bool Bool(string name, bool fallback)
    {
        var value = Raw(name);
        return value?.ValueKind switch
        {
            null or JsonValueKind.Null => fallback,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InsightQueryException(PathOf(name), "must be true or false"),
        };
    }

    /// <summary>A string field that must be one of the given names; absent means <paramref name="fallback"/>.</summary>
    public T Choice<T>(string name, T fallback, params (string Name, T Value)[] choices)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        foreach (var (n, v) in choices)
            if (n == text)
                return v;
        throw new InsightQueryException(PathOf(name), $"'{text}' is not one of {Names(choices.Select(c => c.Name))}");
    }

    public QueryObject? Object(string name)
    {
        var value = Raw(name);
        return value is null || value.Value.ValueKind == JsonValueKind.Null ? null : new QueryObject(value.Value, PathOf(name));
    }

    public IReadOnlyList<QueryObject> Objects(string name)
    {
        var value = Raw(name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.Value.ValueKind != JsonValueKind.Array)
            throw new InsightQueryException(PathOf(name), "must be a list");
        return value.Value.EnumerateArray().Select((e, i) => new QueryObject(e, $"{PathOf(name)}[{i}]")).ToList();
    }

    /// <summary>Fails on the first field that no reader asked for.</summary>
    public void RejectUnknown(string what)
    {
        foreach (var p in _element.EnumerateObject())
            if (!_read.Contains(p.Name))
                throw new InsightQueryException(PathOf(p.Name), $"unknown field for {what}");
    }

    public static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    /// <summary>
    /// The text form a value is compared by: strings as they are, booleans as true/false, numbers as a JSON
    /// property's number reads as text in the warehouse (integers as written; other numbers as the shortest
    /// double, `2.0`, `1.5`, `1.5e-7`).
    /// </summary>
    public static string? TextForm(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => NumberText(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string NumberText(JsonElement value)
    {
        var raw = value.GetRawText();
        if (raw.IndexOfAny(['.', 'e', 'E']) < 0)
            return raw;
        var d = value.GetDouble();
        if (Math.Floor(d) == d && Math.Abs(d) < 1e21)
            return d.ToString("F0", CultureInfo.InvariantCulture) + ".0";
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        return e < 0 ? r : r[..e] + "e" + int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}
