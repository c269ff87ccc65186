using Starboard.Core.Generate;
using Starboard.Core.Project;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Oracle;

/// <summary>
/// The warehouse against the oracle: a generated app (dirty, duplicated and late records included) goes through
/// the real pipeline, and every KPI value, daily and over every dashboard window, for every entity, must equal
/// what <see cref="ReferenceKpis"/> and <see cref="ReferenceWindows"/> compute from the records in C#: exactly
/// for counts and money (the numerators and denominators), within 1e-9 for ratios. One seed counts days in
/// New York (across daylight-saving changes) with a fiscal year starting in October.
/// </summary>
public sealed class OracleTests
{
    [Theory]
    [InlineData(7, "UTC", 1)]
    [InlineData(2026, "UTC", 1)]
    [InlineData(31, "America/New_York", 10)]
    public void Should_Agree_With_The_Oracle_On_Every_Kpi_Window_And_Entity(int seed, string timezone, int fiscalStartMonth)
    {
        // Given a generated app over a year and a leap day, in memory for the oracle and as files for the warehouse
        var options = new GeneratorOptions { Users = 150, Days = 400, Seed = seed, EndDate = new DateOnly(2024, 3, 31) };
        var memory = new MemoryRecordSink();
        SyntheticAppGenerator.Generate(options, memory, cancellationToken: TestContext.Current.CancellationToken);
        using var w = new TestWarehouse(new StarboardSettings { Timezone = timezone, FiscalYearStartMonth = fiscalStartMonth });
        using (var files = new FileRecordSink(w.Folder, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(options, files, cancellationToken: TestContext.Current.CancellationToken);

        // When it is ingested and built
        w.Ingest(w.Folder);
        w.Run();

        // Then the daily values, the windows and the dashboard's comparisons all agree
        var kpis = new ReferenceKpis(new ReferenceApp(memory, w.Settings));
        var daily = kpis.Daily();
        var mismatches = CompareDaily(w, daily);
        var windows = new ReferenceWindows(kpis, daily, fiscalStartMonth);
        var asOfs = AsOfDays(kpis.Range);
        mismatches.AddRange(CompareWindows(w, kpis, daily, windows, asOfs));
        mismatches.AddRange(CompareDashboard(w, kpis, daily, windows, asOfs));
        mismatches.AddRange(CompareCohorts(w, kpis));
        mismatches.Take(20).ShouldBeEmpty($"{mismatches.Count} mismatches");
    }

    /// <summary>As-of days that exercise the edges: the range's ends, month and quarter ends, the leap day, a year in.</summary>
    private static List<DateOnly> AsOfDays((DateOnly First, DateOnly Last) range)
    {
        var candidates = new[]
        {
            range.First, range.First.AddDays(1), range.First.AddDays(45), range.First.AddDays(365), range.First.AddDays(366),
            new DateOnly(2023, 9, 30), new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 29),
            new DateOnly(2024, 3, 1), range.Last.AddDays(-1), range.Last,
        };
        return candidates.Where(d => d >= range.First && d <= range.Last).Distinct().Order().ToList();
    }

    private static List<string> CompareDaily(TestWarehouse w, Dictionary<(string Kpi, DateOnly Day, string Type, string Value), ReferenceValue> daily)
    {
        var expected = new Dictionary<(string, DateOnly, string, string), ReferenceValue>(daily);
        var codes = expected.Keys.Select(k => k.Item1).ToHashSet();
        var actual = w.Query<(string Kpi, int DateKey, string EntityType, string EntityValue, decimal? Numerator, decimal? Denominator, double? Value)>("""
            SELECT k.kpi_code, f.date_key, e.entity_type, e.entity_value, f.numerator, f.denominator, f.value
            FROM fact_kpi_daily AS f
            JOIN dim_kpi AS k ON k.kpi_key = f.kpi_key
            JOIN dim_entity AS e ON e.entity_key = f.entity_key
            """).Where(r => codes.Contains(r.Kpi)).ToList();
        actual.Count.ShouldBeGreaterThan(10_000);
        var mismatches = new List<string>();
        foreach (var r in actual)
        {
            var day = Day(r.DateKey);
            if (!expected.Remove((r.Kpi, day, r.EntityType, r.EntityValue), out var e))
            {
                if ((r.Numerator ?? 0) != 0) mismatches.Add($"daily {r.Kpi} {day} {r.EntityType}={r.EntityValue}: warehouse {r.Numerator}, oracle has no row");
                continue;
            }
            if (!Agrees(r.Numerator, r.Denominator, r.Value, e.Numerator, e.Denominator, e.Value))
                mismatches.Add($"daily {r.Kpi} {day} {r.EntityType}={r.EntityValue}: warehouse {r.Numerator}/{r.Denominator}={r.Value}, oracle {e.Numerator}/{e.Denominator}={e.Value}");
        }
        mismatches.AddRange(expected.Values.Where(e => (e.Numerator ?? 0) != 0 || (e.Value ?? 0) != 0)
            .Select(e => $"daily {e.Kpi} {e.Day} {e.EntityType}={e.EntityValue}: oracle {e.Numerator}={e.Value}, warehouse has no row"));
        return mismatches;
    }

    private static List<string> CompareWindows(TestWarehouse w, ReferenceKpis kpis, Dictionary<(string Kpi, DateOnly Day, string Type, string Value), ReferenceValue> daily,
        ReferenceWindows windows, List<DateOnly> asOfs)
    {
        var codes = daily.Keys.Select(k => k.Kpi).ToHashSet();
        var keys = string.Join(", ", asOfs.Select(Key));
        var actual = w.Query<(string Kpi, int AsOf, string Window, string EntityType, string EntityValue, decimal? Numerator, decimal? Denominator, double? Value)>($"""
            SELECT k.kpi_code, v.as_of_date_key, v.window_code, e.entity_type, e.entity_value, v.numerator, v.denominator, v.value
            FROM kpi_window_value AS v
            JOIN dim_kpi AS k ON k.kpi_key = v.kpi_key
            JOIN dim_entity AS e ON e.entity_key = v.entity_key
            WHERE v.as_of_date_key IN ({keys})
            """).Where(r => codes.Contains(r.Kpi)).ToList();
        var mismatches = new List<string>();
        var seen = new HashSet<(string, int, string, string, string)>();
        foreach (var r in actual)
        {
            seen.Add((r.Kpi, r.AsOf, r.Window, r.EntityType, r.EntityValue));
            var e = windows.Value(r.Kpi, r.Window, Day(r.AsOf), (r.EntityType, r.EntityValue));
            if (e is null)
                mismatches.Add($"window {r.Kpi} {r.Window} as of {r.AsOf} {r.EntityType}={r.EntityValue}: warehouse {r.Value}, oracle has no window");
            else if (!Agrees(r.Numerator, r.Denominator, r.Value, e.Numerator, e.Denominator, e.Value))
                mismatches.Add($"window {r.Kpi} {r.Window} as of {r.AsOf} {r.EntityType}={r.EntityValue}: warehouse {r.Numerator}/{r.Denominator}={r.Value}, oracle {e.Numerator}/{e.Denominator}={e.Value}");
        }
        // Every window the oracle has a non-zero value for is in the warehouse.
        var entities = daily.Keys.Select(k => (k.Kpi, k.Type, k.Value)).Distinct();
        foreach (var (kpi, type, value) in entities)
            foreach (var asOf in asOfs)
                foreach (var window in ReferenceWindows.Windows)
                    if (!seen.Contains((kpi, Key(asOf), window, type, value)) && windows.Value(kpi, window, asOf, (type, value)) is { } e && (e.Value ?? 0) != 0)
                        mismatches.Add($"window {kpi} {window} as of {asOf} {type}={value}: oracle {e.Value}, warehouse has no row");
        return mismatches;
    }

    private static List<string> CompareDashboard(TestWarehouse w, ReferenceKpis kpis, Dictionary<(string Kpi, DateOnly Day, string Type, string Value), ReferenceValue> daily,
        ReferenceWindows windows, List<DateOnly> asOfs)
    {
        var codes = daily.Keys.Select(k => k.Kpi).ToHashSet();
        var columns = string.Join(", ", ReferenceWindows.Windows.SelectMany(x => new[] { $"a.{x}_value", $"a.{x}_prior_year", $"a.{x}_previous", $"a.{x}_yoy_pct", $"a.{x}_pop_abs" }));
        var mismatches = new List<string>();
        w.Warehouse.Read(Core.Sql.RenderedSql.Plain($"""
            SELECT k.kpi_code, a.as_of_date_key, e.entity_type, e.entity_value, {columns}
            FROM agg_kpi_dashboard AS a
            JOIN dim_kpi AS k ON k.kpi_key = a.kpi_key
            JOIN dim_entity AS e ON e.entity_key = a.entity_key
            WHERE a.as_of_date_key IN ({string.Join(", ", asOfs.Select(Key))}) AND e.entity_type IN ('all', 'plan', 'feature')
            """), "reading the dashboard", r =>
        {
            var kpi = r.GetString(0);
            if (!codes.Contains(kpi)) return;
            var asOf = Day(r.GetInt32(1));
            var entity = (r.GetString(2), r.GetString(3));
            for (var i = 0; i < ReferenceWindows.Windows.Length; i++)
            {
                var window = ReferenceWindows.Windows[i];
                double? Col(int c) => r.IsDBNull(4 + i * 5 + c) ? null : r.GetDouble(4 + i * 5 + c);
                var value = windows.Value(kpi, window, asOf, entity)?.Value;
                var prior = windows.Value(kpi, window, ReferenceWindows.PriorYear(asOf), entity)?.Value;
                var previous = windows.Span(window, asOf) is null ? null : windows.Value(kpi, window, windows.Previous(window, asOf), entity)?.Value;
                double? yoyPct = prior is null or 0 || value is null ? null : (value - prior) / Math.Abs(prior.Value) * 100;
                var expected = new[] { value, prior, previous, yoyPct, value - previous };
                for (var c = 0; c < 5; c++)
                    if (!Close(Col(c), expected[c]))
                        mismatches.Add($"dashboard {kpi} {window} as of {asOf} {entity}: column {c} warehouse {Col(c)}, oracle {expected[c]}");
            }
        });
        return mismatches;
    }

    /// <summary>The retention matrix: every cohort day, day 0 to 30 and entity, under the version of the day the window closes.</summary>
    private static List<string> CompareCohorts(TestWarehouse w, ReferenceKpis kpis)
    {
        var expected = new Dictionary<(int, int, string, string), (long Size, long Retained)>();
        foreach (var user in kpis.App.Versions.Keys)
        {
            var cohort = kpis.App.SignupDay(user);
            for (var n = 0; n <= 30; n++)
            {
                var day = cohort.AddDays(n);
                if (day > kpis.Range.Last || day < kpis.Range.First) continue;
                var retained = kpis.Active.Has("all", "ALL", user, day) ? 1 : 0;
                foreach (var (type, value) in kpis.Entities(user, day))
                {
                    var key = (Key(cohort), n, type, value);
                    var (size, kept) = expected.GetValueOrDefault(key);
                    expected[key] = (size + 1, kept + retained);
                }
            }
        }
        var actual = w.Query<(int Cohort, int N, string Type, string Value, long Size, long Retained)>("""
            SELECT c.cohort_date_key, c.day_number, e.entity_type, e.entity_value, c.cohort_size, c.retained
            FROM fact_retention_cohort AS c JOIN dim_entity AS e ON e.entity_key = c.entity_key
            """);
        actual.Count.ShouldBeGreaterThan(1_000);
        var mismatches = actual.Where(r => expected.GetValueOrDefault((r.Cohort, r.N, r.Type, r.Value)) != (r.Size, r.Retained))
            .Select(r => $"cohort {r.Cohort} day {r.N} {r.Type}={r.Value}: warehouse {r.Size}/{r.Retained}, oracle {expected.GetValueOrDefault((r.Cohort, r.N, r.Type, r.Value))}")
            .ToList();
        if (actual.Count != expected.Count) mismatches.Add($"cohort rows: warehouse {actual.Count}, oracle {expected.Count}");
        return mismatches;
    }

    private static bool Agrees(decimal? n, decimal? q, double? v, decimal? en, decimal? eq, double? ev) =>
        (en is null || n == en) && (eq is null || q == eq) && Close(v, ev);

    private static bool Close(double? a, double? b) =>
        a is null || b is null ? a is null && b is null : Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(b.Value));

    private static DateOnly Day(int key) => new(key / 10000, key / 100 % 100, key % 100);

    private static int Key(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;
}
