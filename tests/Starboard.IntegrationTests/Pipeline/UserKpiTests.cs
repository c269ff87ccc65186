namespace Starboard.IntegrationTests.Pipeline;

/// <summary>A user adds a KPI with one catalog entry in kpis/*.yml (no C#), and a run computes it daily and over every window.</summary>
public sealed class UserKpiTests : IDisposable
{
    private readonly string _kpis = Directory.CreateTempSubdirectory("starboard-kpis-").FullName;

    [Fact]
    public void Should_Compute_A_Kpi_Added_As_A_Catalog_Entry()
    {
        // Given a ratio of two built-in measures, and one with its own SQL
        File.WriteAllText(Path.Combine(_kpis, "mine.yml"), """
            measures:
              - name: app_opens
                kind: sum
                description: app_open events.
                sql: |
                  SELECT date_key, user_id, 1 AS value FROM {{ ref('fact_event') }} WHERE name = 'app_open'
            kpis:
              - code: revenue_per_session
                name: Revenue per session
                group: 1
                rank: 20
                unit: currency
                definition: Net revenue over sessions.
                formula: revenue_net / sessions
                rollup: ratio
                numerator: { measure: revenue_net }
                denominator: { measure: sessions }
                rationale: Ties monetization to visits.
              - code: app_opens_per_payer
                name: App opens per paying user
                group: 3
                rank: 20
                unit: ratio
                definition: App opens over paying users.
                formula: app_opens / paying_users
                rollup: ratio
                rationale: A made-up KPI with its own SQL.
                sql: |
                  SELECT d.date_key, e.entity_key,
                         CASE WHEN COALESCE(p.value, 0) = 0 THEN NULL ELSE CAST(COALESCE(o.value, 0) AS DOUBLE) / p.value END AS value,
                         CAST(COALESCE(o.value, 0) AS DECIMAL(38,16)) AS numerator, CAST(COALESCE(p.value, 0) AS DECIMAL(38,16)) AS denominator
                  FROM days AS d
                  CROSS JOIN {{ entities() }} AS e
                  LEFT JOIN {{ ref('kpi_measure_daily') }} AS o ON o.measure = 'app_opens' AND o.date_key = d.date_key AND o.entity_key = e.entity_key
                  LEFT JOIN {{ kpi('paying_users') }} AS p ON p.date_key = d.date_key AND p.entity_key = e.entity_key
            """);
        using var w = new TestWarehouse(userKpiFolder: _kpis);
        var file = w.WriteFile("app.jsonl",
            """{"type":"user","user_id":"u1","created_at":"2026-01-01T10:00:00Z"}""",
            """{"type":"event","event_id":"e1","user_id":"u1","name":"app_open","ts":"2026-01-01T10:05:00Z"}""",
            """{"type":"event","event_id":"e2","user_id":"u1","name":"app_open","ts":"2026-01-01T12:05:00Z"}""",
            """{"type":"event","event_id":"e3","user_id":"u1","name":"app_open","ts":"2026-01-02T10:05:00Z"}""",
            """{"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:06:00Z","amount":9,"currency":"USD","status":"succeeded"}""",
            """{"type":"payment","payment_id":"p2","user_id":"u1","ts":"2026-01-02T10:06:00Z","amount":3,"currency":"USD","status":"succeeded"}""");

        // When it is built
        w.Ingest(file);
        w.Run();

        // Then both are in dim_kpi, daily, and over the windows: 2 sessions on day 1 (two hours apart), 1 on day 2
        w.Scalar<long>("SELECT count(*) FROM dim_kpi WHERE kpi_code IN ('revenue_per_session', 'app_opens_per_payer')").ShouldBe(2);
        w.Kpi("revenue_per_session", "2026-01-01").ShouldBe(4.5);
        w.Kpi("app_opens_per_payer", "2026-01-01").ShouldBe(2.0);
        var mtd = w.Query<(string Code, double? Value)>("""
            SELECT k.kpi_code, a.mtd_value FROM agg_kpi_dashboard AS a
            JOIN dim_kpi AS k ON k.kpi_key = a.kpi_key JOIN dim_entity AS e ON e.entity_key = a.entity_key
            WHERE e.entity_type = 'all' AND a.as_of_date_key = 20260102 AND k.kpi_code IN ('revenue_per_session', 'app_opens_per_payer')
            ORDER BY k.kpi_code
            """);
        // Month to date: 3 app opens over 1 + 1 daily paying users; 12 USD over 3 sessions.
        mtd.ShouldBe([("app_opens_per_payer", 1.5), ("revenue_per_session", 4.0)]);
    }

    public void Dispose() => Directory.Delete(_kpis, recursive: true);
}
