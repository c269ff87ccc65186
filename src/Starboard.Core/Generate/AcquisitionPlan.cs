using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

internal enum CampaignShape
{
    /// <summary>Constant daily intensity.</summary>
    Steady,
    /// <summary>A launch spike that decays to a third of its peak.</summary>
    Burst,
    /// <summary>Grows linearly from a fifth to full intensity (a holiday push).</summary>
    Ramp,
    /// <summary>Email sends every <see cref="PlannedCampaign.SendEveryDays"/> days, each decaying over two days.</summary>
    Sends,
}

/// <summary>A campaign of the plan; days are indexes into the generated period.</summary>
internal sealed record PlannedCampaign(
    string Id, string Name, string Channel, string Currency, int StartDay, int EndDay, bool Ongoing,
    CampaignShape Shape, double Level, double CostPerSignupUsd, double ClickToSignup, double ClickThrough,
    int SendEveryDays = 30);

/// <summary>
/// When users sign up and where they come from. Signups follow one daily intensity curve: organic growth with
/// weekly seasonality and two press bursts, plus every active campaign's intensity. Ad spend is derived from the
/// same campaign intensities (expected signups x cost per signup), so spend and paid signups move together.
/// </summary>
internal sealed class AcquisitionPlan
{
    private static readonly WeightedChoice<string?> OrganicChannels = new(("organic", 62), ("referral", 24), (null, 14));

    private readonly GeneratorOptions _options;
    private readonly double[] _organic;
    private readonly double[][] _campaign; // [campaign][day]
    private readonly double[] _cumulative;

