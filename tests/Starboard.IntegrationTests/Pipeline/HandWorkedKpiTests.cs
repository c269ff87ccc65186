using Starboard.Core.Run;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>
/// A tiny app whose every KPI value is worked out by hand in the comments, run through the real pipeline.
/// Day 1 (2026-01-01): u1 and u2 sign up; u1 opens the app twice 5 minutes apart (one derived session); u2 has
/// a reported session and pays 10 USD. Day 2: u3 signs up and only opens a notification (not a core action) but
/// pays 20 EUR at 1.1 (22 USD); u1 opens the app (a new session) and has a failed payment; u2's payment is
/// partly refunded (4 USD); u3's event names a session that has no record.
/// </summary>
public sealed class HandWorkedKpiTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    public HandWorkedKpiTests()
    {
        var file = _w.WriteFile("app.jsonl",
            """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z","platform":"ios","country":"US","plan":"free","channel":"organic"}""",
            """{"type":"user","user_id":"u2","created_at":"2026-01-01T12:00:00Z","platform":"android","country":"DE","plan":"pro","channel":"paid_search","campaign_id":"c1"}""",
            """{"type":"user","user_id":"u3","created_at":"2026-01-02T09:00:00Z","platform":"web","country":"US","plan":"free","channel":"organic"}""",
            """{"type":"event","event_id":"e1","user_id":"u1","name":"app_open","ts":"2026-01-01T10:05:00Z"}""",
            """{"type":"event","event_id":"e2","user_id":"u1","name":"view_item","ts":"2026-01-01T10:10:00Z"}""",
            """{"type":"event","event_id":"e3","user_id":"u1","name":"app_open","ts":"2026-01-02T08:00:00Z"}""",
            """{"type":"event","event_id":"e4","user_id":"u2","name":"app_open","ts":"2026-01-01T12:05:00Z","session_id":"s2"}""",
            """{"type":"event","event_id":"e5","user_id":"u2","name":"settings_change","ts":"2026-01-01T12:20:00Z","session_id":"s2"}""",
            """{"type":"event","event_id":"e6","user_id":"u3","name":"notification_open","ts":"2026-01-02T09:05:00Z","session_id":"s3"}""",
            """{"type":"event","event_id":"e1","user_id":"u1","name":"app_open","ts":"2026-01-01T10:05:00Z"}""",
            """{"type":"session","session_id":"s2","user_id":"u2","started_at":"2026-01-01T12:00:00Z","ended_at":"2026-01-01T12:40:00Z"}""",
            """{"type":"payment","payment_id":"p1","user_id":"u2","ts":"2026-01-01T12:30:00Z","amount":10.00,"currency":"USD","status":"succeeded","source":"android"}""",
            """{"type":"payment","payment_id":"p2","user_id":"u3","ts":"2026-01-02T09:10:00Z","amount":"20.00","currency":"EUR","status":"succeeded","source":"web"}""",
            """{"type":"payment","payment_id":"p3","user_id":"u1","ts":"2026-01-02T08:05:00Z","amount":5,"currency":"USD","status":"failed","source":"ios"}""",
            """{"type":"refund","refund_id":"r1","payment_id":"p1","user_id":"u2","ts":"2026-01-02T11:00:00Z","amount":4,"currency":"USD"}""",
            """{"type":"fx_rate","date":"2025-12-31","currency":"EUR","rate":1.1}""");
        _w.Ingest(file);
        _w.Run();
    }

    [Fact]
    public void Should_Count_Active_Users_By_Core_Action_Or_Payment()
    {
        // Day 1: u1 (app_open) and u2 (app_open, payment). Day 2: u1 (app_open) and u3 (payment only; her
        // notification_open is not a core action).
        _w.Kpi("dau", "2026-01-01").ShouldBe(2);
        _w.Kpi("dau", "2026-01-02").ShouldBe(2);
        // Over the 7 and 30 days ending on day 2: u1, u2, u3.
        _w.Kpi("wau", "2026-01-01").ShouldBe(2);
        _w.Kpi("wau", "2026-01-02").ShouldBe(3);
        _w.Kpi("mau", "2026-01-02").ShouldBe(3);
    }

    [Fact]
    public void Should_Count_New_Users_And_Sessions()
    {
        _w.Kpi("new_users", "2026-01-01").ShouldBe(2);
        _w.Kpi("new_users", "2026-01-02").ShouldBe(1);
        // Day 1: u1's derived session (10:05-10:10) and u2's reported s2. Day 2: u1's new derived session and s3,
        // which only u3's event names.
        _w.Kpi("sessions", "2026-01-01").ShouldBe(2);
        _w.Kpi("sessions", "2026-01-02").ShouldBe(2);
    }

    [Fact]
    public void Should_Compute_Revenue_In_The_Reporting_Currency()
    {
        _w.Kpi("revenue_gross", "2026-01-01").ShouldBe(10.0);
        // 20 EUR at the rate of 2025-12-31 (the latest earlier one), 1.1: 22 USD. The failed payment is not revenue.
        _w.Kpi("revenue_gross", "2026-01-02").ShouldBe(22.0);
        _w.Kpi("refunds", "2026-01-02").ShouldBe(4.0);
        _w.Kpi("revenue_net", "2026-01-01").ShouldBe(10.0);
        _w.Kpi("revenue_net", "2026-01-02").ShouldBe(18.0);
    }

    [Fact]
    public void Should_Compute_Paying_Users_And_Arpu()
    {
        _w.Kpi("paying_users", "2026-01-01").ShouldBe(1);
        _w.Kpi("paying_users", "2026-01-02").ShouldBe(1);
        // Net revenue over active users: 10 / 2 and 18 / 2.
        _w.Kpi("arpu", "2026-01-01").ShouldBe(5.0);
        _w.Kpi("arpu", "2026-01-02").ShouldBe(9.0);
    }

    [Fact]
    public void Should_Break_Down_By_The_Users_Platform()
    {
        // Day 1 actives: u1 on ios, u2 on android; revenue 10 from u2 on android.
        _w.Kpi("dau", "2026-01-01", "platform", "ios").ShouldBe(1);
        _w.Kpi("dau", "2026-01-01", "platform", "android").ShouldBe(1);
        _w.Kpi("dau", "2026-01-01", "platform", "web").ShouldBe(0);
        _w.Kpi("revenue_gross", "2026-01-01", "platform", "android").ShouldBe(10.0);
        _w.Kpi("arpu", "2026-01-01", "country", "DE").ShouldBe(10.0);
    }

    [Fact]
    public void Should_Keep_The_First_Copy_Of_A_Duplicate_Event()
    {
        _w.Scalar<long>("SELECT count(*) FROM raw_events").ShouldBe(7);
        _w.Scalar<long>("SELECT count(*) FROM fact_event").ShouldBe(6);
    }

    [Fact]
    public void Should_Record_Every_Model_Run()
    {
        var failures = _w.Scalar<long>("SELECT count(*) FROM pipeline_runs WHERE status <> 'success'");
        failures.ShouldBe(0);
        _w.Scalar<long>("SELECT count(DISTINCT model) FROM pipeline_runs").ShouldBeGreaterThan(15);
    }

    public void Dispose() => _w.Dispose();
}
