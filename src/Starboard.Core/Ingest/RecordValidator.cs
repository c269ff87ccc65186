using System.Globalization;
using System.Text;
using System.Text.Json;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>Where a validator puts a record's typed values (field index of the record type, then the value).</summary>
public interface IRowSink
{
    void Null(int field);
    void Text(int field, ReadOnlySpan<byte> utf8);
    void Timestamp(int field, DateTime utc);
    void Date(int field, DateOnly date);
    void Decimal(int field, decimal value);
    void Integer(int field, long value);

    /// <summary>A timestamp of the record had no offset, so UTC was assumed.</summary>
    void AssumedUtc();
}

/// <summary>
/// The rules of SPEC section 3 for one record: required fields, kinds, enums, ISO codes, ranges (no negative
/// amounts, nothing before 2000 or more than a day ahead), line items, and rules between fields. Every failing
/// rule adds a reason, so a rejected record says everything that is wrong with it at once. Works on the raw
/// UTF-8 values and writes typed values to a sink, so a valid record costs no allocation.
/// </summary>
public sealed class RecordValidator(TimeProvider clock)
{
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
    private static readonly decimal Limit = 1_000_000_000_000m;

    private DateTime _latest;
    private int _sinceClock;

    /// <summary>Validates <paramref name="record"/> (which must have a type); returns whether it is valid.</summary>
    public bool Validate(RawRecord record, IRowSink sink, List<Reason> reasons)
    {
        var index = record.Index ?? throw new InvalidOperationException("the record has no type");
        var fields = index.Fields;
        var latest = Latest();
        var before = reasons.Count;
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            if ((record.Repeated & (1UL << i)) != 0)
                reasons.Add(new($"{f.Name}.repeated", $"{f.Name}: given more than once"));
            var kind = record.Kind(i);
            var value = record.Value(i);
            if (kind is RawKind.Missing or RawKind.Null || (kind == RawKind.String && value.Length == 0))
            {
                if (f.Required)
                    reasons.Add(new($"{f.Name}.missing", $"missing required field '{f.Name}'"));
                sink.Null(i);
                continue;
            }
            Convert(f, i, kind, value, record.MayHoldNul(i), index, sink, reasons, latest);
        }
        foreach (var (rule, field, other) in index.Rules)
            CheckRule(rule, record, field, other, reasons);
        return reasons.Count == before;
    }

    /// <summary>
    /// The latest timestamp allowed, a day ahead of now; the clock is read every thousand records, not for each (a
    /// system call that cost more than parsing the timestamps it bounds).
    /// </summary>
    private DateTime Latest()
    {
        if (_sinceClock-- <= 0)
        {
            _latest = clock.GetUtcNow().UtcDateTime.AddDays(1);
            _sinceClock = 1024;
        }
        return _latest;
    }

    private static void Convert(
        FieldSpec f, int i, RawKind kind, ReadOnlySpan<byte> value, bool mayHoldNul, SpecIndex index, IRowSink sink, List<Reason> reasons, DateTime latest)
    {
        switch (f.Kind)
        {
            case FieldKind.Text:
                if (kind is RawKind.Object or RawKind.Array or RawKind.Bool)
                    Fail(reasons, f, "wrong_type", $"expected text, got {JsonRecordParser.Describe(kind)}");
                else if (value.Length > f.MaxLength && Encoding.UTF8.GetCharCount(value) > f.MaxLength)
                    Fail(reasons, f, "too_long", $"longer than {f.MaxLength} characters");
                else if (mayHoldNul && value.Contains((byte)0))
                    Fail(reasons, f, "control_character", "contains a NUL character");
                else if (index.Allowed[i] is { } allowed && !Contains(allowed, value))
                    Fail(reasons, f, "not_allowed", $"'{Clip(value)}' is not one of {string.Join(", ", f.Allowed!)}");
                else if (f.Rule == FieldRule.Currency && !SpecIndex.IsCurrency(value))
                    Fail(reasons, f, "unknown_currency", $"'{Clip(value)}' is not an ISO 4217 currency code");
                else if (f.Rule == FieldRule.Country && !SpecIndex.IsCountry(value))
                    Fail(reasons, f, "unknown_country", $"'{Clip(value)}' is not an ISO 3166-1 alpha-2 country code");
                else
                {
                    sink.Text(i, value);
                    return;
                }
                break;

            case FieldKind.Timestamp:
                if (kind != RawKind.String || !Iso8601.TryParseTimestamp(value, out var ts, out var hadOffset))
                    Fail(reasons, f, "bad_timestamp", $"'{Clip(value)}' is not an ISO-8601 timestamp");
                else if (ts < Earliest)
                    Fail(reasons, f, "too_old", $"{Clip(value)} is before 2000");
                else if (ts > latest)
                    Fail(reasons, f, "in_future", $"{Clip(value)} is more than a day in the future");
                else
                {
                    if (!hadOffset)
                        sink.AssumedUtc();
                    sink.Timestamp(i, ts);
                    return;
                }
                break;

            case FieldKind.Date:
                if (kind != RawKind.String || !Iso8601.TryParseDate(value, out var date))
                    Fail(reasons, f, "bad_date", $"'{Clip(value)}' is not a date (YYYY-MM-DD)");
                else if (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < Earliest)
                    Fail(reasons, f, "too_old", $"{Clip(value)} is before 2000");
                else if (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) > latest)
                    Fail(reasons, f, "in_future", $"{Clip(value)} is more than a day in the future");
                else
                {
                    sink.Date(i, date);
                    return;
                }
                break;

            case FieldKind.Decimal:
                if (CheckDecimal(f.Name, f.Rule == FieldRule.NonNegative, f.Scale, kind, value, reasons, out var number))
                {
                    sink.Decimal(i, number);
                    return;
                }
                break;

            case FieldKind.Integer:
                if (kind is not (RawKind.Number or RawKind.String) || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    Fail(reasons, f, "not_an_integer", $"'{Clip(value)}' is not an integer");
                else if (f.Rule == FieldRule.NonNegative && integer < 0)
                    Fail(reasons, f, "negative", $"{integer} is negative");
                else
                {
                    sink.Integer(i, integer);
                    return;
                }
                break;

            case FieldKind.Object or FieldKind.Items:
                var wanted = f.Kind == FieldKind.Object ? RawKind.Object : RawKind.Array;
                // CSV cells (and JSON strings) may carry the object or list as JSON text.
                var given = kind == RawKind.String ? JsonKind(value) : kind;
                if (given != wanted)
                    Fail(reasons, f, "wrong_type", kind == RawKind.String
                        ? $"expected {JsonRecordParser.Describe(wanted)} (as JSON text)"
                        : $"expected {JsonRecordParser.Describe(wanted)}, got {JsonRecordParser.Describe(kind)}");
                else if (value.Length > f.MaxLength)
                    Fail(reasons, f, "too_long", $"longer than {f.MaxLength} bytes");
                else if (f.Kind == FieldKind.Items && !LineItems.Check(value, reasons))
                    break;
                else
                {
                    sink.Text(i, value);
                    return;
                }
                break;

            default:
                throw new System.Diagnostics.UnreachableException();
        }
        sink.Null(i);
    }

    /// <summary>Number rules shared by money fields and line items: a decimal, in range, not too precise, maybe not negative.</summary>
    internal static bool CheckDecimal(string name, bool nonNegative, int scale, RawKind kind, ReadOnlySpan<byte> value, List<Reason> reasons, out decimal number)
    {
        number = 0;
        if (kind is not (RawKind.Number or RawKind.String) || !decimal.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out number))
            reasons.Add(new($"{name}.not_a_number", $"{name}: '{Clip(value)}' is not a number"));
        else if (nonNegative && number < 0)
            reasons.Add(new($"{name}.negative", $"{name}: {Clip(value)} is negative"));
        else if (Math.Abs(number) >= Limit)
            reasons.Add(new($"{name}.out_of_range", $"{name}: {Clip(value)} is out of range"));
        else if (number.Scale > scale && decimal.Round(number, scale) != number)
            reasons.Add(new($"{name}.too_precise", $"{name}: {Clip(value)} has more than {scale} decimal places"));
        else
            return true;
        return false;
    }

    private static void CheckRule(FieldPairRule rule, RawRecord record, int field, int other, List<Reason> reasons)
    {
        var given = Present(record, field);
        var otherGiven = Present(record, other);
        switch (rule)
        {
            case NotBefore when given && otherGiven:
                if (Iso8601.TryParseTimestamp(record.Value(field), out var end, out _) && Iso8601.TryParseTimestamp(record.Value(other), out var start, out _) && end < start)
                    reasons.Add(new($"{rule.Field}.before_{rule.Other}", $"{rule.Field}: {Clip(record.Value(field))} is before {rule.Other} ({Clip(record.Value(other))})"));
                break;
            case RequiredWith when !given && otherGiven:
                reasons.Add(new($"{rule.Field}.missing", $"missing field '{rule.Field}', required when '{rule.Other}' is given"));
                break;
        }
    }

    private static bool Present(RawRecord record, int field) =>
        record.Kind(field) is not (RawKind.Missing or RawKind.Null) && record.Value(field).Length > 0;

    private static bool Contains(byte[]?[] allowed, ReadOnlySpan<byte> value)
    {
        foreach (var a in allowed)
            if (value.SequenceEqual(a))
                return true;
        return false;
    }

    private static RawKind JsonKind(ReadOnlySpan<byte> text)
    {
        try
        {
            var reader = new Utf8JsonReader(text);
            if (!reader.Read())
                return RawKind.String;
            var kind = reader.TokenType switch
            {
                JsonTokenType.StartObject => RawKind.Object,
                JsonTokenType.StartArray => RawKind.Array,
                _ => RawKind.String,
            };
            reader.Skip();
            return reader.Read() ? RawKind.String : kind;
        }
        catch (JsonException)
        {
            return RawKind.String;
        }
    }

    private static void Fail(List<Reason> reasons, FieldSpec f, string code, string message) =>
        reasons.Add(new Reason($"{f.Name}.{code}", $"{f.Name}: {message}"));

    /// <summary>Keeps reasons one short line even when the offending value is a megabyte.</summary>
    internal static string Clip(string text)
    {
        var clipped = text.Length <= 60 ? text : text[..60] + "…";
        return clipped.Contains('\0', StringComparison.Ordinal) ? clipped.Replace('\0', '\uFFFD') : clipped;
    }

    internal static string Clip(ReadOnlySpan<byte> utf8) => Clip(Encoding.UTF8.GetString(utf8.Length <= 240 ? utf8 : utf8[..240]));
}
