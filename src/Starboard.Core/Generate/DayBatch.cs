using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// The records one block of users (or the global actors) produce on one day, kept in the order they must be
/// written. Blocks are simulated in parallel and written in block order, so output never depends on threads.
/// </summary>
internal sealed class DayBatch
{
    public List<FxRateRecord> FxRates { get; } = [];
    public List<CampaignRecord> Campaigns { get; } = [];
    public List<AdSpendRecord> AdSpend { get; } = [];
    public List<UserRecord> Users { get; } = [];
    public List<AliasRecord> Aliases { get; } = [];
    public List<SessionRecord> Sessions { get; } = [];
    public List<EventRecord> Events { get; } = [];
    public List<EventRecord> LateEvents { get; } = [];

    /// <summary>Events sent a second time by a client retry (same id and content), written after the day's events.</summary>
    public List<EventRecord> ResentEvents { get; } = [];
    public List<OrderRecord> Orders { get; } = [];
    public List<PaymentRecord> Payments { get; } = [];
    public List<PaymentRecord> ResentPayments { get; } = [];
    public List<RefundRecord> Refunds { get; } = [];
    public List<SubscriptionRecord> Subscriptions { get; } = [];
    public List<ErrorRecord> Errors { get; } = [];

    public void WriteTo(IRecordSink sink)
    {
        foreach (var r in FxRates) sink.Write(r);
        foreach (var r in Campaigns) sink.Write(r);
        foreach (var r in AdSpend) sink.Write(r);
        foreach (var r in Users) sink.Write(r);
        foreach (var r in Aliases) sink.Write(r);
        foreach (var r in Sessions) sink.Write(r);
        foreach (var r in Events) sink.Write(r);
        foreach (var r in ResentEvents) sink.Write(r);
        foreach (var r in Orders) sink.Write(r);
        foreach (var r in Payments) sink.Write(r);
        foreach (var r in ResentPayments) sink.Write(r);
        foreach (var r in Refunds) sink.Write(r);
        foreach (var r in Subscriptions) sink.Write(r);
        foreach (var r in Errors) sink.Write(r);
    }
}

/// <summary>Facts about the simulated day shared by every user.</summary>
internal sealed class SimDay
{
    public SimDay(GeneratorOptions options, int day)
    {
        Index = day;
        Date = options.StartDate.AddDays(day);
        Start = Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        PeriodEnd = options.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        LateFrom = options.EndDate.AddDays(1 - options.LateDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        LateShare = options.LateDays > 0 ? options.LateShare : 0;
        Progress = options.Days <= 1 ? 1 : (double)day / (options.Days - 1);
        Weekday = AcquisitionPlan.Weekday(Date);
        Days = options.Days;
    }

    public int Index { get; }
    public DateOnly Date { get; }
    public DateTime Start { get; }

    /// <summary>The first instant after the generated period; nothing is dated at or after it.</summary>
    public DateTime PeriodEnd { get; }

    /// <summary>Events at or after this instant may be held back as late arrivals.</summary>
    public DateTime LateFrom { get; }

    public double LateShare { get; }

    /// <summary>Position of the day in the period, 0 to 1; releases and launches are placed on this scale.</summary>
    public double Progress { get; }

    public double Weekday { get; }
    public int Days { get; }

    /// <summary>The newest release out for at least lagDays (web gets every release on its day).</summary>
    public AppRelease Release(int lagDays)
    {
        double progress = Days <= 1 ? 1 : (double)(Index - lagDays) / (Days - 1);
        var current = AppCatalog.Releases[0];
        foreach (var release in AppCatalog.Releases)
        {
            if (release.ReleasedAt <= progress)
                current = release;
        }
        return current;
    }
}
