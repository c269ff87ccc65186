using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Encodes one record as an RFC 4180 CSV row: `type` then every schema field in header order, empty cells for
/// nulls, properties and items as JSON text in a quoted cell. Checks that fields arrive in header order, so the
/// describer and the header cannot drift apart.
/// </summary>
internal sealed class CsvLineEncoder : ILineEncoder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new(256);
    private readonly Utf8JsonWriter _jsonWriter;
    private RecordSchema? _schema;
    private int _index;
    private int _style;

    public CsvLineEncoder()
    {
        _jsonWriter = new Utf8JsonWriter(_jsonBuffer, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    /// <summary>The last encoded row, without its line end. Valid until the next Begin.</summary>
    public ReadOnlySpan<byte> Line => _buffer.WrittenSpan;

    public static byte[] Header(RecordSchema schema) => Encoding.UTF8.GetBytes(schema.Header);

    public void Begin(RecordSchema schema, string styleKey, string? typeName = null)
    {
        _buffer.ResetWrittenCount();
        _schema = schema;
        _index = 0;
        _style = TimestampText.StyleFor(styleKey);
        WriteText(typeName ?? schema.Type);
    }

    public void Text(Field field, string? value)
    {
        NextCell(field);
        if (value is not null)
            WriteText(value);
    }

    public void Timestamp(Field field, DateTime? value)
    {
        NextCell(field);
        if (value is not null)
            _buffer.Advance(TimestampText.Format(value.Value, _style, _buffer.GetSpan(TimestampText.MaxLength)));
    }

    public void Date(Field field, DateOnly? value)
    {
        NextCell(field);
        if (value is not null)
            _buffer.Advance(TimestampText.FormatDate(value.Value, _buffer.GetSpan(10)));
    }

    public void Decimal(Field field, decimal? value)
    {
        NextCell(field);
        if (value is null)
            return;
        var span = _buffer.GetSpan(32);
        value.Value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _buffer.Advance(written);
    }

    public void Integer(Field field, long? value)
    {
        NextCell(field);
        if (value is null)
            return;
        var span = _buffer.GetSpan(24);
        value.Value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _buffer.Advance(written);
    }

    public void Json(Field field, string? rawJson)
    {
        NextCell(field);
        if (rawJson is not null)
            WriteQuoted(Encoding.UTF8.GetBytes(rawJson));
    }

    public void Items(Field field, IReadOnlyList<OrderItem>? items)
    {
        NextCell(field);
        if (items is null)
            return;
        _jsonBuffer.ResetWrittenCount();
        _jsonWriter.Reset(_jsonBuffer);
        JsonLineEncoder.WriteItems(_jsonWriter, items);
        _jsonWriter.Flush();
        WriteQuoted(_jsonBuffer.WrittenSpan);
    }

    public void End()
    {
        if (_schema is null || _index != _schema.Fields.Count)
            throw new InvalidOperationException($"CSV row for {_schema} ended after {_index} fields");
    }

    private void NextCell(Field field)
    {
        if (_schema is null || _index >= _schema.Fields.Count || !ReferenceEquals(_schema.Fields[_index], field))
            throw new InvalidOperationException($"CSV field '{field}' out of header order for {_schema}");
        _index++;
        _buffer.GetSpan(1)[0] = (byte)',';
        _buffer.Advance(1);
    }

    private void WriteText(string value)
    {
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote)
        {
            WriteQuoted(Encoding.UTF8.GetBytes(value));
            return;
        }
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    private void WriteQuoted(ReadOnlySpan<byte> utf8)
    {
        var span = _buffer.GetSpan(utf8.Length * 2 + 2);
        int n = 0;
        span[n++] = (byte)'"';
        foreach (byte b in utf8)
        {
            if (b == (byte)'"')
                span[n++] = b;
            span[n++] = b;
        }
        span[n++] = (byte)'"';
        _buffer.Advance(n);
    }
}
