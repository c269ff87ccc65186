using System.Text;

namespace Starboard.Core.Generate;

/// <summary>
/// Makes one dirty line of a given kind from a clean template record: a fresh id, then exactly one broken rule,
/// rendered for both JSONL and CSV. Starting from real records keeps dirty lines plausible (the rest of the
/// line is valid), which is what an ingester meets in practice.
/// </summary>
internal sealed class DirtyRecordFactory(RandomStream random)
{
    // An ASCII marker replaced by invalid UTF-8 bytes after encoding (the encoders only emit valid UTF-8).
    private const string Utf8Marker = "~~BAD-UTF8~~";
    private static readonly byte[] Utf8MarkerBytes = Encoding.ASCII.GetBytes(Utf8Marker);
    private static readonly byte[][] InvalidUtf8 = [[0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]];

    private static readonly string[] UnknownTypes = ["pageview", "track", "identify", "purchase_v2", "evnt", "screen"];
    private static readonly string[] NotANumber = ["abc", "N/A", "ten", "12.5.0"];
    private static readonly string[] UnknownCurrencies = ["XYZ", "ABC", "BTC", "EURO", "US$", "RMB"];
    private static readonly string[] BadTimestamps =
        ["yesterday", "2026-13-45T25:61:00Z", "2026-02-30T10:00:00Z", "not a date", "2026-03-05 14:22:31 PM"];
    private static readonly string[] BadDates = ["2026-02-30", "2026-13-01", "someday", "20261301T"];
    private static readonly string[] CsvGarbage =
        ["<html><body>502 Bad Gateway</body></html>", "-- end of export --", "#N/A", "ERROR: connection reset by peer"];

    private readonly JsonLineEncoder _json = new();
    private readonly CsvLineEncoder _csv = new();
    private long _nextId;

    /// <summary>Whether a template of this schema can carry a defect of this kind.</summary>
    public static bool Fits(DirtyKind kind, RecordSchema schema) => kind switch
    {
        DirtyKind.UnknownType => schema == RecordSchema.Event,
        DirtyKind.WrongType => schema.Money is not null || schema.Time is not null,
        DirtyKind.NegativeAmount => schema.Money is not null,
        DirtyKind.UnknownCurrency => schema.Currency is not null,
        DirtyKind.UnparseableTimestamp or DirtyKind.TimestampBefore2000 or DirtyKind.TimestampInFuture => schema.Time is not null,
        DirtyKind.BadEnum => schema.Enums.Count > 0,
        _ => true,
    };

