using System.Globalization;
using System.Text.Json;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

public enum RawKind : byte { Missing, Null, String, Number, Bool, Object, Array }

/// <summary>One field as a reader found it: JSON token kind (CSV cells are strings) and its text.</summary>
public readonly record struct RawValue(RawKind Kind, string? Text)
{
    public static readonly RawValue Missing = new(RawKind.Missing, null);
}

/// <summary>Why a record was refused: a stable code to count by (`amount.not_a_number`) and a message for people.</summary>
public readonly record struct Reason(string Code, string Message)
{
    public override string ToString() => Message;
}

/// <summary>A record after validation: typed values in the spec's field order, or the reasons it was refused.</summary>
public sealed class ValidatedRecord(RecordSpec spec)
{
    public RecordSpec Spec { get; } = spec;
    public object?[] Values { get; } = new object?[spec.Fields.Count];
    public List<Reason> Reasons { get; } = [];
    public bool AssumedUtc { get; set; }
    public bool IsValid => Reasons.Count == 0;
}

/// <summary>
/// The rules of SPEC section 3 for one record: required fields, kinds, enums, codes, ranges. Every failing rule
/// adds a reason, so a rejected record says everything that is wrong with it at once.
/// </summary>
public sealed class RecordValidator(TimeProvider clock)
{
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public ValidatedRecord Validate(RecordSpec spec, ReadOnlySpan<RawValue> fields)
    {
        var record = new ValidatedRecord(spec);
        var latest = clock.GetUtcNow().UtcDateTime.AddDays(1);
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var f = spec.Fields[i];
            var raw = i < fields.Length ? fields[i] : RawValue.Missing;
            if (raw.Kind is RawKind.Missing or RawKind.Null || (raw.Kind == RawKind.String && raw.Text!.Length == 0 && f.Kind != FieldKind.Text))
            {
                if (f.Required) record.Reasons.Add(new($"{f.Name}.missing", $"missing required field '{f.Name}'"));
                continue;
            }
            if (f.Kind == FieldKind.Text && raw.Kind == RawKind.String && raw.Text!.Length == 0)
            {
                if (f.Required) record.Reasons.Add(new($"{f.Name}.missing", $"missing required field '{f.Name}'"));
                continue;
            }
            record.Values[i] = Convert(f, raw, record, latest);
        }
        return record;
    }

    private static object? Convert(FieldSpec f, RawValue raw, ValidatedRecord record, DateTime latest)
    {
        var text = raw.Text!;
        switch (f.Kind)
        {
            case FieldKind.Text:
                if (raw.Kind is RawKind.Object or RawKind.Array)
                    return Fail(record, $"{f.Name}.wrong_type", $"{f.Name}: expected text, got {Describe(raw.Kind)}");
                if (text.Length > f.MaxLength)
                    return Fail(record, $"{f.Name}.too_long", $"{f.Name}: longer than {f.MaxLength} characters");
                if (f.Allowed is { } allowed && !allowed.Contains(text))
                    return Fail(record, $"{f.Name}.not_allowed", $"{f.Name}: '{Clip(text)}' is not one of {string.Join(", ", allowed)}");
                if (f.Rule == FieldRule.Currency && !IsoCodes.Currencies.Contains(text))
                    return Fail(record, $"{f.Name}.unknown_currency", $"{f.Name}: '{Clip(text)}' is not an ISO 4217 currency code");
                if (f.Rule == FieldRule.Country && !IsoCodes.Countries.Contains(text))
                    return Fail(record, $"{f.Name}.unknown_country", $"{f.Name}: '{Clip(text)}' is not an ISO 3166-1 alpha-2 country code");
                return text;

            case FieldKind.Timestamp:
                if (raw.Kind != RawKind.String || !Iso8601.TryParseTimestamp(text, out var ts, out var hadOffset))
                    return Fail(record, $"{f.Name}.bad_timestamp", $"{f.Name}: '{Clip(text)}' is not an ISO-8601 timestamp");
                if (ts < Earliest)
                    return Fail(record, $"{f.Name}.too_old", $"{f.Name}: {text} is before 2000");
                if (ts > latest)
                    return Fail(record, $"{f.Name}.in_future", $"{f.Name}: {text} is more than a day in the future");
                if (!hadOffset) record.AssumedUtc = true;
                return ts;

            case FieldKind.Date:
                if (raw.Kind != RawKind.String || !Iso8601.TryParseDate(text, out var date))
                    return Fail(record, $"{f.Name}.bad_date", $"{f.Name}: '{Clip(text)}' is not a date (YYYY-MM-DD)");
                if (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < Earliest)
                    return Fail(record, $"{f.Name}.too_old", $"{f.Name}: {text} is before 2000");
                if (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) > latest)
                    return Fail(record, $"{f.Name}.in_future", $"{f.Name}: {text} is more than a day in the future");
                return date;

            case FieldKind.Decimal:
                if (raw.Kind is not (RawKind.Number or RawKind.String)
                    || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
                    return Fail(record, $"{f.Name}.not_a_number", $"{f.Name}: '{Clip(text)}' is not a number");
                if (f.Rule == FieldRule.NonNegative && number < 0)
                    return Fail(record, $"{f.Name}.negative", $"{f.Name}: {text} is negative");
                if (number.Scale > f.Scale && decimal.Round(number, f.Scale) != number)
                    return Fail(record, $"{f.Name}.too_precise", $"{f.Name}: {text} has more than {f.Scale} decimal places");
                if (Math.Abs(number) >= 1_000_000_000_000m)
                    return Fail(record, $"{f.Name}.out_of_range", $"{f.Name}: {text} is out of range");
                return number;

            case FieldKind.Integer:
                if (raw.Kind is not (RawKind.Number or RawKind.String) || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    return Fail(record, $"{f.Name}.not_an_integer", $"{f.Name}: '{Clip(text)}' is not an integer");
                if (f.Rule == FieldRule.NonNegative && integer < 0)
                    return Fail(record, $"{f.Name}.negative", $"{f.Name}: {text} is negative");
                return integer;

            case FieldKind.Object or FieldKind.Items:
                var wanted = f.Kind == FieldKind.Object ? RawKind.Object : RawKind.Array;
                if (raw.Kind == RawKind.String && !TryJson(text, wanted))
                    return Fail(record, $"{f.Name}.wrong_type", $"{f.Name}: expected {Describe(wanted)} (JSON text)");
                if (raw.Kind != RawKind.String && raw.Kind != wanted)
                    return Fail(record, $"{f.Name}.wrong_type", $"{f.Name}: expected {Describe(wanted)}, got {Describe(raw.Kind)}");
                if (text.Length > f.MaxLength)
                    return Fail(record, $"{f.Name}.too_long", $"{f.Name}: longer than {f.MaxLength} characters");
                return text;
        }
        throw new System.Diagnostics.UnreachableException();
    }

    private static object? Fail(ValidatedRecord record, string code, string message)
    {
        record.Reasons.Add(new Reason(code, message));
        return null;
    }

    private static bool TryJson(string text, RawKind wanted)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == (wanted == RawKind.Object ? JsonValueKind.Object : JsonValueKind.Array);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(RawKind kind) => kind switch
    {
        RawKind.Object => "an object",
        RawKind.Array => "an array",
        RawKind.Number => "a number",
        RawKind.Bool => "a boolean",
        _ => "text",
    };

    /// <summary>Keeps reasons one short line even when the offending value is a megabyte.</summary>
    internal static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
