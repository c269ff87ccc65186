using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Where generated records go. The generator calls a sink from one thread only, in a deterministic order, so
/// implementations need no locking. Late events are held back by the generator and written last.
/// </summary>
public interface IRecordSink
{
    void Write(UserRecord record);
    void Write(AliasRecord record);
    void Write(SessionRecord record);
    void Write(EventRecord record);
    void Write(OrderRecord record);
    void Write(PaymentRecord record);
    void Write(RefundRecord record);
    void Write(SubscriptionRecord record);
    void Write(ErrorRecord record);
    void Write(CampaignRecord record);
    void Write(AdSpendRecord record);
    void Write(FxRateRecord record);

    /// <summary>An event that arrives after the run that should have seen it (the late file).</summary>
    void WriteLate(EventRecord record);

    void WriteDirty(DirtyRecord record);

    /// <summary>The files this sink writes, if any.</summary>
    IReadOnlyList<string> Files => [];
}
