using System.Globalization;
using System.Text.RegularExpressions;

namespace Starboard.Core.Schema;

public enum TypeKind { BigInt, Int, SmallInt, Bool, Double, Decimal, Text, VarChar, Date, Timestamp, Json }

/// <summary>A portable column type; each dialect renders it (`SqlDialect.TypeName`).</summary>
public sealed partial record ColumnType(TypeKind Kind, int Precision = 0, int Scale = 0, int Length = 0)
{
    public static ColumnType Parse(string text)
    {
        var m = TypePattern().Match(text.Trim().ToLowerInvariant());
        if (!m.Success)
            throw new ProjectException($"unknown column type '{text}'");
        var args = m.Groups["args"].Success
            ? m.Groups["args"].Value.Split(',').Select(a => int.Parse(a.Trim(), CultureInfo.InvariantCulture)).ToArray()
            : [];
        return m.Groups["name"].Value switch
        {
            "bigint" => new(TypeKind.BigInt),
            "int" or "integer" => new(TypeKind.Int),
            "smallint" => new(TypeKind.SmallInt),
            "bool" or "boolean" => new(TypeKind.Bool),
            "double" => new(TypeKind.Double),
            "decimal" when args.Length == 2 => new(TypeKind.Decimal, args[0], args[1]),
            "text" => new(TypeKind.Text),
            "varchar" when args.Length == 1 => new(TypeKind.VarChar, Length: args[0]),
            "date" => new(TypeKind.Date),
            "timestamp" => new(TypeKind.Timestamp),
            "json" => new(TypeKind.Json),
            _ => throw new ProjectException($"unknown column type '{text}'"),
        };
    }

    public override string ToString() => Kind switch
    {
        TypeKind.Decimal => $"decimal({Precision},{Scale})",
        TypeKind.VarChar => $"varchar({Length})",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"^(?<name>[a-z]+)(\((?<args>[0-9 ,]+)\))?$")]
    private static partial Regex TypePattern();
}
