using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Plays one user's day: anonymous visits before signup, the signup itself (user, aliases), plan and country
/// changes (new user versions), subscription renewals, refunds falling due, and, if the user is active that day,
/// sessions with their events, purchases and errors. Everything draws from the user's own random stream.
/// </summary>
internal static partial class UserSimulator
{
    private const double ResurrectedActivity = 0.6;

    public static void SimulateDay(SimulatedUser u, SimDay day, DayBatch batch)
    {
        if (day.Index < u.FirstDay)
            return;
        if (day.Index < u.SignupDay)
        {
            if (u.Random.Chance(0.7))
                AnonymousVisit(u, day, batch, day.Start.AddMilliseconds(UserFactory.UtcTimeOfDay(u.Random, u.Country)));
            return;
        }

        int age = day.Index - u.SignupDay;
        var notBefore = day.Start;
        if (age == 0)
            notBefore = SignUp(u, day, batch);
        if (day.Index == u.CountryChangeDay && u.NextCountry is not null)
        {
            if (u.LastSubscriptionAt >= day.Start)
                u.CountryChangeDay++; // a plan change from yesterday's retry is dated today: move tomorrow instead
            else
                MoveCountry(u, day, batch);
        }
        RefundsDue(u, day, batch);
        RenewalsDue(u, day, batch);
        if (age == 0 || IsActive(u, day, age))
            ActiveDay(u, day, batch, notBefore, age);
    }

    /// <summary>Alive until a personal churn age, and again inside a resurrection window for a few users.</summary>
    internal static bool IsAlive(SimulatedUser u, int age) =>
        age < u.ChurnAfterDays || (age >= u.ResurrectFromDays && age < u.ResurrectUntilDays);

    private static bool IsActive(SimulatedUser u, SimDay day, int age)
    {
        if (!IsAlive(u, age))
            return false;
        double retention = u.Plateau + (1 - u.Plateau) * Math.Exp(-age / u.DecayDays);
        double p = u.ActivityLevel * retention * day.Weekday;
        if (age >= u.ChurnAfterDays)
            p *= ResurrectedActivity;
        return u.Random.Chance(p);
    }

    private static DateTime SignUp(SimulatedUser u, SimDay day, DayBatch batch)
    {
        var r = u.Random;
        if (u.AnonId is not null)
        {
            // The visit that ends in the signup form, still under the anonymous id.
            var visitStart = u.SignupAt.AddMilliseconds(-r.NextInt(180_000, 1_500_000));
            AnonymousVisit(u, day, batch, visitStart < day.Start ? day.Start : visitStart, until: u.SignupAt);
        }

        u.Plan = 0; // everyone starts free; paid plans start a subscription (and a new user version) right after
        WriteVersion(u, batch, r.Chance(0.3) ? u.SignupAt : null, u.SignupProperties);
        if (u.AnonId is not null)
        {
            batch.Aliases.Add(new AliasRecord(u.AnonId, u.Id));
            if (u.SecondAnonId is not null)
                batch.Aliases.Add(new AliasRecord(u.SecondAnonId, u.SecondAnonChains ? u.AnonId : u.Id));
        }
        if (u.InitialPlan > 0)
            StartSubscription(u, day, batch, u.SignupAt.AddMilliseconds(r.NextInt(60_000, 600_000)), u.InitialPlan);
        return u.SignupAt;
    }

    private static void MoveCountry(SimulatedUser u, SimDay day, DayBatch batch)
    {
        // At the start of the day, so every event of the day already carries the new country.
        var at = day.Start.AddMilliseconds(u.Random.NextInt(1_000));
        u.Country = u.NextCountry!;
        WriteVersion(u, batch, at);
    }

    /// <summary>A new version of the user record (SCD2 input): same created_at, a later updated_at.</summary>
    internal static void WriteVersion(SimulatedUser u, DayBatch batch, DateTime? updatedAt, string? properties = null)
    {
        batch.Users.Add(new UserRecord(u.Id, u.SignupAt, updatedAt, u.Country.Code, u.Platform,
            AppCatalog.Plans[u.Plan], u.Channel, u.CampaignId, u.Email, properties));
    }

    private static void ActiveDay(SimulatedUser u, SimDay day, DayBatch batch, DateTime notBefore, int age)
    {
        var r = u.Random;
        double volume = u.EventsPerActiveDay * day.Weekday * r.LogNormal(-0.06, 0.35);
        if (age >= u.ChurnAfterDays)
            volume *= ResurrectedActivity;
        int events = Math.Max(1, r.Poisson(volume));
        int sessions = 1 + r.Poisson(Math.Min(4, (events - 1) / 7.0));
        sessions = Math.Min(sessions, events);

        Span<int> perSession = stackalloc int[sessions];
        perSession.Fill(1);
        for (int i = sessions; i < events; i++)
            perSession[r.NextInt(sessions)]++;
        Span<long> starts = stackalloc long[sessions];
        for (int i = 0; i < sessions; i++)
            starts[i] = UserFactory.UtcTimeOfDay(r, u.Country);
        starts.Sort();
        if (age == 0)
            starts[0] = (long)(u.SignupAt - day.Start).TotalMilliseconds; // the signup opens the first session

        var lastEnd = notBefore;
        for (int i = 0; i < sessions; i++)
        {
            var start = day.Start.AddMilliseconds(starts[i]);
            if (start < notBefore)
                start = notBefore;
            if (start >= day.PeriodEnd)
                break;
            lastEnd = Session(u, day, batch, start, perSession[i], u.Id);
            // Keep sessions apart by more than the 30-minute rule, so sessionizing id-less events recovers them.
            notBefore = lastEnd.AddMilliseconds(31 * 60_000 + (long)r.Exponential(90 * 60_000));
        }

        // Plan decisions happen near the end of the day's last session (and never before the signup itself).
        var planChangeAt = lastEnd.AddMilliseconds(-r.NextInt(1, 30_000));
        if (planChangeAt <= u.SignupAt)
            planChangeAt = u.SignupAt.AddMilliseconds(r.NextInt(1_000, 60_000));
        if (planChangeAt < day.PeriodEnd)
            PlanDecisions(u, day, batch, planChangeAt);
    }

    private static void AnonymousVisit(SimulatedUser u, SimDay day, DayBatch batch, DateTime start, DateTime? until = null)
    {
        string anonId = u.SecondAnonId is not null && u.Random.Chance(0.4) && until is null ? u.SecondAnonId : u.AnonId!;
        if (start >= day.PeriodEnd)
            return;
        Session(u, day, batch, start, u.Random.NextInt(2, 7), anonId, until);
    }
}
