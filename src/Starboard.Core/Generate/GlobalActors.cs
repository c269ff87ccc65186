using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// The records no single user owns: fx rates, campaigns and their daily spend (a few days restated later), and
/// backend errors that belong to no user. Called for each day in order, from one thread.
/// </summary>
internal sealed class GlobalActors(GeneratorOptions options, AcquisitionPlan plan, FxRateWalk fx)
{
    private const double RestatedShare = 0.015;

    private readonly Dictionary<int, List<AdSpendRecord>> _restatements = new();

    /// <summary>Rates, campaigns launching today, today's spend and restatements of earlier days.</summary>
    public DayBatch Head(SimDay day)
    {
        var batch = new DayBatch();
        batch.FxRates.AddRange(fx.On(day.Index, day.Date));
        var random = RandomStream.For(options.Seed, StreamPurpose.Acquisition, 1 + day.Index);
        for (int c = 0; c < plan.Campaigns.Count; c++)
        {
            var campaign = plan.Campaigns[c];
            if (campaign.StartDay == day.Index)
                batch.Campaigns.Add(plan.Record(campaign));
            if (day.Index < campaign.StartDay || day.Index > campaign.EndDay)
                continue;
            var spend = plan.Spend(c, day.Index, random);
            batch.AdSpend.Add(spend);
            if (random.Chance(RestatedShare))
            {
                // The ad network corrects the figure a few days later; the later row replaces the earlier one.
                int restateOn = day.Index + random.NextInt(1, 5);
                decimal corrected = Math.Round(spend.Spend * (decimal)random.Uniform(0.85, 1.15), 2);
                if (restateOn < options.Days)
                {
                    if (!_restatements.TryGetValue(restateOn, out var list))
                        _restatements[restateOn] = list = [];
                    list.Add(spend with { Spend = corrected });
                }
            }
        }
        if (_restatements.Remove(day.Index, out var due))
            batch.AdSpend.AddRange(due);
        return batch;
    }

    /// <summary>Server-side errors with no user or session, growing with the user base.</summary>
    public DayBatch Tail(SimDay day)
    {
        var batch = new DayBatch();
        var random = RandomStream.For(options.Seed, StreamPurpose.Background, day.Index);
        double mean = options.Users / 20_000.0 * (2 + 4 * day.Progress);
        int count = random.Poisson(mean);
        for (int i = 1; i <= count; i++)
        {
            var kind = AppCatalog.BackendKinds.Next(random);
            var ts = day.Start.AddMilliseconds(random.NextInt(86_400_000));
            batch.Errors.Add(new ErrorRecord($"err-b{day.Index + 1}-{i}", ts, kind.Code, kind.Severity, null, null,
                kind.Message, null, null));
        }
        return batch;
    }
}
