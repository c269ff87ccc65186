namespace Starboard.Core.Generate;

/// <summary>
/// Draws a user's traits from their own random stream. User n signs up at the n-th stratified quantile of the
/// signup curve, so user ids follow signup order and daily signup counts track the curve closely.
/// </summary>
internal static class UserFactory
{
    private const int MsPerDay = 86_400_000;

    /// <summary>Relative activity by local hour: quiet nights, a morning bump, an evening peak.</summary>
    public static readonly WeightedChoice<int> LocalHours = new(
        (0, 0.6), (1, 0.35), (2, 0.2), (3, 0.15), (4, 0.15), (5, 0.25), (6, 0.6), (7, 1.2), (8, 1.6), (9, 1.5),
        (10, 1.3), (11, 1.3), (12, 1.5), (13, 1.4), (14, 1.2), (15, 1.2), (16, 1.3), (17, 1.6), (18, 2.0),
        (19, 2.3), (20, 2.4), (21, 2.1), (22, 1.6), (23, 1.0));

    private static readonly WeightedChoice<int> Plans = new((0, 88), (1, 6), (2, 4.5), (3, 1.5));

    private static readonly string[] SignupMethods =
    [
        """{"signup_method":"email"}""", """{"signup_method":"google"}""", """{"signup_method":"apple"}""",
        """{"signup_method":"email","newsletter_opt_in":true}""",
    ];

    public static SimulatedUser Create(int index, GeneratorOptions options, AcquisitionPlan plan)
    {
        var slot = RandomStream.For(options.Seed, StreamPurpose.SignupSlot, index);
        int signupDay = plan.SignupDay((index + slot.NextDouble()) / options.Users);
        var r = RandomStream.For(options.Seed, StreamPurpose.User, index);
        var dayStart = options.StartDate.AddDays(signupDay).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var country = AppCatalog.Countries.Next(r);
        string platform = DrawPlatform(r, country);
        var (channel, campaign) = plan.Source(signupDay, r);
        int number = index + 1;

        double z = r.Normal(); // latent engagement
        bool oneAndDone = r.Chance(0.28 - 0.08 * Math.Clamp(z, -1, 1));
        int churnAfter = oneAndDone ? r.NextInt(1, 4) : 2 + (int)r.Exponential(75 * Math.Exp(0.45 * z));
        bool resurrects = !oneAndDone && r.Chance(0.10);
        int resurrectFrom = resurrects ? churnAfter + 20 + (int)r.Exponential(50) : -1;
        bool anonymousFirst = r.Chance(platform == "web" ? 0.5 : 0.2);
        bool secondAnon = anonymousFirst && r.Chance(0.1);
        bool movesCountry = r.Chance(0.015);
        ulong anonSalt = RandomStream.Mix((ulong)(uint)options.Seed * 0x9E3779B97F4A7C15UL);

        return new SimulatedUser
        {
            Index = index,
            Id = $"u-{number}",
            Random = r,
            SignupDay = signupDay,
            SignupAt = dayStart.AddMilliseconds(UtcTimeOfDay(r, country)),
            Channel = channel,
            CampaignId = campaign?.Id,
            Email = r.Chance(0.93) ? $"{r.Pick(AppCatalog.FirstNames)}.{number}@{r.Pick(AppCatalog.EmailDomains)}" : null,
            SignupProperties = r.Chance(0.6) ? r.Pick(SignupMethods) : null,
            AnonId = anonymousFirst ? AnonId(anonSalt, 2UL * (ulong)index) : null,
            SecondAnonId = secondAnon ? AnonId(anonSalt, 2UL * (ulong)index + 1) : null,
            SecondAnonChains = r.Chance(0.3),
            AnonFirstDay = Math.Max(0, signupDay - r.NextInt(0, 4)),
            Country = country,
            Platform = platform,
            Device = AppCatalog.Devices[platform].Next(r),
            UpdateLagDays = (int)(r.Chance(0.8) ? r.Exponential(6) : r.Exponential(40)),
            CountryChangeDay = movesCountry ? signupDay + 10 + r.NextInt(190) : -1,
            NextCountry = movesCountry ? OtherCountry(r, country) : null,
            ActivityLevel = 1 / (1 + Math.Exp(0.2 - 0.9 * z)),
            EventsPerActiveDay = Math.Exp(1.55 + 0.8 * z),
            DecayDays = 2 + r.Exponential(3),
            Plateau = Math.Clamp(0.3 + 0.2 * z, 0.05, 0.9),
            ChurnAfterDays = churnAfter,
            ResurrectFromDays = resurrectFrom,
            ResurrectUntilDays = resurrects ? resurrectFrom + 10 + (int)r.Exponential(30) : -1,
            IsCreator = r.Chance(0.08 + 0.04 * Math.Clamp(z, 0, 2)),
            BuyPropensity = r.Chance(0.15) ? r.Uniform(0.5, 1.0) : 0.03,
            AbVariant = r.Chance(0.5) ? 'A' : 'B',
            InitialPlan = Plans.Next(r),
        };
    }

    /// <summary>A time of day (ms after midnight UTC) drawn in the country's local hours.</summary>
    public static long UtcTimeOfDay(RandomStream r, Country country)
    {
        long local = LocalHours.Next(r) * 3_600_000L + r.NextInt(3_600_000);
        long utc = (local - country.UtcOffsetMinutes * 60_000L) % MsPerDay;
        return utc < 0 ? utc + MsPerDay : utc;
    }

    private static string DrawPlatform(RandomStream r, Country country)
    {
        double u = r.NextDouble();
        if (u < 0.03)
            return "other";
        if (u < 0.03 + country.WebShare)
            return "web";
        return r.Chance(country.IosShare) ? "ios" : "android";
    }

    private static Country OtherCountry(RandomStream r, Country current)
    {
        while (true)
        {
            var next = AppCatalog.Countries.Next(r);
            if (next.Code != current.Code)
                return next;
        }
    }

    // The SplitMix finalizer is a bijection, so distinct users always get distinct anonymous ids.
    private static string AnonId(ulong salt, ulong n) => $"anon-{RandomStream.Mix(n ^ salt):x16}";
}
