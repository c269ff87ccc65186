using Starboard.Core.Sql;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Star;

/// <summary>
/// A small app whose star-schema rows are worked out by hand, built once for the class:
/// - u1 signs up on 2026-03-01 on plan basic in US and moves to plan pro on 2026-03-10 at 12:00 (a second
///   version); she pays 10 USD on 03-05, 7 USD on 03-10 at 08:00 (before the change) and 20 USD on 03-15.
///   u2 moves from DE to FR on 03-12 (a country change is a new version too).
/// - Session s1 (u1, 2026-03-05 10:00-10:30): e1 names it; e2 has no session_id but falls in its span; e3 at 12:00
///   falls in no session; e4 (fatal) names it; e5 names a session that does not exist but falls in s1's span.
/// - Subscription sub1 (EUR): start at 10 on 03-01 (rate 1.1), upgrade to 20 on 03-10 and cancel on 03-20 (rate
///   1.2 from 03-08).
/// - Campaign c1 (paid_search) spends 100 USD on 03-02, restated to 80 by a later load; c9 has spend but no record,
///   on 2026-02-20, the earliest day of any record.
/// - Order o1 (placed, then completed) has two lines: 2 x A at 5 and 1 x B at 3.
/// </summary>
public sealed class HandWorkedStarTests : IClassFixture<HandWorkedStarTests.App>
{
    public sealed class App : IDisposable
    {
        public TestWarehouse W { get; } = new();

        public App()
        {
            var first = W.WriteFile("a.jsonl",
                """{"type":"user","user_id":"u1","created_at":"2026-03-01T09:00:00Z","platform":"ios","country":"US","plan":"basic","channel":"paid_search","campaign_id":"c1"}""",
                """{"type":"user","user_id":"u1","created_at":"2026-03-01T09:00:00Z","updated_at":"2026-03-10T12:00:00Z","platform":"ios","country":"US","plan":"pro","channel":"paid_search","campaign_id":"c1"}""",
                """{"type":"user","user_id":"u2","created_at":"2026-03-02T09:00:00Z","platform":"web","country":"DE","channel":"organic"}""",
                """{"type":"user","user_id":"u2","created_at":"2026-03-02T09:00:00Z","updated_at":"2026-03-12T00:00:00Z","platform":"web","country":"FR","channel":"organic"}""",
                """{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-03-05T10:10:00Z","amount":10,"currency":"USD","status":"succeeded","method":"card","source":"ios"}""",
                """{"type":"payment","payment_id":"p2","user_id":"u1","ts":"2026-03-10T08:00:00Z","amount":7,"currency":"USD","status":"succeeded","method":"apple_pay","source":"ios"}""",
                """{"type":"payment","payment_id":"p3","user_id":"u1","ts":"2026-03-15T10:00:00Z","amount":20,"currency":"USD","status":"succeeded","source":"ios"}""",
                """{"type":"session","session_id":"s1","user_id":"u1","started_at":"2026-03-05T10:00:00Z","ended_at":"2026-03-05T10:30:00Z","platform":"ios","device":"iPhone 15","app_version":"3.2.1","country":"US"}""",
                """{"type":"event","event_id":"ev1","user_id":"u1","name":"search","ts":"2026-03-05T10:01:00Z","session_id":"s1","feature":"search"}""",
                """{"type":"event","event_id":"ev2","user_id":"u1","name":"search","ts":"2026-03-06T10:01:00Z","feature":"search"}""",
                """{"type":"error","error_id":"e1","ts":"2026-03-05T10:05:00Z","code":"E_HTTP_500","severity":"error","user_id":"u1","session_id":"s1"}""",
                """{"type":"error","error_id":"e2","ts":"2026-03-05T10:15:00Z","code":"E_HTTP_500","severity":"error","user_id":"u1"}""",
                """{"type":"error","error_id":"e3","ts":"2026-03-05T12:00:00Z","code":"E_HTTP_500","severity":"error","user_id":"u1"}""",
                """{"type":"error","error_id":"e4","ts":"2026-03-05T10:29:00Z","code":"E_OOM","severity":"fatal","user_id":"u1","session_id":"s1","app_version":"3.2.1","platform":"ios"}""",
                """{"type":"error","error_id":"e5","ts":"2026-03-05T10:20:00Z","code":"W_SLOW","severity":"warning","user_id":"u1","session_id":"nope"}""",
                """{"type":"subscription","subscription_id":"sub1","user_id":"u1","ts":"2026-03-01T09:05:00Z","action":"start","plan":"basic","mrr":10,"currency":"EUR"}""",
                """{"type":"subscription","subscription_id":"sub1","user_id":"u1","ts":"2026-03-10T12:00:00Z","action":"upgrade","plan":"pro","mrr":20,"currency":"EUR"}""",
                """{"type":"subscription","subscription_id":"sub1","user_id":"u1","ts":"2026-03-20T12:00:00Z","action":"cancel","plan":"pro","mrr":0,"currency":"EUR"}""",
                """{"type":"fx_rate","date":"2026-03-01","currency":"EUR","rate":1.1}""",
                """{"type":"fx_rate","date":"2026-03-08","currency":"EUR","rate":1.2}""",
                """{"type":"campaign","campaign_id":"c1","name":"Spring search","channel":"paid_search","started_at":"2026-03-01T00:00:00Z","budget":1000,"currency":"USD"}""",
                """{"type":"ad_spend","campaign_id":"c1","date":"2026-03-02","spend":100,"currency":"USD","impressions":1000,"clicks":50}""",
                """{"type":"ad_spend","campaign_id":"c9","date":"2026-02-20","spend":5,"currency":"USD"}""",
                """{"type":"order","order_id":"o1","user_id":"u1","ts":"2026-03-05T10:08:00Z","status":"placed","amount":13,"currency":"USD","items":[{"sku":"A","quantity":2,"unit_price":5},{"sku":"B","quantity":1,"unit_price":3}]}""",
                """{"type":"order","order_id":"o1","user_id":"u1","ts":"2026-03-05T10:08:00Z","status":"completed","amount":13,"currency":"USD","updated_at":"2026-03-05T10:11:00Z","items":[{"sku":"A","quantity":2,"unit_price":5},{"sku":"B","quantity":1,"unit_price":3}]}""");
            var restated = W.WriteFile("b.jsonl",
                """{"type":"ad_spend","campaign_id":"c1","date":"2026-03-02","spend":80,"currency":"USD","impressions":900,"clicks":45}""");
            W.Ingest(first);
            W.Ingest(restated);
            W.Run();
        }

