using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>
/// Lifecycle over 2–4 March 2026 (UTC days; 1 March is the bucket before the range). Persons and their app_open days:
/// n1 created 2 Mar, active 2, 3 — new, returning, then dormant on the 4th.
/// r1 created in February, active 1 (before the range), 2, 4 — returning, dormant on the 3rd, resurrecting.
/// s1 has no user record; their first event (a settings change) was on 10 Feb; active 3 — resurrecting, dormant on the 4th.
/// n2 has no user record; first event ever on the 4th — new.
/// p1's latest version says created 3 Mar (an older one said February); active 2, 3 — resurrecting, then new
///    (new wins over returning), then dormant.
/// d0 active 1 Mar only — dormant on the 2nd, and only there.
/// </summary>
public sealed class LifecycleTests(LifecycleTests.Data data) : IClassFixture<LifecycleTests.Data>
{
    private readonly InsightApp _app = data;

    /// <summary>The app, loaded once for the class.</summary>
    public sealed class Data() : InsightApp(
        User("n1", "2026-03-02T10:00:00Z"),
        User("r1", "2026-02-01T10:00:00Z"),
        User("p1", "2026-02-01T10:00:00Z", "\"updated_at\":\"2026-02-01T10:00:00Z\""),
        User("p1", "2026-03-03T10:00:00Z", "\"updated_at\":\"2026-03-05T10:00:00Z\""),
        User("d0", "2026-01-01T10:00:00Z"),
        Event("n1a", "n1", "app_open", "2026-03-02T11:00:00Z"),
        Event("n1b", "n1", "app_open", "2026-03-03T11:00:00Z"),
        Event("r1a", "r1", "app_open", "2026-03-01T11:00:00Z"),
        Event("r1b", "r1", "app_open", "2026-03-02T11:00:00Z"),
        Event("r1c", "r1", "app_open", "2026-03-04T11:00:00Z"),
        Event("s1a", "s1", "settings_change", "2026-02-10T11:00:00Z"),
        Event("s1b", "s1", "app_open", "2026-03-03T11:00:00Z"),
        Event("n2a", "n2", "app_open", "2026-03-04T11:00:00Z"),
        Event("p1a", "p1", "app_open", "2026-03-02T11:00:00Z"),
        Event("p1b", "p1", "app_open", "2026-03-03T11:00:00Z"),
        Event("d0a", "d0", "app_open", "2026-03-01T11:00:00Z"));

    [Fact]
    public void Should_Classify_Every_Active_Person_And_Report_Dormant_Ones_Once()
    {
        var result = _app.Run("""
            {"kind": "lifecycle", "date_from": "2026-03-02", "date_to": "2026-03-04", "interval": "day",
             "series": [{"event": "app_open"}]}
            """);

        Strings(result["buckets"]).ShouldBe(["2026-03-02", "2026-03-03", "2026-03-04"]);
        Longs(result["new"]).ShouldBe([1, 1, 1]);          // n1; p1; n2
        Longs(result["returning"]).ShouldBe([1, 1, 0]);    // r1 (1 Mar counts as history); n1
        Longs(result["resurrecting"]).ShouldBe([1, 1, 1]); // p1; s1; r1
        Longs(result["dormant"]).ShouldBe([-1, -1, -3]);   // d0; r1; n1, s1 and p1
    }

    [Fact]
    public void Should_Use_The_Query_Filters_For_Activity()
    {
        // Only r1's and d0's events are on web: r1 is active on 1, 2 and 4 March, d0 on the 1st.
        using var app = new InsightApp(
            User("r1", "2026-02-01T10:00:00Z"),
            Event("r1a", "r1", "app_open", "2026-03-01T11:00:00Z", extra: "\"platform\":\"web\""),
            Event("r1b", "r1", "app_open", "2026-03-02T11:00:00Z", extra: "\"platform\":\"web\""),
            Event("r1c", "r1", "app_open", "2026-03-04T11:00:00Z", extra: "\"platform\":\"web\""),
            Event("x1", "x", "app_open", "2026-03-03T11:00:00Z", extra: "\"platform\":\"ios\""),
            Event("d0a", "d0", "app_open", "2026-03-01T11:00:00Z", extra: "\"platform\":\"web\""));
        var result = app.Run("""
            {"kind": "lifecycle", "date_from": "2026-03-02", "date_to": "2026-03-04", "series": [{"event": null}],
             "filters": [{"type": "event", "key": "platform", "operator": "exact", "value": "web"}]}
            """);

        Longs(result["new"]).ShouldBe([0, 0, 0]);
        Longs(result["returning"]).ShouldBe([1, 0, 0]);
        Longs(result["resurrecting"]).ShouldBe([0, 0, 1]);
        Longs(result["dormant"]).ShouldBe([-1, -1, 0]);
    }

}
