using Starboard.Core.Schema;

namespace Starboard.Core.Contract;

public enum FieldKind { Text, Timestamp, Date, Decimal, Integer, Object, Items }

/// <summary>Extra checks beyond the kind.</summary>
public enum FieldRule { None, NonNegative, Currency, Country }

/// <summary>
/// One field of a record type. <paramref name="MaxLength"/> counts characters of text (bytes of JSON);
/// <paramref name="DefaultFrom"/> names the field whose value stands in when this one is absent (a user's
/// `updated_at` defaults to `created_at`), which matters where the field is part of the natural key.
/// <paramref name="Shape"/> says whether text values are identifiers or labels, for how the raw table stores them.
/// </summary>
public sealed record FieldSpec(
    string Name, FieldKind Kind, bool Required, string Description,
    IReadOnlyList<string>? Allowed = null, FieldRule Rule = FieldRule.None, int MaxLength = 256, int Scale = 6, string? DefaultFrom = null,
    ValueShape Shape = ValueShape.Mixed);

/// <summary>
/// Records of one type that arrive from separate feeds land in one raw table per feed (`raw_payments_web` …),
/// chosen by the record's <paramref name="Field"/>, else by the file name (`payments_ios.jsonl`), else the last
/// feed; staging combines the feeds with UNION ALL.
/// </summary>
public sealed record FeedSplit(string Field, IReadOnlyList<string> Feeds)
{
    public string Fallback => Feeds[^1];
}

/// <summary>A rule between two fields of one record.</summary>
public abstract record FieldPairRule(string Field, string Other);

/// <summary>When both are given, <paramref name="Field"/> may not be earlier than <paramref name="Other"/> (a session ends after it starts).</summary>
public sealed record NotBefore(string Field, string Other) : FieldPairRule(Field, Other);

/// <summary><paramref name="Field"/> is required when <paramref name="Other"/> is given (a budget needs its currency).</summary>
public sealed record RequiredWith(string Field, string Other) : FieldPairRule(Field, Other);

/// <summary>One record type of SPEC section 3: its fields, its natural key and the raw table(s) it lands in.</summary>
public sealed record RecordSpec(
    string Type, string RawTable, string Description, IReadOnlyList<FieldSpec> Fields, IReadOnlyList<string> NaturalKey,
    FeedSplit? Feeds = null, IReadOnlyList<FieldPairRule>? Rules = null)
{
    private readonly Dictionary<string, int> _index = Fields.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    public int IndexOf(string field) => _index.TryGetValue(field, out var i) ? i : -1;

    /// <summary>The raw tables of this type: one, or one per feed (`raw_payments_web`, …) in feed order.</summary>
    public IReadOnlyList<string> RawTables => Feeds is null ? [RawTable] : [.. Feeds.Feeds.Select(f => $"{RawTable}_{f}")];

    /// <summary>`raw_payments` → `payments`: how files of this type are named.</summary>
    public string Plural => RawTable["raw_".Length..];
}

/// <summary>
/// The input contract (SPEC section 3) as data: validation, the raw tables' columns and the docs all come from
/// here, so a field is added in one place.
/// </summary>
public static class InputContract
{
    public static readonly IReadOnlyList<string> Platforms = ["web", "ios", "android", "other"];

    private static FieldSpec Id(string name, bool required, string what) => new(name, FieldKind.Text, required, what, Shape: ValueShape.Identifier);
    private static FieldSpec Label(string name, string what, bool required = false) => new(name, FieldKind.Text, required, what, Shape: ValueShape.Label);
    private static FieldSpec Ts(string name, bool required, string what) => new(name, FieldKind.Timestamp, required, what);
    private static FieldSpec Text(string name, string what, int max = 256) => new(name, FieldKind.Text, false, what, MaxLength: max);
    private static FieldSpec Money(string name, bool required, string what) => new(name, FieldKind.Decimal, required, what, Rule: FieldRule.NonNegative);
    private static FieldSpec Currency(bool required) => new("currency", FieldKind.Text, required, "ISO 4217 currency code", Rule: FieldRule.Currency, Shape: ValueShape.Label);
    private static FieldSpec Enum(string name, bool required, string what, params string[] values) => new(name, FieldKind.Text, required, what, values, Shape: ValueShape.Label);
    private static FieldSpec Country() => new("country", FieldKind.Text, false, "ISO 3166-1 alpha-2 country code", Rule: FieldRule.Country, Shape: ValueShape.Label);
    private static readonly FieldSpec Properties = new("properties", FieldKind.Object, false, "free properties (a JSON object)", MaxLength: 1 << 20);

