using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Receives one record as an ordered list of fields (the schema order). The JSON and CSV encoders implement it,
/// and so does <see cref="FieldBag"/>, which lets dirty lines start from a clean record and break one rule.
/// A writer may be handed a value of another kind than the field's (a wrong-type dirty line) and must write it.
/// </summary>
internal interface IFieldWriter
{
    /// <summary>Starts a record. styleKey picks the timestamp style; typeName overrides the `type` value.</summary>
    void Begin(RecordSchema schema, string styleKey, string? typeName = null);

    void Text(Field field, string? value);
    void Timestamp(Field field, DateTime? value);
    void Date(Field field, DateOnly? value);
    void Decimal(Field field, decimal? value);
    void Integer(Field field, long? value);
    void Json(Field field, string? rawJson);
    void Items(Field field, IReadOnlyList<OrderItem>? items);
    void End();
}

/// <summary>A field writer that turns each record into one line of bytes (JSON or CSV).</summary>
internal interface ILineEncoder : IFieldWriter
{
    /// <summary>The last encoded line, without its line end. Valid until the next Begin.</summary>
    ReadOnlySpan<byte> Line { get; }
}
