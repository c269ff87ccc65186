using Starboard.Core.Project;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>
/// Days are counted in the reporting time zone. In New York, clocks go from 02:00 EST to 03:00 EDT on
/// 2026-03-08, so that local day runs from 05:00 UTC to 04:00 UTC the next day (23 hours).
/// </summary>
public sealed class TimeZoneKpiTests : IDisposable
{
    private readonly TestWarehouse _w = new(new StarboardSettings { Timezone = "America/New_York" });

    public TimeZoneKpiTests()
    {
        var file = _w.WriteFile("dst.jsonl",
            """{"type":"user","user_id":"u1","created_at":"2026-03-01T12:00:00Z","platform":"ios"}""",
            """{"type":"user","user_id":"u2","created_at":"2026-03-01T12:00:00Z","platform":"web"}""",
            // 23:30 EST on 7 March, then 00:30 EST on 8 March
            """{"type":"event","event_id":"e1","user_id":"u1","name":"app_open","ts":"2026-03-08T04:30:00Z"}""",
            """{"type":"event","event_id":"e2","user_id":"u1","name":"app_open","ts":"2026-03-08T05:30:00Z"}""",
            // 23:30 EDT on 8 March (after the change), then 00:30 EDT on 9 March
            """{"type":"event","event_id":"e3","user_id":"u2","name":"app_open","ts":"2026-03-09T03:30:00Z"}""",
            """{"type":"event","event_id":"e4","user_id":"u2","name":"app_open","ts":"2026-03-09T04:30:00Z"}""",
            """{"type":"payment","payment_id":"p1","user_id":"u2","ts":"2026-03-09T03:45:00Z","amount":5,"currency":"USD","status":"succeeded"}""");
        _w.Ingest(file);
        _w.Run();
    }

    [Fact]
    public void Should_Date_Events_By_The_Local_Day_Across_The_Daylight_Saving_Change()
    {
        // In UTC, 8 March would hold e1 and e2 (one user) and 9 March e3 and e4.
        _w.Kpi("dau", "2026-03-07").ShouldBe(1);
        _w.Kpi("dau", "2026-03-08").ShouldBe(2);
        _w.Kpi("dau", "2026-03-09").ShouldBe(1);
        _w.Kpi("revenue_gross", "2026-03-08").ShouldBe(5.0);
        _w.Kpi("revenue_gross", "2026-03-09").ShouldBe(0.0);
    }

    [Fact]
    public void Should_Store_Local_Times_In_The_Zone_Of_The_Day()
    {
        var local = _w.Query<(string Id, DateTime LocalTs)>("SELECT event_id, local_ts FROM stg_events ORDER BY event_id");
        local.Select(r => r.LocalTs).ShouldBe([
            new DateTime(2026, 3, 7, 23, 30, 0), new DateTime(2026, 3, 8, 0, 30, 0),
            new DateTime(2026, 3, 8, 23, 30, 0), new DateTime(2026, 3, 9, 0, 30, 0)]);
    }

    [Fact]
    public void Should_Roll_The_Local_Days_Up_Into_Windows()
    {
        // Month to date as of 9 March: u1 and u2 were active; DAU averages 4 active user-days over the 9 days
        // from the data's first day (1 March, the signups).
        var mtd = _w.Query<(double? Dau, double? Paying)>("""
            SELECT a.mtd_value, p.mtd_value FROM agg_kpi_dashboard AS a
            JOIN agg_kpi_dashboard AS p ON p.as_of_date_key = a.as_of_date_key AND p.entity_key = a.entity_key
            JOIN dim_kpi AS k ON k.kpi_key = a.kpi_key AND k.kpi_code = 'dau'
            JOIN dim_kpi AS q ON q.kpi_key = p.kpi_key AND q.kpi_code = 'paying_users'
            JOIN dim_entity AS e ON e.entity_key = a.entity_key AND e.entity_type = 'all'
            WHERE a.as_of_date_key = 20260309
            """).Single();
        mtd.Dau!.Value.ShouldBe(4.0 / 9.0, 1e-12);
        mtd.Paying.ShouldBe(1.0);
    }

    public void Dispose() => _w.Dispose();
}
