using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>Funnels view → cart → buy on 1 March 2026 (UTC) with a one-hour window, worked out by hand.</summary>
public sealed class FunnelTests
{
    private const string Steps = """
        "steps": [{"event": "view"}, {"event": "cart"}, {"event": "buy"}], "conversion_window": {"value": 1, "unit": "hour"}
        """;

    private static string Query(string extra = "") => $$"""
        {"kind": "funnel", "date_from": "2026-03-01", "date_to": "2026-03-01", {{Steps}}{{extra}}}
        """;

    [Fact]
    public void Should_Count_Each_Persons_Furthest_Attempt_Within_The_Window()
    {
        using var app = new InsightApp(
            // f1 converts: 10 minutes per step.
            Event("f1a", "f1", "view", "2026-03-01T10:00:00Z"), Event("f1b", "f1", "cart", "2026-03-01T10:10:00Z"),
            Event("f1c", "f1", "buy", "2026-03-01T10:20:00Z"),
            // f2 buys before carting: steps must be in order, so only the cart counts.
            Event("f2a", "f2", "view", "2026-03-01T10:00:00Z"), Event("f2b", "f2", "buy", "2026-03-01T10:05:00Z"),
            Event("f2c", "f2", "cart", "2026-03-01T10:10:00Z"),
            // f3 buys exactly at the end of the window (still converts); f4 one second after it.
            Event("f3a", "f3", "view", "2026-03-01T10:00:00Z"), Event("f3b", "f3", "cart", "2026-03-01T10:30:00Z"),
            Event("f3c", "f3", "buy", "2026-03-01T11:00:00Z"),
            Event("f4a", "f4", "view", "2026-03-01T10:00:00Z"), Event("f4b", "f4", "cart", "2026-03-01T10:30:00Z"),
            Event("f4c", "f4", "buy", "2026-03-01T11:00:01Z"),
            // f5 viewed before the range: step 0 must fall in it.
            Event("f5a", "f5", "view", "2026-02-28T23:59:00Z"), Event("f5b", "f5", "cart", "2026-03-01T00:10:00Z"),
            // f6 views in the range and carts after it, within the window.
            Event("f6a", "f6", "view", "2026-03-01T23:50:00Z"), Event("f6b", "f6", "cart", "2026-03-02T00:10:00Z"),
            // f7: a first attempt stops at the cart; the second converts and is the one counted.
            Event("f7a", "f7", "view", "2026-03-01T09:00:00Z"), Event("f7b", "f7", "cart", "2026-03-01T09:30:00Z"),
            Event("f7c", "f7", "view", "2026-03-01T12:00:00Z"), Event("f7d", "f7", "cart", "2026-03-01T12:05:00Z"),
            Event("f7e", "f7", "buy", "2026-03-01T12:10:00Z"));

        var result = app.Run(Query());

        Longs(result["step_counts"]).ShouldBe([6, 6, 3]);
        var persons = result["persons_at_step"]!.AsArray();
        Strings(persons[0]).ShouldBe(["f1", "f2", "f3", "f4", "f6", "f7"]);
        Strings(persons[2]).ShouldBe(["f1", "f3", "f7"]);
        // view → cart: 600, 600, 1800, 1800, 1200 and 300 seconds; cart → buy: 600, 1800, 300.
        Doubles(result["average_conversion_seconds"]).ShouldBe([null, 1050, 900]);
        Doubles(result["median_conversion_seconds"]).ShouldBe([null, 900, 600]);
    }

