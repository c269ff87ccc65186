namespace Starboard.Core.Contract;

// The input contract of SPEC section 3 as typed records. Timestamps are UTC; money is decimal with an ISO 4217
// code. The generator produces these, the ingester validates text into them, and the test oracle reads them.
// Properties hold the free `properties` object as JSON text (null when absent).

public sealed record UserRecord(
    string UserId, DateTime CreatedAt, DateTime? UpdatedAt, string? Country, string? Platform, string? Plan,
    string? Channel, string? CampaignId, string? Email, string? Properties = null);

public sealed record AliasRecord(string DistinctId, string UserId);

public sealed record SessionRecord(
    string SessionId, string UserId, DateTime StartedAt, DateTime? EndedAt, string? Platform, string? Device,
    string? AppVersion, string? Country, string? Properties = null);

public sealed record EventRecord(
    string EventId, string UserId, string Name, DateTime Ts, string? SessionId, string? Platform, string? Device,
    string? AppVersion, string? Country, string? Feature, string? Properties = null);

public sealed record OrderItem(string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderRecord(
    string OrderId, string UserId, DateTime Ts, string Status, decimal Amount, string Currency, DateTime? UpdatedAt,
    IReadOnlyList<OrderItem>? Items, string? Properties = null);

public sealed record PaymentRecord(
    string PaymentId, string UserId, DateTime Ts, decimal Amount, string Currency, string Status, DateTime? UpdatedAt,
    string? OrderId, string? Method, string? Source, string? Properties = null);

public sealed record RefundRecord(
    string RefundId, string PaymentId, string UserId, DateTime Ts, decimal Amount, string Currency,
    string? Properties = null);

public sealed record SubscriptionRecord(
    string SubscriptionId, string UserId, DateTime Ts, string Action, string Plan, decimal Mrr, string Currency,
    string? Properties = null);

public sealed record ErrorRecord(
    string ErrorId, DateTime Ts, string Code, string Severity, string? UserId, string? SessionId, string? Message,
    string? Platform, string? AppVersion, string? Properties = null);

public sealed record CampaignRecord(
    string CampaignId, string Name, string Channel, DateTime? StartedAt, DateTime? EndedAt, decimal? Budget,
    string? Currency, string? Properties = null);

public sealed record AdSpendRecord(
    string CampaignId, DateOnly Date, decimal Spend, string Currency, long? Impressions, long? Clicks,
    string? Properties = null);

public sealed record FxRateRecord(DateOnly Date, string Currency, decimal Rate);

/// <summary>The record types of the input contract, by their `type` value.</summary>
public static class RecordTypes
{
    public const string User = "user";
    public const string Alias = "alias";
    public const string Session = "session";
    public const string Event = "event";
    public const string Order = "order";
    public const string Payment = "payment";
    public const string Refund = "refund";
    public const string Subscription = "subscription";
    public const string Error = "error";
    public const string Campaign = "campaign";
    public const string AdSpend = "ad_spend";
    public const string FxRate = "fx_rate";

    public static readonly IReadOnlyList<string> All =
        [User, Alias, Session, Event, Order, Payment, Refund, Subscription, Error, Campaign, AdSpend, FxRate];
}
