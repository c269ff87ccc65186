using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Sits between the generator and the caller's sink: forwards every clean record, counts it, and after a random
/// gap interleaves a dirty line modelled on the record just written, in that record's file. Runs on the single
/// writing thread, so its random stream stays deterministic.
/// </summary>
internal sealed class DirtyInjector : IRecordSink
{
    // Index into RecordSchema.All, used as a cheap per-type slot.
    private const int User = 0, Alias = 1, Session = 2, Event = 3, Order = 4, Payment = 5, Refund = 6,
        Subscription = 7, Error = 8, Campaign = 9, AdSpend = 10, FxRate = 11;

    private static readonly DirtyKind[] Kinds = Enum.GetValues<DirtyKind>();

    private readonly IRecordSink _inner;
    private readonly RandomStream _random;
    private readonly DirtyRecordFactory _factory;
    private readonly double _perCleanLine;
    private readonly long[] _counts = new long[RecordSchema.All.Count];
    private readonly long[] _dirty = new long[Kinds.Length];
    private long _gap;

    public DirtyInjector(IRecordSink inner, double dirtyShare, RandomStream random)
    {
        _inner = inner;
        _random = random;
        _factory = new DirtyRecordFactory(random);
        // A share s of all lines is one dirty line per (1 - s) / s clean lines.
        _perCleanLine = dirtyShare <= 0 ? 0 : dirtyShare / (1 - dirtyShare);
        _gap = _random.Geometric(_perCleanLine);
    }

    public long LateEvents { get; private set; }

    public long LinesWritten => _counts.Sum() + _dirty.Sum() + LateEvents;

    public IReadOnlyList<string> Files => _inner.Files;

    public IReadOnlyDictionary<string, long> CountsByType() =>
        RecordSchema.All.Select((s, i) => (s.Type, _counts[i])).ToDictionary(x => x.Type, x => x.Item2);

    public IReadOnlyDictionary<DirtyKind, long> DirtyByKind() =>
        Kinds.Select((k, i) => (k, _dirty[i])).ToDictionary(x => x.k, x => x.Item2);

    public void Write(UserRecord record) { _inner.Write(record); Clean(User, record); }
    public void Write(AliasRecord record) { _inner.Write(record); Clean(Alias, record); }
    public void Write(SessionRecord record) { _inner.Write(record); Clean(Session, record); }
    public void Write(EventRecord record) { _inner.Write(record); Clean(Event, record); }
    public void Write(OrderRecord record) { _inner.Write(record); Clean(Order, record); }
    public void Write(PaymentRecord record) { _inner.Write(record); Clean(Payment, record); }
    public void Write(RefundRecord record) { _inner.Write(record); Clean(Refund, record); }
    public void Write(SubscriptionRecord record) { _inner.Write(record); Clean(Subscription, record); }
    public void Write(ErrorRecord record) { _inner.Write(record); Clean(Error, record); }
    public void Write(CampaignRecord record) { _inner.Write(record); Clean(Campaign, record); }
    public void Write(AdSpendRecord record) { _inner.Write(record); Clean(AdSpend, record); }
    public void Write(FxRateRecord record) { _inner.Write(record); Clean(FxRate, record); }

    public void WriteLate(EventRecord record)
    {
        _inner.WriteLate(record);
        LateEvents++;
    }

    public void WriteDirty(DirtyRecord record)
    {
        _inner.WriteDirty(record);
        _dirty[(int)record.Kind]++;
    }

    private void Clean(int type, object record)
    {
        _counts[type]++;
        if (--_gap >= 0)
            return;
        _gap = _random.Geometric(_perCleanLine);
        WriteDirty(_factory.Create(NextKind(RecordSchema.All[type]), record));
    }

    /// <summary>
    /// The least used kind that this record type can carry (ties broken at random). Dirty lines thus stay
    /// proportional to each file's volume, and even a small run gets every kind, including those that only money
    /// records can carry.
    /// </summary>
    private DirtyKind NextKind(RecordSchema schema)
    {
        DirtyKind best = DirtyKind.Truncated;
        long bestCount = long.MaxValue;
        int ties = 0;
        foreach (var kind in Kinds)
        {
            if (!DirtyRecordFactory.Fits(kind, schema))
                continue;
            long count = _dirty[(int)kind];
            if (count < bestCount)
                (best, bestCount, ties) = (kind, count, 1);
            else if (count == bestCount && _random.NextInt(++ties) == 0)
                best = kind; // reservoir sampling over the tied kinds
        }
        return best;
    }
}
