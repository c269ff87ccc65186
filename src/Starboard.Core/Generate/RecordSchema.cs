using System.Text.Json;
using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

internal enum FieldKind
{
    Text,
    Timestamp,
    Date,
    Decimal,
    Integer,
    Json,
    Items,
}

/// <summary>One field of the input contract (SPEC section 3), with its snake_case name pre-encoded for JSON.</summary>
internal sealed class Field
{
    private Field(string name, FieldKind kind, bool required, string[]? badEnumValues)
    {
        Name = name;
        JsonName = JsonEncodedText.Encode(name);
        Kind = kind;
        Required = required;
        BadEnumValues = badEnumValues;
    }

    public string Name { get; }
    public JsonEncodedText JsonName { get; }
    public FieldKind Kind { get; }
    public bool Required { get; }

    /// <summary>Values outside the enum, for dirty lines; null when the field is not an enum.</summary>
    public string[]? BadEnumValues { get; }

    public static Field Text(string name, bool required = false) => new(name, FieldKind.Text, required, null);
    public static Field Enum(string name, bool required, params string[] bad) => new(name, FieldKind.Text, required, bad);
    public static Field Timestamp(string name, bool required = false) => new(name, FieldKind.Timestamp, required, null);
    public static Field Date(string name) => new(name, FieldKind.Date, true, null);
    public static Field Decimal(string name, bool required = false) => new(name, FieldKind.Decimal, required, null);
    public static Field Integer(string name) => new(name, FieldKind.Integer, false, null);
    public static Field Items(string name) => new(name, FieldKind.Items, false, null);
    public static Field Properties() => new("properties", FieldKind.Json, false, null);

    public override string ToString() => Name;
}

/// <summary>
/// The field layout of one record type: the JSON key order and the CSV column order (after `type`). Dirty-line
/// generation reads the roles (key, time, money, currency, enums) to break one rule at a time.
/// </summary>
internal sealed class RecordSchema
{
    private static readonly string[] BadPlatforms = ["blackberry", "windows_phone", "webos", "symbian"];

    public RecordSchema(string type, string? freshIdPrefix, params Field[] fields)
    {
        Type = type;
        FreshIdPrefix = freshIdPrefix;
        Fields = fields;
        Key = freshIdPrefix is null ? null : fields[0];
        Time = fields.FirstOrDefault(f => f.Kind is FieldKind.Timestamp or FieldKind.Date);
        Money = fields.FirstOrDefault(f => f.Kind == FieldKind.Decimal);
        Currency = fields.FirstOrDefault(f => f.Name == "currency");
        Enums = fields.Where(f => f.BadEnumValues is not null).ToArray();
        Header = "type," + string.Join(',', fields.Select(f => f.Name));
    }

    public string Type { get; }
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The identifying field that dirty lines replace with a fresh id (null for fx rates).</summary>
    public Field? Key { get; }

    /// <summary>Prefix of fresh dirty ids: "e-x" never collides with clean ids like "e-12-3".</summary>
    public string? FreshIdPrefix { get; }

    public Field? Time { get; }
    public Field? Money { get; }
    public Field? Currency { get; }
    public IReadOnlyList<Field> Enums { get; }
    public string Header { get; }

    public static readonly RecordSchema User = new(RecordTypes.User, "u-x",
        Field.Text("user_id", true), Field.Timestamp("created_at", true), Field.Timestamp("updated_at"),
        Field.Text("country"), Field.Enum("platform", false, BadPlatforms), Field.Text("plan"), Field.Text("channel"),
        Field.Text("campaign_id"), Field.Text("email"), Field.Properties());

    public static readonly RecordSchema Alias = new(RecordTypes.Alias, "anon-x",
        Field.Text("distinct_id", true), Field.Text("user_id", true), Field.Properties());

    public static readonly RecordSchema Session = new(RecordTypes.Session, "s-x",
        Field.Text("session_id", true), Field.Text("user_id", true), Field.Timestamp("started_at", true),
        Field.Timestamp("ended_at"), Field.Enum("platform", false, BadPlatforms), Field.Text("device"),
        Field.Text("app_version"), Field.Text("country"), Field.Properties());