    public DirtyRecord Create(DirtyKind kind, object template)
    {
        var bag = FieldBag.Of(template);
        var schema = bag.Schema;
        if (schema.Key is not null)
            bag.Set(schema.Key, FieldKind.Text, $"{schema.FreshIdPrefix}{++_nextId}");

        switch (kind)
        {
            case DirtyKind.Truncated:
                return Truncated(bag);
            case DirtyKind.NotAnObject:
                return NotAnObject(bag);
            case DirtyKind.UnknownType:
                bag.TypeName = random.Pick(UnknownTypes);
                break;
            case DirtyKind.MissingRequiredField:
                var required = schema.Fields.Where(f => f.Required).ToArray();
                var missing = random.Pick(required);
                bag.Set(missing, missing.Kind, null);
                break;
            case DirtyKind.WrongType:
                if (schema.Money is not null && (schema.Time is null || random.Chance(0.6)))
                    bag.Set(schema.Money, FieldKind.Text, random.Pick(NotANumber));
                else
                    bag.Set(schema.Time!, FieldKind.Integer, 12345L);
                break;
            case DirtyKind.NegativeAmount:
                decimal amount = bag[schema.Money!] is decimal d && d > 0 ? d : 9.99m;
                bag.Set(schema.Money!, FieldKind.Decimal, -amount);
                break;
            case DirtyKind.UnknownCurrency:
                bag.Set(schema.Currency!, FieldKind.Text, random.Pick(UnknownCurrencies));
                break;
            case DirtyKind.UnparseableTimestamp:
                bag.Set(schema.Time!, FieldKind.Text, random.Pick(schema.Time!.Kind == FieldKind.Date ? BadDates : BadTimestamps));
                break;
            case DirtyKind.TimestampBefore2000:
                var past = new DateTime(random.NextInt(1970, 2000), random.NextInt(1, 13), random.NextInt(1, 29),
                    random.NextInt(24), random.NextInt(60), random.NextInt(60), DateTimeKind.Utc);
                SetTime(bag, past);
                break;
            case DirtyKind.TimestampInFuture:
                // Decades ahead, so the line stays invalid whenever the files are ingested.
                var future = new DateTime(random.NextInt(2090, 2200), random.NextInt(1, 13), random.NextInt(1, 29),
                    random.NextInt(24), random.NextInt(60), random.NextInt(60), DateTimeKind.Utc);
                SetTime(bag, future);
                break;
            case DirtyKind.BadEnum:
                var field = random.Pick(schema.Enums);
                bag.Set(field, FieldKind.Text, random.Pick(field.BadEnumValues!));
                break;
            case DirtyKind.InvalidUtf8:
                var text = schema.Fields.Where(f => f.Required && f.Kind == FieldKind.Text).ToArray();
                var target = random.Pick(text);
                bag.Set(target, FieldKind.Text, (bag[target] as string ?? "") + Utf8Marker);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        var (json, csv) = Render(bag);
        if (kind == DirtyKind.InvalidUtf8)
        {
            var bytes = InvalidUtf8[random.NextInt(InvalidUtf8.Length)];
            json = ReplaceMarker(json, bytes);
            csv = ReplaceMarker(csv, bytes);
        }
        return new DirtyRecord(kind == DirtyKind.UnknownType ? RecordSchema.Event.Type : schema.Type, kind, json, csv);
    }

    private static void SetTime(FieldBag bag, DateTime value)
    {
        var time = bag.Schema.Time!;
        if (time.Kind == FieldKind.Date)
            bag.Set(time, FieldKind.Date, DateOnly.FromDateTime(value));
        else
            bag.Set(time, FieldKind.Timestamp, value);
    }

    private DirtyRecord Truncated(FieldBag bag)
    {
        var (json, csv) = Render(bag);
        // Any proper prefix of a JSON object is invalid JSON; keep at least a quarter so the line looks real.
        int jsonCut = random.NextInt(json.Length / 4, json.Length - 1);
        // CSV: drop the trailing cells at a separator, which gives a row with too few columns.
        var separators = CellSeparators(csv);
        int csvCut = separators[random.NextInt(1, separators.Count)];
        return new DirtyRecord(bag.Schema.Type, DirtyKind.Truncated, json[..jsonCut], csv[..csvCut]);
    }

    private DirtyRecord NotAnObject(FieldBag bag)
    {
        string key = bag.Schema.Key is { } k ? (string)bag[k]! : "x";
        string json = random.NextInt(5) switch
        {
            0 => $"[\"{bag.Schema.Type}\",\"{key}\"]",
            1 => $"\"{bag.Schema.Type}\"",
            2 => "42",
            3 => "null",
            _ => "[]",
        };
        string csv = random.Pick(CsvGarbage);
        return new DirtyRecord(bag.Schema.Type, DirtyKind.NotAnObject, Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(csv));
    }

    private (byte[] Json, byte[] Csv) Render(FieldBag bag)
    {
        bag.ReplayTo(_json);
        var json = _json.Line.ToArray();
        bag.ReplayTo(_csv);
        return (json, _csv.Line.ToArray());
    }

    private static List<int> CellSeparators(byte[] csv)
    {
        var positions = new List<int>();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            if (csv[i] == (byte)'"')
                quoted = !quoted;
            else if (csv[i] == (byte)',' && !quoted)
                positions.Add(i);
        }
        return positions;
    }

    private static byte[] ReplaceMarker(byte[] line, byte[] replacement)
    {
        int at = line.AsSpan().IndexOf(Utf8MarkerBytes);
        if (at < 0)
            throw new InvalidOperationException("invalid UTF-8 marker lost in encoding");
        return [.. line[..at], .. replacement, .. line[(at + Utf8MarkerBytes.Length)..]];
    }
}
