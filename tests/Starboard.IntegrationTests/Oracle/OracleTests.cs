using Starboard.Core.Generate;
using Starboard.Core.Project;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Oracle;

/// <summary>
/// The warehouse against the oracle: a generated app (dirty, duplicated and late records included) goes through
/// the real pipeline, and every daily KPI value for every entity must equal what <see cref="ReferenceKpis"/>
/// computes from the records in C#: exactly for counts and money, within 1e-9 for ratios.
/// </summary>
public sealed class OracleTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public void Should_Agree_With_The_Oracle_On_Every_Daily_Kpi(int seed)
    {
        // Given a generated app, in memory for the oracle and as files for the warehouse
        var options = new GeneratorOptions { Users = 1500, Days = 75, Seed = seed, EndDate = new DateOnly(2026, 6, 30) };
        var memory = new MemoryRecordSink();
        SyntheticAppGenerator.Generate(options, memory, cancellationToken: TestContext.Current.CancellationToken);
        using var w = new TestWarehouse();
        using (var files = new FileRecordSink(w.Folder, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(options, files, cancellationToken: TestContext.Current.CancellationToken);

        // When it is ingested and built
        w.Ingest(w.Folder);
        w.Run();

        // Then every value the oracle knows agrees, and every row the warehouse has is one the oracle expects
        var expected = new ReferenceKpis(new ReferenceApp(memory, w.Settings)).Daily()
            .ToDictionary(v => (v.Kpi, v.Day, v.EntityType, v.EntityValue));
        var codes = expected.Keys.Select(k => k.Kpi).ToHashSet();
        var actual = w.Query<(string Kpi, int DateKey, string EntityType, string EntityValue, decimal? Numerator, decimal? Denominator, double? Value)>("""
            SELECT k.kpi_code, f.date_key, e.entity_type, e.entity_value, f.numerator, f.denominator, f.value
            FROM fact_kpi_daily AS f
            JOIN dim_kpi AS k ON k.kpi_key = f.kpi_key
            JOIN dim_entity AS e ON e.entity_key = f.entity_key
            """).Where(r => codes.Contains(r.Kpi)).ToList();
        var mismatches = new List<string>();
        foreach (var r in actual)
        {
            var day = new DateOnly(r.DateKey / 10000, r.DateKey / 100 % 100, r.DateKey % 100);
            if (!expected.Remove((r.Kpi, day, r.EntityType, r.EntityValue), out var e))
            {
                if ((r.Numerator ?? 0) != 0) mismatches.Add($"{r.Kpi} {day} {r.EntityType}={r.EntityValue}: warehouse {r.Numerator}, oracle has no row");
                continue;
            }
            if (r.Numerator != e.Numerator || (e.Denominator is not null && r.Denominator != e.Denominator) || !Close(r.Value, e.Value))
                mismatches.Add($"{r.Kpi} {day} {r.EntityType}={r.EntityValue}: warehouse {r.Numerator}/{r.Denominator}={r.Value}, oracle {e.Numerator}/{e.Denominator}={e.Value}");
        }
        mismatches.AddRange(expected.Values.Where(e => (e.Numerator ?? 0) != 0)
            .Select(e => $"{e.Kpi} {e.Day} {e.EntityType}={e.EntityValue}: oracle {e.Numerator}, warehouse has no row"));
        actual.Count.ShouldBeGreaterThan(10_000);
        mismatches.Take(20).ShouldBeEmpty($"{mismatches.Count} mismatches");
    }

    private static bool Close(double? a, double? b) =>
        a is null || b is null ? a is null && b is null : Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(b.Value));
}