    public static readonly IReadOnlyList<RecordSpec> Records =
    [
        new(RecordTypes.User, "raw_users", "User versions: signup and attributes; a later updated_at is a new version.",
        [
            Id("user_id", true, "the user's id"), Ts("created_at", true, "signup time"),
            Ts("updated_at", false, "version time (default created_at)") with { DefaultFrom = "created_at" }, Country(),
            Enum("platform", false, "platform of signup", [.. Platforms]), Label("plan", "plan name"),
            Label("channel", "acquisition channel"), Label("campaign_id", "acquiring campaign"), Text("email", "email address"), Properties,
        ], ["user_id", "updated_at"]),
        new(RecordTypes.Alias, "raw_aliases", "An anonymous id that belongs to a known user.",
            [Id("distinct_id", true, "the anonymous id"), Id("user_id", true, "the user it belongs to")], ["distinct_id"]),
        new(RecordTypes.Session, "raw_sessions", "Sessions as the app reports them.",
        [
            Id("session_id", true, "session id"), Id("user_id", true, "user id"), Ts("started_at", true, "start"),
            Ts("ended_at", false, "end"), Enum("platform", false, "platform", [.. Platforms]), Label("device", "device model"),
            Label("app_version", "app version"), Country(), Properties,
        ], ["session_id"], Rules: [new NotBefore("ended_at", "started_at")]),
        new(RecordTypes.Event, "raw_events", "User actions.",
        [
            Id("event_id", true, "event id"), Id("user_id", true, "user id"), Label("name", "event name", required: true),
            Ts("ts", true, "event time"), Id("session_id", false, "session id"), Enum("platform", false, "platform", [.. Platforms]),
            Label("device", "device model"), Label("app_version", "app version"), Country(), Label("feature", "product feature"), Properties,
        ], ["event_id"]),
        new(RecordTypes.Order, "raw_orders", "Orders; a later updated_at is a new version (placed, completed, cancelled).",
        [
            Id("order_id", true, "order id"), Id("user_id", true, "user id"), Ts("ts", true, "order time"),
            Enum("status", true, "order status", "placed", "completed", "cancelled"), Money("amount", true, "order amount"),
            Currency(true), Ts("updated_at", false, "version time"),
            new("items", FieldKind.Items, false, "line items: each an object with sku (text), quantity (a positive integer) and unit_price (a non-negative decimal)", MaxLength: 1 << 20), Properties,
        ], ["order_id"]),
        new(RecordTypes.Payment, "raw_payments", "Payments from every feed (web, ios, android, other).",
        [
            Id("payment_id", true, "payment id"), Id("user_id", true, "user id"), Ts("ts", true, "payment time"),
            Money("amount", true, "amount"), Currency(true), Enum("status", true, "payment status", "succeeded", "failed"),
            Ts("updated_at", false, "version time"), Id("order_id", false, "order paid"), Label("method", "payment method"),
            Enum("source", false, "feed the payment came from", [.. Platforms]), Properties,
        ], ["payment_id"], new FeedSplit("source", Platforms)),
        new(RecordTypes.Refund, "raw_refunds", "Refunds of payments.",
        [
            Id("refund_id", true, "refund id"), Id("payment_id", true, "refunded payment"), Id("user_id", true, "user id"),
            Ts("ts", true, "refund time"), Money("amount", true, "amount refunded"), Currency(true), Properties,
        ], ["refund_id"]),
        new(RecordTypes.Subscription, "raw_subscriptions", "Subscription lifecycle actions with the MRR after each.",
        [
            Id("subscription_id", true, "subscription id"), Id("user_id", true, "user id"), Ts("ts", true, "action time"),
            Enum("action", true, "lifecycle action", "start", "renew", "upgrade", "downgrade", "cancel"),
            Label("plan", "plan after the action", required: true), Money("mrr", true, "monthly recurring revenue after the action"),
            Currency(true), Properties,
        ], ["subscription_id", "ts", "action"]),
        new(RecordTypes.Error, "raw_errors", "Application errors and crashes.",
        [
            Id("error_id", true, "error id"), Ts("ts", true, "error time"), Label("code", "error code", required: true),
            Enum("severity", true, "severity", "fatal", "error", "warning"), Id("user_id", false, "user id"), Id("session_id", false, "session id"),
            Text("message", "message", 65_536), Enum("platform", false, "platform", [.. Platforms]), Label("app_version", "app version"), Properties,
        ], ["error_id"]),
        new(RecordTypes.Campaign, "raw_campaigns", "Marketing campaigns.",
        [
            new("campaign_id", FieldKind.Text, true, "campaign id"), Text("name", "campaign name") with { Required = true },
            Label("channel", "marketing channel", required: true), Ts("started_at", false, "start"), Ts("ended_at", false, "end"),
            Money("budget", false, "budget"), Currency(false), Properties,
        ], ["campaign_id"], Rules: [new NotBefore("ended_at", "started_at"), new RequiredWith("currency", "budget")]),
        new(RecordTypes.AdSpend, "raw_ad_spend", "Daily spend per campaign; a restated day replaces the earlier one.",
        [
            Label("campaign_id", "campaign id", required: true), new("date", FieldKind.Date, true, "spend date"), Money("spend", true, "spend"),
            Currency(true), new("impressions", FieldKind.Integer, false, "impressions", Rule: FieldRule.NonNegative),
            new("clicks", FieldKind.Integer, false, "clicks", Rule: FieldRule.NonNegative), Properties,
        ], ["campaign_id", "date"]),
        new(RecordTypes.FxRate, "raw_fx_rates", "Exchange rates into the reporting currency.",
        [
            new("date", FieldKind.Date, true, "rate date"), Currency(true),
            new("rate", FieldKind.Decimal, true, "reporting-currency units per unit of currency", Rule: FieldRule.NonNegative, Scale: 10),
        ], ["currency", "date"]),
    ];

    private static readonly Dictionary<string, RecordSpec> ByType = Records.ToDictionary(r => r.Type, StringComparer.Ordinal);

    public static RecordSpec? Find(string type) => ByType.GetValueOrDefault(type);
}
