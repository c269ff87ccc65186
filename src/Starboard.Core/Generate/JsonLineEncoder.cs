using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Encodes one record as a JSON object on one line: `type` first, schema order, null fields omitted. Reuses one
/// buffer and one Utf8JsonWriter for every line, so encoding allocates nothing per record.
/// </summary>
internal sealed class JsonLineEncoder : ILineEncoder
{
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText SkuName = JsonEncodedText.Encode("sku");
    private static readonly JsonEncodedText QuantityName = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText UnitPriceName = JsonEncodedText.Encode("unit_price");

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private int _style;

    public JsonLineEncoder()
    {
        // The relaxed encoder keeps `+` in offsets and non-ASCII text readable instead of \u-escaping them.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    /// <summary>The last encoded line, without its line end. Valid until the next Begin.</summary>
    public ReadOnlySpan<byte> Line => _buffer.WrittenSpan;

    public void Begin(RecordSchema schema, string styleKey, string? typeName = null)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _style = TimestampText.StyleFor(styleKey);
        _writer.WriteStartObject();
        _writer.WriteString(TypeName, typeName ?? schema.Type);
    }

    public void Text(Field field, string? value)
    {
        if (value is not null)
            _writer.WriteString(field.JsonName, value);
    }

    public void Timestamp(Field field, DateTime? value)
    {
        if (value is null)
            return;
        Span<byte> text = stackalloc byte[TimestampText.MaxLength];
        int length = TimestampText.Format(value.Value, _style, text);
        _writer.WriteString(field.JsonName, text[..length]);
    }

    public void Date(Field field, DateOnly? value)
    {
        if (value is null)
            return;
        Span<byte> text = stackalloc byte[10];
        TimestampText.FormatDate(value.Value, text);
        _writer.WriteString(field.JsonName, text);
    }

    public void Decimal(Field field, decimal? value)
    {
        if (value is not null)
            _writer.WriteNumber(field.JsonName, value.Value);
    }

    public void Integer(Field field, long? value)
    {
        if (value is not null)
            _writer.WriteNumber(field.JsonName, value.Value);
    }

    public void Json(Field field, string? rawJson)
    {
        if (rawJson is null)
            return;
        _writer.WritePropertyName(field.JsonName);
        _writer.WriteRawValue(rawJson, skipInputValidation: true);
    }

    public void Items(Field field, IReadOnlyList<OrderItem>? items)
    {
        if (items is null)
            return;
        _writer.WritePropertyName(field.JsonName);
        WriteItems(_writer, items);
    }

    public void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
    }

    /// <summary>Order items as a JSON array of objects; also used for the items cell of CSV rows.</summary>
    public static void WriteItems(Utf8JsonWriter writer, IReadOnlyList<OrderItem> items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writer.WriteString(SkuName, item.Sku);
            writer.WriteNumber(QuantityName, item.Quantity);
            writer.WriteNumber(UnitPriceName, item.UnitPrice);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
