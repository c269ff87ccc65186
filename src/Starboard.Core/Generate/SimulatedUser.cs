namespace Starboard.Core.Generate;

/// <summary>
/// Everything the generator remembers about one user between days: the traits drawn once at creation, plus the
/// small mutable state of their lifecycle (plan, subscription, pending refunds, id counters). This per-user
/// state is all the generator holds; records stream out day by day.
/// </summary>
internal sealed class SimulatedUser
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required RandomStream Random { get; init; }

    // Acquisition
    public required int SignupDay { get; init; }
    public required DateTime SignupAt { get; init; }
    public required string? Channel { get; init; }
    public required string? CampaignId { get; init; }
    public required string? Email { get; init; }
    public required string? SignupProperties { get; init; }

    // Identity before signup: anonymous ids whose events precede the alias.
    public string? AnonId { get; init; }
    public string? SecondAnonId { get; init; }
    public bool SecondAnonChains { get; init; }
    public int AnonFirstDay { get; init; }

    // Where and how they use the app
    public required Country Country { get; set; }
    public required string Platform { get; init; }
    public required string Device { get; init; }
    public required int UpdateLagDays { get; init; }
    public int CountryChangeDay { get; set; } = -1;
    public Country? NextCountry { get; init; }

    // Engagement: a latent level drives activity, volume and lifetime together, so power users exist.
    public required double ActivityLevel { get; init; }
    public required double EventsPerActiveDay { get; init; }
    public required double DecayDays { get; init; }
    public required double Plateau { get; init; }
    public required int ChurnAfterDays { get; init; }
    public int ResurrectFromDays { get; init; } = -1;
    public int ResurrectUntilDays { get; init; } = -1;
    public required bool IsCreator { get; init; }
    public required double BuyPropensity { get; init; }
    public required char AbVariant { get; init; }

    // Plan and subscription
    public required int InitialPlan { get; init; }
    public int Plan { get; set; }
    public string? SubscriptionId { get; set; }
    public string? SubscriptionCurrency { get; set; }
    public DateTime NextRenewal { get; set; }

    /// <summary>
    /// The latest subscription action written. A failed renewal retried hours later can land on the next day, so
    /// later decisions check this to keep each user's actions and versions in time order.
    /// </summary>
    public DateTime LastSubscriptionAt { get; set; }

    /// <summary>Refunds decided at payment time, written on the day they happen.</summary>
    public List<Contract.RefundRecord>? PendingRefunds { get; set; }

    // Id counters (ids are built from the user number and a counter, so they are unique by construction)
    public int Sessions, Events, Orders, Payments, Refunds, SubscriptionCount, Errors;

    public int FirstDay => AnonId is null ? SignupDay : AnonFirstDay;

    public string Currency => Country.Currency;
}
