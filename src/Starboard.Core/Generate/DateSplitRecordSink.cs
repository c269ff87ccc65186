using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Routes generated records to one sink per span of days (by the UTC day of their time or version), so a test or
/// a benchmark can load an app in the order it would arrive: the history first, then one day or chunk at a time.
/// Records without a day (aliases, campaigns) and dirty records go to the first sink, late events to the last.
/// </summary>
public sealed class DateSplitRecordSink(IReadOnlyList<IRecordSink> sinks, IReadOnlyList<DateOnly> startsOfLaterSinks) : IRecordSink
{
    private IRecordSink By(DateOnly day)
    {
        var i = 0;
        while (i < startsOfLaterSinks.Count && day >= startsOfLaterSinks[i]) i++;
        return sinks[i];
    }

    private IRecordSink By(DateTime utc) => By(DateOnly.FromDateTime(utc));

    public void Write(UserRecord record) => By(record.UpdatedAt ?? record.CreatedAt).Write(record);
    public void Write(AliasRecord record) => sinks[0].Write(record);
    public void Write(SessionRecord record) => By(record.StartedAt).Write(record);
    public void Write(EventRecord record) => By(record.Ts).Write(record);
    public void Write(OrderRecord record) => By(record.UpdatedAt ?? record.Ts).Write(record);
    public void Write(PaymentRecord record) => By(record.UpdatedAt ?? record.Ts).Write(record);
    public void Write(RefundRecord record) => By(record.Ts).Write(record);
    public void Write(SubscriptionRecord record) => By(record.Ts).Write(record);
    public void Write(ErrorRecord record) => By(record.Ts).Write(record);
    public void Write(CampaignRecord record) => sinks[0].Write(record);
    public void Write(AdSpendRecord record) => By(record.Date).Write(record);
    public void Write(FxRateRecord record) => By(record.Date).Write(record);
    public void WriteLate(EventRecord record) => sinks[^1].WriteLate(record);
    public void WriteDirty(DirtyRecord record) => sinks[0].WriteDirty(record);
}
