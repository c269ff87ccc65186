namespace Starboard.Core.Generate;

/// <summary>
/// The free `properties` objects events carry, pre-rendered as JSON text once, so millions of events share a
/// few hundred strings instead of allocating their own.
/// </summary>
internal static class EventProperties
{
    /// <summary>An A/B test on the home screen runs over this part of the period.</summary>
    public const double ExperimentFrom = 0.45, ExperimentTo = 0.75;

    private static readonly string[] ScreenOnly =
        AppCatalog.Screens.Select(s => $$"""{"screen":"{{s}}"}""").ToArray();

    private static readonly string[] HomeWithVariant =
        new[] { "A", "B" }.Select(v => $$"""{"screen":"home","ab_variant":"{{v}}"}""").ToArray();

    private static readonly string[] Skus =
        AppCatalog.Products.Select(p => $$"""{"sku":"{{p.Sku}}"}""").ToArray();

    private static readonly string[] QueryLengths =
        Enumerable.Range(0, 41).Select(n => $$"""{"query_length":{{n}}}""").ToArray();

    private static readonly string[] ShareTargets =
        new[] { "copy_link", "whatsapp", "instagram", "messages", "email" }.Select(t => $$"""{"target":"{{t}}"}""").ToArray();

    public static string Screen(RandomStream r, SimDay day, char variant)
    {
        int screen = r.NextInt(ScreenOnly.Length);
        bool inExperiment = day.Progress >= ExperimentFrom && day.Progress < ExperimentTo;
        return screen == 0 && inExperiment ? HomeWithVariant[variant == 'A' ? 0 : 1] : ScreenOnly[screen];
    }

    public static string Sku(int product) => Skus[product];

    public static string Query(RandomStream r) => QueryLengths[Math.Min(40, 1 + r.Poisson(9))];

    public static string Share(RandomStream r) => r.Pick(ShareTargets);
}
