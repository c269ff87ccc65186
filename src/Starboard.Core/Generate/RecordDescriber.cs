using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Maps each contract record onto its schema's fields, in order. The one place that knows which record member
/// becomes which field, shared by the JSON encoder, the CSV encoder and dirty-line generation.
/// </summary>
internal static class RecordDescriber
{
    public static void Describe(UserRecord r, IFieldWriter w)
    {
        var s = RecordSchema.User;
        w.Begin(s, r.UserId);
        w.Text(s.Fields[0], r.UserId);
        w.Timestamp(s.Fields[1], r.CreatedAt);
        w.Timestamp(s.Fields[2], r.UpdatedAt);
        w.Text(s.Fields[3], r.Country);
        w.Text(s.Fields[4], r.Platform);
        w.Text(s.Fields[5], r.Plan);
        w.Text(s.Fields[6], r.Channel);
        w.Text(s.Fields[7], r.CampaignId);
        w.Text(s.Fields[8], r.Email);
        w.Json(s.Fields[9], r.Properties);
        w.End();
    }

    public static void Describe(AliasRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Alias;
        w.Begin(s, r.DistinctId);
        w.Text(s.Fields[0], r.DistinctId);
        w.Text(s.Fields[1], r.UserId);
        w.Json(s.Fields[2], null);
        w.End();
    }

    public static void Describe(SessionRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Session;
        w.Begin(s, r.SessionId);
        w.Text(s.Fields[0], r.SessionId);
        w.Text(s.Fields[1], r.UserId);
        w.Timestamp(s.Fields[2], r.StartedAt);
        w.Timestamp(s.Fields[3], r.EndedAt);
        w.Text(s.Fields[4], r.Platform);
        w.Text(s.Fields[5], r.Device);
        w.Text(s.Fields[6], r.AppVersion);
        w.Text(s.Fields[7], r.Country);
        w.Json(s.Fields[8], r.Properties);
        w.End();
    }

    public static void Describe(EventRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Event;
        w.Begin(s, r.EventId);
        w.Text(s.Fields[0], r.EventId);
        w.Text(s.Fields[1], r.UserId);
        w.Text(s.Fields[2], r.Name);
        w.Timestamp(s.Fields[3], r.Ts);
        w.Text(s.Fields[4], r.SessionId);
        w.Text(s.Fields[5], r.Platform);
        w.Text(s.Fields[6], r.Device);
        w.Text(s.Fields[7], r.AppVersion);
        w.Text(s.Fields[8], r.Country);
        w.Text(s.Fields[9], r.Feature);
        w.Json(s.Fields[10], r.Properties);
        w.End();
    }

    public static void Describe(OrderRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Order;
        w.Begin(s, r.OrderId);
        w.Text(s.Fields[0], r.OrderId);
        w.Text(s.Fields[1], r.UserId);
        w.Timestamp(s.Fields[2], r.Ts);
        w.Text(s.Fields[3], r.Status);
        w.Decimal(s.Fields[4], r.Amount);
        w.Text(s.Fields[5], r.Currency);
        w.Timestamp(s.Fields[6], r.UpdatedAt);
        w.Items(s.Fields[7], r.Items);
        w.Json(s.Fields[8], r.Properties);
        w.End();
    }

    public static void Describe(PaymentRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Payment;
        w.Begin(s, r.PaymentId);
        w.Text(s.Fields[0], r.PaymentId);
        w.Text(s.Fields[1], r.UserId);
        w.Timestamp(s.Fields[2], r.Ts);
        w.Decimal(s.Fields[3], r.Amount);
        w.Text(s.Fields[4], r.Currency);
        w.Text(s.Fields[5], r.Status);
        w.Timestamp(s.Fields[6], r.UpdatedAt);
        w.Text(s.Fields[7], r.OrderId);
        w.Text(s.Fields[8], r.Method);
        w.Text(s.Fields[9], r.Source);
        w.Json(s.Fields[10], r.Properties);
        w.End();
    }