    [Fact]
    public void Should_Void_Attempts_With_An_Exclusion_Event_Between_Its_Steps()
    {
        using var app = new InsightApp(
            // g1: the exclusion falls between cart and buy: voided, and there is no other attempt.
            Event("g1a", "g1", "view", "2026-03-01T10:00:00Z"), Event("g1b", "g1", "cart", "2026-03-01T10:10:00Z"),
            Event("g1x", "g1", "remove", "2026-03-01T10:15:00Z"), Event("g1c", "g1", "buy", "2026-03-01T10:20:00Z"),
            // g2: after the buy it does not matter.
            Event("g2a", "g2", "view", "2026-03-01T10:00:00Z"), Event("g2b", "g2", "cart", "2026-03-01T10:10:00Z"),
            Event("g2c", "g2", "buy", "2026-03-01T10:20:00Z"), Event("g2x", "g2", "remove", "2026-03-01T10:25:00Z"),
            // g3 never buys; the exclusion after the cart within the window voids the attempt.
            Event("g3a", "g3", "view", "2026-03-01T10:00:00Z"), Event("g3b", "g3", "cart", "2026-03-01T10:10:00Z"),
            Event("g3x", "g3", "remove", "2026-03-01T10:30:00Z"),
            // g4 never buys, but the exclusion comes after the window (11:00): the attempt stands at the cart.
            Event("g4a", "g4", "view", "2026-03-01T10:00:00Z"), Event("g4b", "g4", "cart", "2026-03-01T10:10:00Z"),
            Event("g4x", "g4", "remove", "2026-03-01T11:30:00Z"),
            // g5: the exclusion comes before the cart (the from step): clean.
            Event("g5a", "g5", "view", "2026-03-01T10:00:00Z"), Event("g5x", "g5", "remove", "2026-03-01T10:05:00Z"),
            Event("g5b", "g5", "cart", "2026-03-01T10:10:00Z"), Event("g5c", "g5", "buy", "2026-03-01T10:20:00Z"),
            // g6: the first attempt is voided, a later clean one converts.
            Event("g6a", "g6", "view", "2026-03-01T10:00:00Z"), Event("g6b", "g6", "cart", "2026-03-01T10:05:00Z"),
            Event("g6x", "g6", "remove", "2026-03-01T10:06:00Z"), Event("g6c", "g6", "buy", "2026-03-01T10:10:00Z"),
            Event("g6d", "g6", "view", "2026-03-01T12:00:00Z"), Event("g6e", "g6", "cart", "2026-03-01T12:05:00Z"),
            Event("g6f", "g6", "buy", "2026-03-01T12:10:00Z"),
            // g7: the first attempt is voided; the later one only views, and is clean, so g7 counts at step 0.
            Event("g7a", "g7", "view", "2026-03-01T10:00:00Z"), Event("g7b", "g7", "cart", "2026-03-01T10:05:00Z"),
            Event("g7x", "g7", "remove", "2026-03-01T10:06:00Z"), Event("g7c", "g7", "buy", "2026-03-01T10:10:00Z"),
            Event("g7d", "g7", "view", "2026-03-01T12:00:00Z"));

        var result = app.Run(Query(""", "exclusions": [{"event": "remove", "from_step": 1, "to_step": 2}]"""));

        var persons = result["persons_at_step"]!.AsArray();
        Strings(persons[0]).ShouldBe(["g2", "g4", "g5", "g6", "g7"]);
        Strings(persons[1]).ShouldBe(["g2", "g4", "g5", "g6"]);
        Strings(persons[2]).ShouldBe(["g2", "g5", "g6"]);
        Longs(result["step_counts"]).ShouldBe([5, 4, 3]);
    }

    [Fact]
    public void Should_Let_Steps_Share_A_Timestamp_But_Not_An_Event()
    {
        using var app = new InsightApp(
            // h1 views, carts and buys in the same second.
            Event("h1a", "h1", "view", "2026-03-01T10:00:00Z"), Event("h1b", "h1", "cart", "2026-03-01T10:00:00Z"),
            Event("h1c", "h1", "buy", "2026-03-01T10:00:00Z"),
            // h2 views twice: a view → view funnel needs two views; h3 views once.
            Event("h2a", "h2", "view", "2026-03-01T10:00:00Z"), Event("h2b", "h2", "view", "2026-03-01T10:01:00Z"),
            Event("h3a", "h3", "view", "2026-03-01T10:00:00Z"));

        Longs(app.Run(Query())["step_counts"]).ShouldBe([3, 1, 1]);
        var twice = app.Run("""
            {"kind": "funnel", "date_from": "2026-03-01", "date_to": "2026-03-01", "steps": [{"event": "view"}, {"event": "view"}]}
            """);
        Strings(twice["persons_at_step"]!.AsArray()[1]).ShouldBe(["h2"]);
    }
}
