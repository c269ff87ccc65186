using Starboard.Core;
using Starboard.Core.Kpis;

namespace Starboard.Tests.Kpis;

public class KpiCatalogTests
{
    [Fact]
    public void Should_Load_The_Built_In_Catalog_In_Rank_Order()
    {
        var catalog = KpiCatalog.Load(null);
        catalog.Kpis.Count.ShouldBeGreaterThan(5);
        catalog.Kpis.Select(k => (k.Group, k.Rank)).ShouldBe(catalog.Kpis.Select(k => (k.Group, k.Rank)).Order());
        catalog.Kpis.ShouldAllBe(k => k.Rationale.Length > 0 && k.Definition.Length > 0);
    }

    [Fact]
    public void Should_Let_A_User_Add_A_Kpi_With_One_Entry()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(folder, "mine.yml"), """
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
            """);
        var catalog = KpiCatalog.Load(folder);
        catalog.Find("revenue_per_session")!.Rollup.ShouldBe(Rollup.Ratio);
        KpiSql.FactKpiDaily(catalog).ShouldContain("kpi_revenue_per_session AS (");
    }

    [Theory]
    [InlineData("numerator: { measure: nope }\n    denominator: { measure: sessions }", "unknown measure 'nope'")]
    [InlineData("numerator: { measure: sessions }", "needs numerator and denominator")]
    [InlineData("numerator: { kpi: bad_one }\n    denominator: { measure: sessions }", "cycle")]
    public void Should_Refuse_A_Broken_Entry(string terms, string message)
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(folder, "bad.yml"), $"""
            kpis:
              - code: bad_one
                name: Bad
                group: 1
                rank: 1
                unit: ratio
                definition: d
                formula: f
                rollup: ratio
                rationale: r
                {terms}
            """);
        Should.Throw<ProjectException>(() => KpiCatalog.Load(folder)).Message.ShouldContain(message);
    }
}