        public void Dispose() => W.Dispose();
    }

    private readonly TestWarehouse _w;

    public HandWorkedStarTests(App app) => _w = app.W;

    private static long Key(params string[] parts) => HashKeys.Of(parts);

    [Fact]
    public void Should_Keep_Two_Versions_Of_A_User_Who_Changed_Plan_And_Attribute_Revenue_To_The_Right_One()
    {
        // Two versions of u1: basic until 2026-03-10 12:00, pro from then on; u2 has two as well (country).
        var versions = _w.Query<(long Sk, string Plan, DateTime From, DateTime To, bool Current)>(
            "SELECT user_sk, plan, valid_from, valid_to, is_current FROM dim_user WHERE user_id = 'u1' ORDER BY version_no");
        versions.Select(v => (v.Plan, v.Current)).ShouldBe([("basic", false), ("pro", true)]);
        versions[0].To.ShouldBe(new DateTime(2026, 3, 10, 12, 0, 0));
        versions[1].From.ShouldBe(versions[0].To);
        _w.Query<string>("SELECT country FROM dim_user WHERE user_id = 'u2' ORDER BY version_no").ShouldBe(["DE", "FR"]);

        // Each payment joins the version valid at its time: p1 and p2 (08:00, before the change) basic, p3 pro.
        var byPayment = _w.Query<(string Payment, long Sk)>("SELECT payment_id, user_sk FROM fact_payment ORDER BY payment_id");
        byPayment.ShouldBe([("p1", versions[0].Sk), ("p2", versions[0].Sk), ("p3", versions[1].Sk)]);

        // The KPI breakdown by plan takes the version of the day (the last one updated by the day's end).
        _w.Kpi("revenue_gross", "2026-03-05", "plan", "basic").ShouldBe(10.0);
        (_w.Kpi("revenue_gross", "2026-03-05", "plan", "pro") ?? 0).ShouldBe(0);
        _w.Kpi("revenue_gross", "2026-03-10", "plan", "pro").ShouldBe(7.0);
        _w.Kpi("revenue_gross", "2026-03-15", "plan", "pro").ShouldBe(20.0);
        (_w.Kpi("revenue_gross", "2026-03-15", "plan", "basic") ?? 0).ShouldBe(0);
    }

    [Fact]
    public void Should_Give_Each_Error_To_Its_Session_By_Id_Else_By_Span()
    {
        var errors = _w.Query<(string Id, string Match, long? Session)>("SELECT error_id, session_match, session_key FROM fact_error ORDER BY error_id");
        var s1 = Key("s1");
        errors.ShouldBe([("e1", "session_id", s1), ("e2", "span", s1), ("e3", "none", null), ("e4", "session_id", s1), ("e5", "span", s1)]);
        var session = _w.Query<(long Errors, long Fatal, bool Crashed)>("SELECT errors, fatal_errors, has_fatal_error FROM fact_session WHERE session_id = 's1'").Single();
        session.ShouldBe((4L, 1L, true));
        _w.Scalar<long>($"SELECT error_type_key FROM fact_error WHERE error_id = 'e4'").ShouldBe(Key("E_OOM", "fatal"));
        _w.Scalar<bool>("SELECT is_fatal FROM dim_error_type WHERE code = 'E_OOM'").ShouldBeTrue();
    }

