using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using static Starboard.Tests.Generate.SpecContract;

namespace Starboard.Tests.Generate;

/// <summary>
/// A reference reading of SPEC section 3 for one line of text: every reason the line is invalid (required
/// fields, types, enums, ranges, ISO codes, UTF-8). Clean generated lines must give none, dirty lines at least one.
/// </summary>
internal sealed class SpecLineValidator(DateOnly endDate)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"];

    private readonly DateTimeOffset _earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DateTimeOffset _latest = new(endDate.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public List<string> ValidateJson(ReadOnlySpan<byte> line)
    {
        var reasons = new List<string>();
        try
        {
            StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            reasons.Add("invalid UTF-8");
            return reasons;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            reasons.Add("not JSON");
            return reasons;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reasons.Add("not an object");
                return reasons;
            }
            var properties = root.EnumerateObject().ToList();
            if (properties.Count == 0 || properties[0].Name != "type" || properties[0].Value.ValueKind != JsonValueKind.String)
            {
                reasons.Add("type is not the first field");
                return reasons;
            }
            string type = properties[0].Value.GetString()!;
            if (!Types.ContainsKey(type))
            {
                reasons.Add($"unknown type {type}");
                return reasons;
            }
            var fields = WithProperties(type).ToDictionary(f => f.Name);
            foreach (var property in properties.Skip(1))
            {
                if (!fields.TryGetValue(property.Name, out var field))
                    reasons.Add($"unknown field {property.Name}");
                else if (property.Value.ValueKind == JsonValueKind.Null)
                    reasons.Add($"{property.Name} is null (optional fields are omitted)");
                else
                    CheckJson(field, property.Value, reasons);
            }
            foreach (var field in fields.Values.Where(f => f.Required && !root.TryGetProperty(f.Name, out _)))
                reasons.Add($"missing {field.Name}");
        }
        return reasons;
    }

    /// <summary>Reads a whole CSV file with CsvHelper and returns each data row's raw text and reasons.</summary>
    public List<(string Raw, List<string> Reasons)> ValidateCsvFile(string path, out string[] header)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false)); // lenient: bad bytes become U+FFFD
        return ValidateCsv(reader, null, out header);
    }

    /// <summary>One CSV line read under the header of the file it belongs to.</summary>
    public List<string> ValidateCsvLine(string[] header, byte[] line)
    {
        using var reader = new StringReader(new UTF8Encoding(false).GetString(line) + "\n");
        var rows = ValidateCsv(reader, header, out _);
        rows.Count.ShouldBe(1);
        return rows[0].Reasons;
    }

    private List<(string Raw, List<string> Reasons)> ValidateCsv(TextReader reader, string[]? knownHeader, out string[] header)
    {
        var rows = new List<(string, List<string>)>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var parser = new CsvParser(reader, config);
        if (knownHeader is null)
        {
            parser.Read().ShouldBeTrue("the file has a header");
            knownHeader = parser.Record!;
        }
        header = knownHeader;
        header[0].ShouldBe("type");
        while (parser.Read())
            rows.Add((parser.RawRecord.TrimEnd('\n'), ValidateCsvRow(header, parser.Record!, parser.RawRecord)));
        return rows;
    }

    private List<string> ValidateCsvRow(string[] header, string[] cells, string raw)
    {
        var reasons = new List<string>();
        if (raw.Contains('\uFFFD'))
            reasons.Add("invalid UTF-8");
        if (cells.Length != header.Length)
        {
            reasons.Add($"{cells.Length} cells for {header.Length} columns");
            return reasons;
        }
        if (!Types.ContainsKey(cells[0]))
        {
            reasons.Add($"unknown type {cells[0]}");
            return reasons;
        }
        var fields = WithProperties(cells[0]).ToDictionary(f => f.Name);
        for (int i = 1; i < header.Length; i++)
        {
            if (!fields.TryGetValue(header[i], out var field))
                reasons.Add($"unknown column {header[i]}");
            else if (cells[i].Length == 0)
            {
                if (field.Required)
                    reasons.Add($"missing {field.Name}");
            }
            else
                CheckText(field, cells[i], reasons);
        }
        return reasons;
    }

    private void CheckJson(Field field, JsonElement value, List<string> reasons)
    {
        switch (field.Kind)
        {
            case Kind.Decimal or Kind.Integer when value.ValueKind != JsonValueKind.Number:
                reasons.Add($"{field.Name} is not a number");
                return;
            case Kind.Decimal or Kind.Integer:
                CheckText(field, value.GetRawText(), reasons);
                return;
            case Kind.Object when value.ValueKind != JsonValueKind.Object:
                reasons.Add($"{field.Name} is not an object");
                return;
            case Kind.Items:
                CheckItems(value, reasons);
                return;
            case Kind.Object:
                return;
            default:
                if (value.ValueKind != JsonValueKind.String)
                    reasons.Add($"{field.Name} is not a string");
                else
                    CheckText(field, value.GetString()!, reasons);
                return;
        }
    }

    private void CheckText(Field field, string text, List<string> reasons)
    {
        switch (field.Kind)
        {
            case Kind.Timestamp:
                if (!DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal, out var ts))
                    reasons.Add($"{field.Name} '{text}' is not an ISO-8601 timestamp");
                else if (ts < _earliest || ts >= _latest)
                    reasons.Add($"{field.Name} {text} out of range");
                return;
            case Kind.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    reasons.Add($"{field.Name} '{text}' is not a date");
                else if (date.Year < 2000 || date > DateOnly.FromDateTime(_latest.UtcDateTime))
                    reasons.Add($"{field.Name} {text} out of range");
                return;
            case Kind.Decimal:
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                        CultureInfo.InvariantCulture, out var number))
                    reasons.Add($"{field.Name} '{text}' is not a number");
                else if (number < 0 || (field.Name == "rate" && number == 0))
                    reasons.Add($"{field.Name} {text} is negative");
                return;
            case Kind.Integer:
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    reasons.Add($"{field.Name} '{text}' is not a non-negative integer");
                return;
            case Kind.Object or Kind.Items:
                try
                {
                    using var json = JsonDocument.Parse(text);
                    CheckJson(field, json.RootElement, reasons);
                }
                catch (JsonException)
                {
                    reasons.Add($"{field.Name} is not JSON");
                }
                return;
            default:
                if (field.Required && string.IsNullOrWhiteSpace(text))
                    reasons.Add($"missing {field.Name}");
                if (field.Enum is { } allowed && !allowed.Contains(text))
                    reasons.Add($"{field.Name} '{text}' not in enum");
                if (field.Currency && !IsoCurrencies.Contains(text))
                    reasons.Add($"{field.Name} '{text}' is not ISO 4217");
                if (field.Name == "country" && !IsoCountries.Contains(text))
                    reasons.Add($"country '{text}' is not ISO 3166-1 alpha-2");
                return;
        }
    }

    private static void CheckItems(JsonElement value, List<string> reasons)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            reasons.Add("items is not an array");
            return;
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("sku", out var sku) || sku.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("quantity", out var quantity) || !quantity.TryGetInt32(out int q) || q <= 0
                || !item.TryGetProperty("unit_price", out var price) || !price.TryGetDecimal(out decimal p) || p < 0)
                reasons.Add("item is not {sku, quantity > 0, unit_price >= 0}");
        }
    }
}