    public static void Describe(RefundRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Refund;
        w.Begin(s, r.RefundId);
        w.Text(s.Fields[0], r.RefundId);
        w.Text(s.Fields[1], r.PaymentId);
        w.Text(s.Fields[2], r.UserId);
        w.Timestamp(s.Fields[3], r.Ts);
        w.Decimal(s.Fields[4], r.Amount);
        w.Text(s.Fields[5], r.Currency);
        w.Json(s.Fields[6], r.Properties);
        w.End();
    }

    public static void Describe(SubscriptionRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Subscription;
        w.Begin(s, r.SubscriptionId);
        w.Text(s.Fields[0], r.SubscriptionId);
        w.Text(s.Fields[1], r.UserId);
        w.Timestamp(s.Fields[2], r.Ts);
        w.Text(s.Fields[3], r.Action);
        w.Text(s.Fields[4], r.Plan);
        w.Decimal(s.Fields[5], r.Mrr);
        w.Text(s.Fields[6], r.Currency);
        w.Json(s.Fields[7], r.Properties);
        w.End();
    }

    public static void Describe(ErrorRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Error;
        w.Begin(s, r.ErrorId);
        w.Text(s.Fields[0], r.ErrorId);
        w.Timestamp(s.Fields[1], r.Ts);
        w.Text(s.Fields[2], r.Code);
        w.Text(s.Fields[3], r.Severity);
        w.Text(s.Fields[4], r.UserId);
        w.Text(s.Fields[5], r.SessionId);
        w.Text(s.Fields[6], r.Message);
        w.Text(s.Fields[7], r.Platform);
        w.Text(s.Fields[8], r.AppVersion);
        w.Json(s.Fields[9], r.Properties);
        w.End();
    }

    public static void Describe(CampaignRecord r, IFieldWriter w)
    {
        var s = RecordSchema.Campaign;
        w.Begin(s, r.CampaignId);
        w.Text(s.Fields[0], r.CampaignId);
        w.Text(s.Fields[1], r.Name);
        w.Text(s.Fields[2], r.Channel);
        w.Timestamp(s.Fields[3], r.StartedAt);
        w.Timestamp(s.Fields[4], r.EndedAt);
        w.Decimal(s.Fields[5], r.Budget);
        w.Text(s.Fields[6], r.Currency);
        w.Json(s.Fields[7], r.Properties);
        w.End();
    }

    public static void Describe(AdSpendRecord r, IFieldWriter w)
    {
        var s = RecordSchema.AdSpend;
        w.Begin(s, r.CampaignId);
        w.Text(s.Fields[0], r.CampaignId);
        w.Date(s.Fields[1], r.Date);
        w.Decimal(s.Fields[2], r.Spend);
        w.Text(s.Fields[3], r.Currency);
        w.Integer(s.Fields[4], r.Impressions);
        w.Integer(s.Fields[5], r.Clicks);
        w.Json(s.Fields[6], r.Properties);
        w.End();
    }

    public static void Describe(FxRateRecord r, IFieldWriter w)
    {
        var s = RecordSchema.FxRate;
        w.Begin(s, r.Currency);
        w.Date(s.Fields[0], r.Date);
        w.Text(s.Fields[1], r.Currency);
        w.Decimal(s.Fields[2], r.Rate);
        w.Json(s.Fields[3], null);
        w.End();
    }

    /// <summary>Untyped entry point, used when a stored clean record becomes the template of a dirty line.</summary>
    public static void Describe(object record, IFieldWriter w)
    {
        switch (record)
        {
            case UserRecord r: Describe(r, w); break;
            case AliasRecord r: Describe(r, w); break;
            case SessionRecord r: Describe(r, w); break;
            case EventRecord r: Describe(r, w); break;
            case OrderRecord r: Describe(r, w); break;
            case PaymentRecord r: Describe(r, w); break;
            case RefundRecord r: Describe(r, w); break;
            case SubscriptionRecord r: Describe(r, w); break;
            case ErrorRecord r: Describe(r, w); break;
            case CampaignRecord r: Describe(r, w); break;
            case AdSpendRecord r: Describe(r, w); break;
            case FxRateRecord r: Describe(r, w); break;
            default: throw new ArgumentException($"not a contract record: {record.GetType().Name}", nameof(record));
        }
    }
}
