using System.Text.RegularExpressions;

namespace Starboard.Core.Dialects;

// Macros over JSON text and delimited strings, for the few models that read inside a value (order items, app
// versions). Each engine spells them differently; model SQL stays the same.
public abstract partial class SqlDialect
{
    /// <summary>`{{ json_decimal(expr, 'field') }}`: the field as DECIMAL(18,6), null when absent or not a number.</summary>
    public abstract string JsonDecimal(string jsonExpr, string field);

    /// <summary>
    /// `CROSS JOIN {{ json_array_rows(expr, alias) }}`: one row per element of a JSON array, as a FROM item named
    /// alias with columns line_no (1 for the first element) and value (the element as JSON). It may refer to the
    /// FROM items before it (a lateral join).
    /// </summary>
    public abstract string JsonArrayRows(string jsonExpr, string alias);

    /// <summary>`{{ split_part(expr, '.', n) }}`: the n-th part (from 1) of a string split at a delimiter.</summary>
    public virtual string SplitPart(string expr, string delimiter, string n) => $"split_part({expr}, {delimiter}, {n})";

    // A field or alias argument: a bare or quoted name of letters, digits and underscores (it enters the SQL text).
    private static string JsonField(string arg)
    {
        var name = arg.Trim().Trim('\'');
        return NamePattern().IsMatch(name) ? name : throw new ProjectException($"expected a field name, got {arg}");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