    [Fact]
    public void Should_Record_Mrr_Changes_At_The_Rate_Of_The_Action_Day()
    {
        var events = _w.Query<(string Action, string Movement, decimal Mrr, decimal Previous, decimal Change)>("""
            SELECT action, mrr_movement, mrr_reporting, previous_mrr_reporting, mrr_change_reporting
            FROM fact_subscription_event ORDER BY ts
            """);
        // start: 10 EUR at 1.1; upgrade: 20 EUR and the previous 10 EUR both at 1.2 (rate of 03-10); cancel: 0.
        events.ShouldBe([("start", "new", 11m, 0m, 11m), ("upgrade", "expansion", 24m, 12m, 12m), ("cancel", "churn", 0m, 24m, -24m)]);
        _w.Scalar<long>("SELECT product_key FROM fact_subscription_event WHERE action = 'upgrade'").ShouldBe(Key("plan", "pro"));
    }

    [Fact]
    public void Should_Keep_The_Later_Load_Of_A_Restated_Spend_Day()
    {
        var spend = _w.Query<(string Campaign, decimal Spend, long? Clicks, string Channel)>(
            "SELECT campaign_id, spend_reporting, clicks, channel FROM fact_campaign_spend_daily ORDER BY campaign_id");
        spend.ShouldBe([("c1", 80m, 45L, "paid_search"), ("c9", 5m, null, "unknown")]);
        _w.Query<(string Id, bool Known, string Channel)>("SELECT campaign_id, is_known, channel FROM dim_campaign ORDER BY campaign_id")
            .ShouldBe([("c1", true, "paid_search"), ("c9", false, "unknown")]);
    }

    [Fact]
    public void Should_Split_The_Latest_Order_Version_Into_Lines()
    {
        _w.Query<(string Status, long Versions, long Lines, decimal Quantity)>("SELECT status, versions, item_lines, item_quantity FROM fact_order")
            .ShouldBe([("completed", 2L, 2L, 3m)]);
        _w.Query<(int Line, long Product, decimal Amount)>("SELECT line_no, product_key, line_amount FROM fact_order_item ORDER BY line_no")
            .ShouldBe([(1, Key("sku", "A"), 10m), (2, Key("sku", "B"), 3m)]);
        _w.Query<string>("SELECT product_type || ':' || product_code FROM dim_product ORDER BY 1")
            .ShouldBe(["plan:basic", "plan:pro", "sku:A", "sku:B"]);
    }

    [Fact]
    public void Should_Record_Signups_Feature_First_Use_And_The_Data_Range()
    {
        _w.Query<(string User, int Date, long Channel, long? Campaign)>("SELECT user_id, date_key, channel_key, campaign_key FROM fact_signup ORDER BY user_id")
            .ShouldBe([("u1", 20260301, Key("paid_search"), Key("c1")), ("u2", 20260302, Key("organic"), null)]);
        _w.Query<(int Date, bool First)>("SELECT date_key, is_first_use FROM fact_feature_usage_daily ORDER BY date_key")
            .ShouldBe([(20260305, true), (20260306, false)]);
        // The earliest record is c9's spend on 02-20, the latest the cancel on 03-20.
        _w.Query<(DateTime First, DateTime Last)>("SELECT first_date, last_date FROM data_range").Single()
            .ShouldBe((new DateTime(2026, 2, 20), new DateTime(2026, 3, 20)));
    }

    [Fact]
    public void Should_Give_Facts_The_Keys_Of_Their_Dimensions()
    {
        var session = _w.Query<(long Platform, long Device, long Version, long Geo)>(
            "SELECT platform_key, device_key, app_version_key, geo_key FROM fact_session WHERE session_id = 's1'").Single();
        session.ShouldBe((Key("ios"), Key("iPhone 15"), Key("3.2.1"), Key("US")));
        _w.Query<(string Form, string Major, string Minor)>("""
            SELECT d.form_factor, v.major_version, v.minor_version
            FROM fact_session AS s JOIN dim_device AS d ON d.device_key = s.device_key JOIN dim_app_version AS v ON v.app_version_key = s.app_version_key
            WHERE s.session_id = 's1'
            """).Single().ShouldBe(("phone", "3", "3.2"));
        _w.Query<(string Method, string Group)>("""
            SELECT m.method, m.method_group FROM fact_payment AS p JOIN dim_payment_method AS m ON m.payment_method_key = p.payment_method_key ORDER BY p.payment_id
            """).ShouldBe([("card", "card"), ("apple_pay", "wallet"), ("unknown", "unknown")]);
        _w.Scalar<string>("SELECT g.country_name FROM fact_event AS e JOIN dim_geo AS g ON g.geo_key = e.geo_key WHERE e.event_id = 'ev1'").ShouldBe("Unknown");
        _w.Scalar<string>("SELECT g.region FROM dim_geo AS g WHERE g.country_code = 'FR'").ShouldBe("Europe");
    }
}
