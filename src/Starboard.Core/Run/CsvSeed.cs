using System.Globalization;
using CsvHelper;
using Starboard.Core.Schema;

namespace Starboard.Core.Run;

/// <summary>
/// Rows of a seed kept as CSV beside its yml (dbt's seeds): a header of column names, then one row per line, each
/// value converted to its column's type; an empty field is null.
/// </summary>
public static class CsvSeed
{
    public static IEnumerable<object?[]> Rows(TableDefinition table, string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        if (!reader.Read() || !reader.ReadHeader())
            throw new ProjectException($"seed {table.Name}.csv has no header");
        var header = reader.HeaderRecord!;
        var missing = table.Columns.Select(c => c.Name).Except(header, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new ProjectException($"seed {table.Name}.csv lacks the columns {string.Join(", ", missing)}");
        while (reader.Read())
            yield return table.Columns.Select(c => Convert(table, c, reader.GetField(c.Name), reader.Parser.Row)).ToArray();
    }

    private static object? Convert(TableDefinition table, ColumnDefinition column, string? text, int row)
    {
        if (string.IsNullOrEmpty(text))
            return column.Nullable ? null : throw new ProjectException($"seed {table.Name}.csv line {row}: {column.Name} is empty");
        var c = CultureInfo.InvariantCulture;
        return column.Type.Kind switch
        {
            TypeKind.BigInt or TypeKind.Int or TypeKind.SmallInt => long.Parse(text, c),
            TypeKind.Bool => bool.Parse(text),
            TypeKind.Double => double.Parse(text, c),
            TypeKind.Decimal => decimal.Parse(text, c),
            TypeKind.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", c),
            TypeKind.Timestamp => DateTime.Parse(text, c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            _ => text,
        };
    }
}