    public AcquisitionPlan(GeneratorOptions options)
    {
        _options = options;
        int days = options.Days;
        var random = RandomStream.For(options.Seed, StreamPurpose.Acquisition, 0);
        Campaigns = PlanCampaigns(days);

        _organic = new double[days];
        double[] noise = new double[days];
        for (int d = 0; d < days; d++)
        {
            double growth = Math.Exp(Math.Log(3) * d / days);
            double press = Pulse(d, 0.22 * days, 2.5, 2) + Pulse(d, 0.63 * days, 1.8, 3);
            _organic[d] = (growth + press) * Weekday(Date(d));
            noise[d] = random.LogNormal(0, 0.15);
        }

        _campaign = Campaigns.Select(c => Enumerable.Range(0, days).Select(d => Intensity(c, d)).ToArray()).ToArray();

        _cumulative = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++)
        {
            double day = _organic[d];
            foreach (var series in _campaign)
                day += series[d];
            total += day * noise[d];
            _cumulative[d] = total;
        }
        TotalIntensity = total;
    }

    public IReadOnlyList<PlannedCampaign> Campaigns { get; }

    private double TotalIntensity { get; }

    /// <summary>The signup day of the user at a quantile of the signup distribution (users are stratified).</summary>
    public int SignupDay(double quantile)
    {
        int day = Array.BinarySearch(_cumulative, quantile * TotalIntensity);
        return Math.Clamp(day < 0 ? ~day : day, 0, _options.Days - 1);
    }

    /// <summary>Who brought a user who signed up on this day: an organic channel (maybe unknown) or a campaign.</summary>
    public (string? Channel, PlannedCampaign? Campaign) Source(int day, RandomStream random)
    {
        double total = _organic[day];
        foreach (var series in _campaign)
            total += series[day];
        double u = random.NextDouble() * total - _organic[day];
        if (u < 0)
            return (OrganicChannels.Next(random), null);
        for (int c = 0; c < Campaigns.Count; c++)
        {
            u -= _campaign[c][day];
            if (u < 0)
                return (Campaigns[c].Channel, Campaigns[c]);
        }
        return (Campaigns[^1].Channel, Campaigns[^1]);
    }

    /// <summary>Signups a campaign is expected to bring on a day; what its spend is based on.</summary>
    public double ExpectedSignups(int campaign, int day) => _options.Users * _campaign[campaign][day] / TotalIntensity;

    public CampaignRecord Record(PlannedCampaign c)
    {
        double usdPerUnit = UsdPerUnit(c.Currency);
        int index = Campaigns.ToList().IndexOf(c);
        double expected = Enumerable.Range(c.StartDay, c.EndDay - c.StartDay + 1).Sum(d => ExpectedSignups(index, d));
        // Budgets are planned in round numbers, a little above what the campaign ends up spending.
        decimal budget = Math.Max(100m, Math.Round((decimal)(expected * c.CostPerSignupUsd * 1.15 / usdPerUnit) / 100m) * 100m);
        var start = Date(c.StartDay).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        DateTime? end = c.Ongoing ? null : Date(c.EndDay).ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);
        return new CampaignRecord(c.Id, c.Name, c.Channel, start, end, budget, c.Currency);
    }

    public AdSpendRecord Spend(int campaign, int day, RandomStream random)
    {
        var c = Campaigns[campaign];
        double signups = ExpectedSignups(campaign, day);
        double spendUsd = signups * c.CostPerSignupUsd * random.LogNormal(0, 0.18);
        long clicks = (long)Math.Round(signups / c.ClickToSignup * random.LogNormal(0, 0.1));
        long impressions = (long)Math.Round(clicks / c.ClickThrough * random.LogNormal(0, 0.1));
        decimal spend = Math.Round((decimal)(spendUsd / UsdPerUnit(c.Currency)), 2);
        return new AdSpendRecord(c.Id, Date(day), spend, c.Currency, impressions, clicks);
    }

    public static double Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => 0.82,
        DayOfWeek.Sunday => 0.88,
        _ => 1.0,
    };

    private DateOnly Date(int day) => _options.StartDate.AddDays(day);

    private static double UsdPerUnit(string currency) =>
        currency == AppCatalog.ReportingCurrency ? 1.0 : AppCatalog.Currencies.First(c => c.Currency == currency).UsdPerUnit;

    private static double Pulse(int day, double at, double height, double decayDays) =>
        day < at ? 0 : height * Math.Exp(-(day - at) / decayDays);

    private double Intensity(PlannedCampaign c, int day)
    {
        if (day < c.StartDay || day > c.EndDay)
            return 0;
        double age = day - c.StartDay, length = Math.Max(1, c.EndDay - c.StartDay);
        double shape = c.Shape switch
        {
            CampaignShape.Steady => 1,
            CampaignShape.Burst => 1.0 / 3 + 2.0 / 3 * Math.Exp(-age / Math.Max(2, length / 6)),
            CampaignShape.Ramp => 0.2 + 0.8 * age / length,
            CampaignShape.Sends => 0.05 + Math.Exp(-(age % c.SendEveryDays) / 1.2),
            _ => 1,
        };
        return c.Level * shape * Weekday(Date(day));
    }

    /// <summary>About a dozen campaigns laid out as shares of the period, so short periods still get a plan.</summary>
    private static List<PlannedCampaign> PlanCampaigns(int days)
    {
        PlannedCampaign C(int n, string name, string channel, string currency, double from, double? to,
            CampaignShape shape, double level, double cpa, double clickToSignup, double ctr, int every = 30)
        {
            int start = Math.Min(days - 1, (int)(from * days));
            int end = to is null ? days - 1 : Math.Clamp((int)Math.Ceiling(to.Value * days) - 1, start, days - 1);
            return new PlannedCampaign($"cmp-{n:D2}", name, channel, currency, start, end, to is null, shape, level, cpa,
                clickToSignup, ctr, every);
        }

        return
        [
            C(1, "Search - Brand", "paid_search", "USD", 0.00, null, CampaignShape.Steady, 0.16, 9, 0.12, 0.08),
            C(2, "Search - Generic", "paid_search", "USD", 0.08, null, CampaignShape.Steady, 0.26, 28, 0.05, 0.035),
            C(3, "Meta - Launch", "paid_social", "USD", 0.12, 0.20, CampaignShape.Burst, 1.4, 18, 0.04, 0.012),
            C(4, "Newsletter - Monthly", "email", "USD", 0.02, null, CampaignShape.Sends, 0.45, 2.2, 0.10, 0.04),
            C(5, "Display - Retargeting", "display", "USD", 0.15, 0.95, CampaignShape.Steady, 0.10, 45, 0.03, 0.004),
            C(6, "TikTok - Creators", "paid_social", "USD", 0.30, 0.50, CampaignShape.Steady, 0.32, 14, 0.05, 0.015),
            C(7, "Spring Promo EU", "paid_social", "EUR", 0.45, 0.50, CampaignShape.Burst, 1.1, 16, 0.04, 0.011),
            C(8, "Search - Competitor", "paid_search", "USD", 0.50, 0.80, CampaignShape.Steady, 0.20, 35, 0.04, 0.03),
            C(9, "Display - Programmatic UK", "display", "GBP", 0.62, 0.82, CampaignShape.Steady, 0.14, 38, 0.025, 0.003),
            C(10, "Winback Email", "email", "USD", 0.70, 0.76, CampaignShape.Sends, 0.30, 1.5, 0.08, 0.05, 7),
            C(11, "Meta - Summer", "paid_social", "USD", 0.78, 0.85, CampaignShape.Burst, 1.25, 20, 0.04, 0.012),
            C(12, "Holiday Push", "paid_search", "USD", 0.90, null, CampaignShape.Ramp, 0.55, 30, 0.05, 0.03),
        ];
    }
}
