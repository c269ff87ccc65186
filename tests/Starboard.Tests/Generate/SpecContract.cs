namespace Starboard.Tests.Generate;

/// <summary>
/// SPEC section 3 written out independently of the generator's own schema, so the tests check the generator
/// against the contract rather than against itself.
/// </summary>
internal static class SpecContract
{
    public enum Kind { Text, Timestamp, Date, Decimal, Integer, Object, Items }

    public sealed record Field(string Name, Kind Kind, bool Required = false, string[]? Enum = null, bool Currency = false);

    public static readonly string[] Platforms = ["web", "ios", "android", "other"];
    public static readonly string[] OrderStatuses = ["placed", "completed", "cancelled"];
    public static readonly string[] PaymentStatuses = ["succeeded", "failed"];
    public static readonly string[] SubscriptionActions = ["start", "renew", "upgrade", "downgrade", "cancel"];
    public static readonly string[] Severities = ["fatal", "error", "warning"];

    /// <summary>The ISO 4217 codes a test accepts (a real subset; BTC, RMB, XYZ are not ISO 4217).</summary>
    public static readonly HashSet<string> IsoCurrencies =
        ["USD", "EUR", "GBP", "JPY", "INR", "BRL", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN", "MXN", "KRW", "CNY"];

    public static readonly HashSet<string> IsoCountries =
    [
        "US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "BR", "JP", "CA", "AU", "MX", "KR", "SE", "PL", "NG", "CH",
        "AT", "BE", "PT", "IE", "DK", "NO", "FI", "CN", "SG", "ZA", "AR", "TR",
    ];

    public static readonly Dictionary<string, Field[]> Types = new()
    {
        ["user"] =
        [
            new("user_id", Kind.Text, true), new("created_at", Kind.Timestamp, true), new("updated_at", Kind.Timestamp),
            new("country", Kind.Text), new("platform", Kind.Text, Enum: Platforms), new("plan", Kind.Text),
            new("channel", Kind.Text), new("campaign_id", Kind.Text), new("email", Kind.Text),
        ],
        ["alias"] = [new("distinct_id", Kind.Text, true), new("user_id", Kind.Text, true)],
        ["session"] =
        [
            new("session_id", Kind.Text, true), new("user_id", Kind.Text, true), new("started_at", Kind.Timestamp, true),
            new("ended_at", Kind.Timestamp), new("platform", Kind.Text, Enum: Platforms), new("device", Kind.Text),
            new("app_version", Kind.Text), new("country", Kind.Text),
        ],
        ["event"] =
        [
            new("event_id", Kind.Text, true), new("user_id", Kind.Text, true), new("name", Kind.Text, true),
            new("ts", Kind.Timestamp, true), new("session_id", Kind.Text), new("platform", Kind.Text, Enum: Platforms),
            new("device", Kind.Text), new("app_version", Kind.Text), new("country", Kind.Text), new("feature", Kind.Text),
        ],
        ["order"] =
        [
            new("order_id", Kind.Text, true), new("user_id", Kind.Text, true), new("ts", Kind.Timestamp, true),
            new("status", Kind.Text, true, OrderStatuses), new("amount", Kind.Decimal, true),
            new("currency", Kind.Text, true, Currency: true), new("updated_at", Kind.Timestamp), new("items", Kind.Items),
        ],
        ["payment"] =
        [
            new("payment_id", Kind.Text, true), new("user_id", Kind.Text, true), new("ts", Kind.Timestamp, true),
            new("amount", Kind.Decimal, true), new("currency", Kind.Text, true, Currency: true),
            new("status", Kind.Text, true, PaymentStatuses), new("updated_at", Kind.Timestamp), new("order_id", Kind.Text),
            new("method", Kind.Text), new("source", Kind.Text, Enum: Platforms),
        ],
        ["refund"] =
        [
            new("refund_id", Kind.Text, true), new("payment_id", Kind.Text, true), new("user_id", Kind.Text, true),
            new("ts", Kind.Timestamp, true), new("amount", Kind.Decimal, true), new("currency", Kind.Text, true, Currency: true),
        ],
        ["subscription"] =
        [
            new("subscription_id", Kind.Text, true), new("user_id", Kind.Text, true), new("ts", Kind.Timestamp, true),
            new("action", Kind.Text, true, SubscriptionActions), new("plan", Kind.Text, true), new("mrr", Kind.Decimal, true),
            new("currency", Kind.Text, true, Currency: true),
        ],
        ["error"] =
        [
            new("error_id", Kind.Text, true), new("ts", Kind.Timestamp, true), new("code", Kind.Text, true),
            new("severity", Kind.Text, true, Severities), new("user_id", Kind.Text), new("session_id", Kind.Text),
            new("message", Kind.Text), new("platform", Kind.Text, Enum: Platforms), new("app_version", Kind.Text),
        ],
        ["campaign"] =
        [
            new("campaign_id", Kind.Text, true), new("name", Kind.Text, true), new("channel", Kind.Text, true),
            new("started_at", Kind.Timestamp), new("ended_at", Kind.Timestamp), new("budget", Kind.Decimal),
            new("currency", Kind.Text, Currency: true),
        ],
        ["ad_spend"] =
        [
            new("campaign_id", Kind.Text, true), new("date", Kind.Date, true), new("spend", Kind.Decimal, true),
            new("currency", Kind.Text, true, Currency: true), new("impressions", Kind.Integer), new("clicks", Kind.Integer),
        ],
        ["fx_rate"] =
        [
            new("date", Kind.Date, true), new("currency", Kind.Text, true, Currency: true), new("rate", Kind.Decimal, true),
        ],
    };

    /// <summary>The SPEC fields of a type plus the free `properties` every record may carry.</summary>
    public static IEnumerable<Field> WithProperties(string type) => Types[type].Append(new Field("properties", Kind.Object));
}
