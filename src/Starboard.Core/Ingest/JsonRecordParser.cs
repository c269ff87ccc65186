using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Starboard.Core.Ingest;

/// <summary>
/// Reads one JSON object (a JSONL line, an element of a posted batch) into a <see cref="RawRecord"/>, straight
/// from UTF-8: values stay where they are in the line unless JSON escapes must be decoded. The `type` field picks
/// the record type wherever it is in the object. Most records take the flat scan (<see cref="TryScan"/>); anything
/// it does not vouch for is read again by <see cref="Utf8JsonReader"/>, which also words every error.
/// </summary>
public sealed partial class JsonRecordParser
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private Property[] _properties = new Property[32];

    /// <summary>Whether lines may take the flat scan (off only to compare it with the full reader).</summary>
    internal bool FlatScan { get; init; } = true;

    /// <summary>Parses <see cref="RawRecord.Text"/>; on failure sets <see cref="RawRecord.Error"/>.</summary>
    public void Parse(RawRecord record)
    {
        var line = record.Text.Span;
        if (!Utf8.IsValid(line))
        {
            record.Fail("invalid_utf8", $"invalid UTF-8 at byte {InvalidAt(line) + 1}");
            return;
        }
        if (FlatScan && TryScan(record, out var count, out var typeAt, out var bound))
        {
            record.ParsedFromJson = true;
            if (!bound)
                Bind(record, count, typeAt);
            return;
        }
        record.Restart();
        ReadFully(record, line, out count, out typeAt);
        if (record.Error is null)
        {
            record.ParsedFromJson = true;
            Bind(record, count, typeAt);
        }
    }

    /// <summary>The whole record through <see cref="Utf8JsonReader"/> (escapes, errors); sets the record's error on failure.</summary>
    internal void ReadFully(RawRecord record, ReadOnlySpan<byte> line, out int count, out int typeAt)
    {
        count = 0;
        typeAt = -1;
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read())
            {
                record.Fail("malformed", "empty record");
                return;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                record.Fail("not_an_object", $"not a JSON object (found {Describe(reader.TokenType)})");
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (count == _properties.Length)
                    Array.Resize(ref _properties, count * 2);
                ref var p = ref _properties[count];
                p.Name = Slice(ref reader, record, out p.NameScratch);
                reader.Read();
                ReadValue(ref reader, record, ref p);
                if (!p.NameScratch && line.Slice(p.Name.Start, p.Name.Length).SequenceEqual("type"u8) || p.NameScratch && Name(record, p).SequenceEqual("type"u8))
                {
                    if (typeAt >= 0)
                    {
                        record.Fail("type.repeated", "type: given more than once");
                        return;
                    }
                    typeAt = count;
                }
                count++;
            }
            if (reader.TokenType != JsonTokenType.EndObject)
            {
                record.Fail("malformed", "malformed JSON: the object does not end");
                return;
            }
            if (reader.Read())
            {
                record.Fail("malformed", "malformed JSON: text after the object");
                return;
            }
        }
        catch (JsonException e)
        {
            record.Fail("malformed", "malformed JSON: " + FirstSentence(e.Message));
            return;
        }
        catch (InvalidOperationException e)
        {
            // Escapes that decode to invalid UTF-16 (a lone surrogate) surface this way.
            record.Fail("malformed", "malformed JSON: " + FirstSentence(e.Message));
            return;
        }
    }

    private void Bind(RawRecord record, int count, int typeAt)
    {
        if (typeAt < 0)
        {
            record.Fail("type.missing", "missing required field 'type'");
            return;
        }
        ref var type = ref _properties[typeAt];
        if (type.Kind != RawKind.String)
        {
            record.Fail("type.wrong_type", $"type: expected text, got {Describe(type.Kind)}");
            return;
        }
        var typeName = Value(record, type);
        var index = SpecIndex.Find(typeName);
        if (index is null)
        {
            var given = Encoding.UTF8.GetString(typeName);
            record.SetGivenType(given);
            record.Fail("type.unknown", $"type: unknown record type '{RecordValidator.Clip(given)}'");
            return;
        }
        record.SetSpec(index);
        var hint = 0;
        for (var i = 0; i < count; i++)
        {
            if (i == typeAt)
                continue;
            ref var p = ref _properties[i];
            var field = index.IndexOf(Name(record, p), ref hint);
            if (field < 0)
                continue; // fields outside the contract are ignored, as free extras
            if (p.ValueScratch)
                record.SetScratch(field, p.Kind, p.Value.Length, p.Value.Start);
            else
                record.Set(field, p.Kind, p.Value.Start, p.Value.Length);
        }
    }

    private static ReadOnlySpan<byte> Name(RawRecord record, in Property p) => Bytes(record, p.Name, p.NameScratch);

    private static ReadOnlySpan<byte> Value(RawRecord record, in Property p) => Bytes(record, p.Value, p.ValueScratch);

    private static ReadOnlySpan<byte> Bytes(RawRecord record, Range range, bool scratch) =>
        scratch ? record.ScratchAt(range.Start, range.Length) : record.Text.Span.Slice(range.Start, range.Length);

    /// <summary>The current string token's bytes: in place when unescaped, else decoded into scratch.</summary>
    private static Range Slice(ref Utf8JsonReader reader, RawRecord record, out bool scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            scratch = false;
            return new Range((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        }
        var room = record.Scratch(reader.ValueSpan.Length, out var start);
        var written = reader.CopyString(room);
        record.Commit(written);
        scratch = true;
        return new Range(start, written);
    }

    private static void ReadValue(ref Utf8JsonReader reader, RawRecord record, ref Property p)
    {
        p.ValueScratch = false;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                p.Kind = RawKind.String;
                p.Value = Slice(ref reader, record, out p.ValueScratch);
                break;
            case JsonTokenType.Number:
                p.Kind = RawKind.Number;
                p.Value = new Range((int)reader.TokenStartIndex, reader.ValueSpan.Length);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                p.Kind = RawKind.Bool;
                p.Value = new Range((int)reader.TokenStartIndex, reader.ValueSpan.Length);
                break;
            case JsonTokenType.Null:
                p.Kind = RawKind.Null;
                p.Value = default;
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                p.Kind = reader.TokenType == JsonTokenType.StartObject ? RawKind.Object : RawKind.Array;
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                p.Value = new Range(start, (int)reader.BytesConsumed - start);
                break;
            default:
                throw new JsonException($"unexpected {reader.TokenType}");
        }
    }

    private static int InvalidAt(ReadOnlySpan<byte> line)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Min(line.Length, 1 << 16));
        try
        {
            var offset = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(line[offset..], chars, out var read, out _, replaceInvalidSequences: false);
                offset += read;
                if (status != OperationStatus.DestinationTooSmall)
                    return offset;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    internal static string Describe(RawKind kind) => kind switch
    {
        RawKind.Object => "an object",
        RawKind.Array => "an array",
        RawKind.Number => "a number",
        RawKind.Bool => "a boolean",
        RawKind.Null => "null",
        _ => "text",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message.TrimEnd('.');
        return text.Replace(" LineNumber: 0 |", "", StringComparison.Ordinal);
    }

    private struct Property
    {
        public Range Name;
        public bool NameScratch;
        public RawKind Kind;
        public Range Value;
        public bool ValueScratch;
    }

    private readonly record struct Range(int Start, int Length);
}
