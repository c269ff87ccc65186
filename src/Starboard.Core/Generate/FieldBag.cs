using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// A record captured as its ordered fields, so a dirty line can start from a real clean record, change one
/// field (or give it a value of the wrong kind), and be replayed into the JSON and CSV encoders.
/// </summary>
internal sealed class FieldBag : IFieldWriter
{
    private readonly List<(Field Field, FieldKind WrittenAs, object? Value)> _entries = [];

    public RecordSchema Schema { get; private set; } = RecordSchema.Event;
    public string StyleKey { get; private set; } = "";
    public string? TypeName { get; set; }

    public static FieldBag Of(object record)
    {
        var bag = new FieldBag();
        RecordDescriber.Describe(record, bag);
        return bag;
    }

    public object? this[Field field] => _entries[IndexOf(field)].Value;

    public void Set(Field field, FieldKind writtenAs, object? value) => _entries[IndexOf(field)] = (field, writtenAs, value);

    public void ReplayTo(IFieldWriter writer)
    {
        writer.Begin(Schema, StyleKey, TypeName);
        foreach (var (field, kind, value) in _entries)
        {
            switch (kind)
            {
                case FieldKind.Text: writer.Text(field, (string?)value); break;
                case FieldKind.Timestamp: writer.Timestamp(field, (DateTime?)value); break;
                case FieldKind.Date: writer.Date(field, (DateOnly?)value); break;
                case FieldKind.Decimal: writer.Decimal(field, (decimal?)value); break;
                case FieldKind.Integer: writer.Integer(field, (long?)value); break;
                case FieldKind.Json: writer.Json(field, (string?)value); break;
                case FieldKind.Items: writer.Items(field, (IReadOnlyList<OrderItem>?)value); break;
                default: throw new InvalidOperationException($"unexpected field kind {kind}");
            }
        }
        writer.End();
    }

    void IFieldWriter.Begin(RecordSchema schema, string styleKey, string? typeName)
    {
        _entries.Clear();
        Schema = schema;
        StyleKey = styleKey;
        TypeName = typeName;
    }

    void IFieldWriter.Text(Field field, string? value) => _entries.Add((field, FieldKind.Text, value));
    void IFieldWriter.Timestamp(Field field, DateTime? value) => _entries.Add((field, FieldKind.Timestamp, value));
    void IFieldWriter.Date(Field field, DateOnly? value) => _entries.Add((field, FieldKind.Date, value));
    void IFieldWriter.Decimal(Field field, decimal? value) => _entries.Add((field, FieldKind.Decimal, value));
    void IFieldWriter.Integer(Field field, long? value) => _entries.Add((field, FieldKind.Integer, value));
    void IFieldWriter.Json(Field field, string? rawJson) => _entries.Add((field, FieldKind.Json, rawJson));
    void IFieldWriter.Items(Field field, IReadOnlyList<OrderItem>? items) => _entries.Add((field, FieldKind.Items, items));
    void IFieldWriter.End() { }

    private int IndexOf(Field field)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (ReferenceEquals(_entries[i].Field, field))
                return i;
        }
        throw new ArgumentException($"{Schema} has no field {field}", nameof(field));
    }
}
