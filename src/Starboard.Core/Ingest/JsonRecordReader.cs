using System.Text;
using System.Text.Json;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>What a reader made of one input line or row: a record to validate, or why it is not one.</summary>
public readonly record struct LineRecord(RecordSpec? Spec, RawValue[]? Fields, Reason? Error)
{
    public static LineRecord Fail(string code, string message) => new(null, null, new Reason(code, message));
}

/// <summary>Reads one JSONL line into raw field values; the `type` field picks the record spec.</summary>
public static class JsonRecordReader
{
    public static LineRecord Read(ReadOnlySpan<byte> line)
    {
        var names = new List<(string Name, RawValue Value)>(16);
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read())
                return LineRecord.Fail("malformed", "empty record");
            if (reader.TokenType != JsonTokenType.StartObject)
                return LineRecord.Fail("not_an_object", $"not a JSON object (found {reader.TokenType})");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                names.Add((name, ReadValue(ref reader, line)));
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return LineRecord.Fail("malformed", "malformed JSON: object does not end");
            if (reader.Read())
                return LineRecord.Fail("malformed", "malformed JSON: text after the object");
        }
        catch (JsonException e)
        {
            return LineRecord.Fail("malformed", "malformed JSON: " + FirstSentence(e.Message));
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader refuses invalid UTF-8 inside strings this way.
            return LineRecord.Fail("invalid_utf8", "invalid UTF-8: " + FirstSentence(e.Message));
        }
        return Bind(names);
    }

    internal static LineRecord Bind(List<(string Name, RawValue Value)> fields)
    {
        var typeField = fields.FindIndex(f => f.Name == "type");
        if (typeField < 0)
            return LineRecord.Fail("type.missing", "missing required field 'type'");
        var type = fields[typeField].Value;
        if (type.Kind != RawKind.String)
            return LineRecord.Fail("type.wrong_type", "type: expected text");
        var spec = InputContract.Find(type.Text!);
        if (spec is null)
            return LineRecord.Fail("type.unknown", $"type: unknown record type '{RecordValidator.Clip(type.Text!)}'");
        var values = new RawValue[spec.Fields.Count];
        foreach (var (name, value) in fields)
        {
            var i = spec.IndexOf(name);
            if (i >= 0) values[i] = value;
        }
        return new LineRecord(spec, values, null);
    }

    private static RawValue ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new RawValue(RawKind.String, reader.GetString());
            case JsonTokenType.Number:
                return new RawValue(RawKind.Number, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return new RawValue(RawKind.Bool, "true");
            case JsonTokenType.False:
                return new RawValue(RawKind.Bool, "false");
            case JsonTokenType.Null:
                return new RawValue(RawKind.Null, null);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var kind = reader.TokenType == JsonTokenType.StartObject ? RawKind.Object : RawKind.Array;
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                return new RawValue(kind, Encoding.UTF8.GetString(line[start..end]));
            default:
                throw new JsonException($"unexpected {reader.TokenType}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
