using System.Text.Json;

namespace Starboard.Core.Ingest;

/// <summary>
/// The records of a posted batch: a JSON array of objects. The array itself must be well-formed (otherwise its
/// elements cannot be told apart, and the whole batch is refused); each element is then one record, numbered
/// from 1, and a bad element is rejected like a bad line.
/// </summary>
internal sealed class JsonArrayReader : IRecordReader
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly List<(int Start, int Length)> _elements;
    private readonly JsonRecordParser _parser = new();
    private int _next;

    private JsonArrayReader(ReadOnlyMemory<byte> body, List<(int Start, int Length)> elements)
    {
        _body = body;
        _elements = elements;
    }

    public int Count => _elements.Count;

    /// <summary>Splits a body into its elements, or says why it is not a JSON array.</summary>
    public static JsonArrayReader Open(ReadOnlyMemory<byte> body)
    {
        var elements = new List<(int, int)>();
        try
        {
            var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = 66 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw BatchException.NotAnArray();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add((start, (int)reader.BytesConsumed - start));
            }
            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
                throw BatchException.NotAnArray();
        }
        catch (JsonException e)
        {
            throw BatchException.Malformed(e.Message.Split(". ")[0]);
        }
        return new JsonArrayReader(body, elements);
    }

    public long Position => _next == 0 ? 0 : _elements[_next - 1].Start + _elements[_next - 1].Length;

    public long LinesConsumed => _next;

    public byte[] PrefixHash() => System.IO.Hashing.XxHash128.Hash(_body.Span[..(int)Position]);

    public bool SkipTo(long offset, long lines) => throw new NotSupportedException("a batch is loaded in one transaction");

    public bool Read(RawRecord record)
    {
        if (_next == _elements.Count)
            return false;
        var (start, length) = _elements[_next++];
        record.Reset(_body.Slice(start, length), _next);
        _parser.Parse(record);
        return true;
    }

    public void Dispose() { }
}
