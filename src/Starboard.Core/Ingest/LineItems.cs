using System.Globalization;
using System.Text.Json;

namespace Starboard.Core.Ingest;

/// <summary>
/// The rules for an order's `items`: a list of objects, each with a `sku` (text), a `quantity` (an integer of at
/// least 1) and a `unit_price` (a non-negative decimal). One reason per broken item, up to a few, so a long list
/// of bad items still gives a short reject row.
/// </summary>
internal static class LineItems
{
    private const int MaxReasons = 5;
    private const string Code = "items.bad_item";

    /// <summary>Checks a JSON array of items; adds reasons and returns false when any item is wrong.</summary>
    public static bool Check(ReadOnlySpan<byte> json, List<Reason> reasons)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read(); // the array (the caller made sure)
        var bad = 0;
        var index = 0;
        var scratch = new List<Reason>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var problem = Item(ref reader, scratch);
            if (problem is not null)
            {
                if (bad < MaxReasons)
                    reasons.Add(new Reason(Code, $"items[{index}]: {problem}"));
                bad++;
            }
            index++;
        }
        if (bad > MaxReasons)
            reasons.Add(new Reason(Code, $"items: {bad - MaxReasons} more bad items"));
        return bad == 0;
    }

    private static string? Item(ref Utf8JsonReader reader, List<Reason> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "not an object";
        }
        bool sku = false, quantity = false, price = false;
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("sku"u8) ? 1 : reader.ValueTextEquals("quantity"u8) ? 2 : reader.ValueTextEquals("unit_price"u8) ? 3 : 0;
            reader.Read();
            var kind = reader.TokenType switch
            {
                JsonTokenType.String => RawKind.String,
                JsonTokenType.Number => RawKind.Number,
                JsonTokenType.Null => RawKind.Null,
                _ => RawKind.Object,
            };
            switch (name)
            {
                case 1:
                    sku = kind == RawKind.String && reader.ValueSpan.Length is > 0 and <= 256;
                    problem ??= sku ? null : "sku must be text of 1 to 256 characters";
                    break;
                case 2:
                    quantity = kind is RawKind.Number or RawKind.String
                        && long.TryParse(reader.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) && q >= 1;
                    problem ??= quantity ? null : "quantity must be an integer of at least 1";
                    break;
                case 3:
                    scratch.Clear();
                    price = kind is RawKind.Number or RawKind.String
                        && RecordValidator.CheckDecimal("unit_price", nonNegative: true, scale: 6, kind, reader.ValueSpan, scratch, out _);
                    problem ??= price ? null : $"unit_price must be a non-negative number ({(scratch.Count > 0 ? scratch[0].Message : "not a number")})";
                    break;
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                reader.Skip();
        }
        if (problem is not null)
            return problem;
        return !sku ? "missing sku" : !quantity ? "missing quantity" : !price ? "missing unit_price" : null;
    }
}
