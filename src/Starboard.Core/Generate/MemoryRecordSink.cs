using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>Keeps every record in memory, in write order. For tests and small runs only.</summary>
public sealed class MemoryRecordSink : IRecordSink
{
    public List<UserRecord> Users { get; } = [];
    public List<AliasRecord> Aliases { get; } = [];
    public List<SessionRecord> Sessions { get; } = [];
    public List<EventRecord> Events { get; } = [];
    public List<EventRecord> LateEvents { get; } = [];
    public List<OrderRecord> Orders { get; } = [];
    public List<PaymentRecord> Payments { get; } = [];
    public List<RefundRecord> Refunds { get; } = [];
    public List<SubscriptionRecord> Subscriptions { get; } = [];
    public List<ErrorRecord> Errors { get; } = [];
    public List<CampaignRecord> Campaigns { get; } = [];
    public List<AdSpendRecord> AdSpend { get; } = [];
    public List<FxRateRecord> FxRates { get; } = [];
    public List<DirtyRecord> Dirty { get; } = [];

    public void Write(UserRecord record) => Users.Add(record);
    public void Write(AliasRecord record) => Aliases.Add(record);
    public void Write(SessionRecord record) => Sessions.Add(record);
    public void Write(EventRecord record) => Events.Add(record);
    public void Write(OrderRecord record) => Orders.Add(record);
    public void Write(PaymentRecord record) => Payments.Add(record);
    public void Write(RefundRecord record) => Refunds.Add(record);
    public void Write(SubscriptionRecord record) => Subscriptions.Add(record);
    public void Write(ErrorRecord record) => Errors.Add(record);
    public void Write(CampaignRecord record) => Campaigns.Add(record);
    public void Write(AdSpendRecord record) => AdSpend.Add(record);
    public void Write(FxRateRecord record) => FxRates.Add(record);
    public void WriteLate(EventRecord record) => LateEvents.Add(record);
    public void WriteDirty(DirtyRecord record) => Dirty.Add(record);
}