    public static readonly RecordSchema Event = new(RecordTypes.Event, "e-x",
        Field.Text("event_id", true), Field.Text("user_id", true), Field.Text("name", true),
        Field.Timestamp("ts", true), Field.Text("session_id"), Field.Enum("platform", false, BadPlatforms),
        Field.Text("device"), Field.Text("app_version"), Field.Text("country"), Field.Text("feature"),
        Field.Properties());

    public static readonly RecordSchema Order = new(RecordTypes.Order, "o-x",
        Field.Text("order_id", true), Field.Text("user_id", true), Field.Timestamp("ts", true),
        Field.Enum("status", true, "pending", "shipped", "COMPLETE", "refunded"), Field.Decimal("amount", true),
        Field.Text("currency", true), Field.Timestamp("updated_at"), Field.Items("items"), Field.Properties());

    public static readonly RecordSchema Payment = new(RecordTypes.Payment, "p-x",
        Field.Text("payment_id", true), Field.Text("user_id", true), Field.Timestamp("ts", true),
        Field.Decimal("amount", true), Field.Text("currency", true),
        Field.Enum("status", true, "pending", "ok", "declined", "success"), Field.Timestamp("updated_at"),
        Field.Text("order_id"), Field.Text("method"), Field.Enum("source", false, "store", "pos", "kiosk"),
        Field.Properties());

    public static readonly RecordSchema Refund = new(RecordTypes.Refund, "r-x",
        Field.Text("refund_id", true), Field.Text("payment_id", true), Field.Text("user_id", true),
        Field.Timestamp("ts", true), Field.Decimal("amount", true), Field.Text("currency", true), Field.Properties());

    public static readonly RecordSchema Subscription = new(RecordTypes.Subscription, "sub-x",
        Field.Text("subscription_id", true), Field.Text("user_id", true), Field.Timestamp("ts", true),
        Field.Enum("action", true, "pause", "resume", "trial", "reactivate"), Field.Text("plan", true),
        Field.Decimal("mrr", true), Field.Text("currency", true), Field.Properties());

    public static readonly RecordSchema Error = new(RecordTypes.Error, "err-x",
        Field.Text("error_id", true), Field.Timestamp("ts", true), Field.Text("code", true),
        Field.Enum("severity", true, "critical", "info", "debug", "FATAL!"), Field.Text("user_id"),
        Field.Text("session_id"), Field.Text("message"), Field.Enum("platform", false, BadPlatforms),
        Field.Text("app_version"), Field.Properties());

    public static readonly RecordSchema Campaign = new(RecordTypes.Campaign, "cmp-x",
        Field.Text("campaign_id", true), Field.Text("name", true), Field.Text("channel", true),
        Field.Timestamp("started_at"), Field.Timestamp("ended_at"), Field.Decimal("budget"), Field.Text("currency"),
        Field.Properties());

    public static readonly RecordSchema AdSpend = new(RecordTypes.AdSpend, "cmp-x",
        Field.Text("campaign_id", true), Field.Date("date"), Field.Decimal("spend", true),
        Field.Text("currency", true), Field.Integer("impressions"), Field.Integer("clicks"), Field.Properties());

    public static readonly RecordSchema FxRate = new(RecordTypes.FxRate, null,
        Field.Date("date"), Field.Text("currency", true), Field.Decimal("rate", true), Field.Properties());

    public static readonly IReadOnlyList<RecordSchema> All =
        [User, Alias, Session, Event, Order, Payment, Refund, Subscription, Error, Campaign, AdSpend, FxRate];

    public static RecordSchema For(string type) =>
        All.FirstOrDefault(s => s.Type == type) ?? throw new ArgumentException($"unknown record type '{type}'", nameof(type));

    public Field this[string name] =>
        Fields.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"{Type} has no field '{name}'");

    public override string ToString() => Type;
}
