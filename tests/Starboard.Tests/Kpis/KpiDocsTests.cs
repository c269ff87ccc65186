using Starboard.Core.Kpis;

namespace Starboard.Tests.Kpis;

/// <summary>docs/kpis.md is generated from the catalog; this fails when it is stale (STARBOARD_UPDATE_SNAPSHOTS=1 rewrites it).</summary>
public class KpiDocsTests
{
    [Fact]
    public void Should_Keep_Docs_Kpis_Md_In_Step_With_The_Catalog()
    {
        var catalog = KpiCatalog.Load(null);
        var expected = KpiDocs.Markdown(catalog);
        var path = Path.Combine(RepositoryRoot(), "docs", "kpis.md");
        if (Environment.GetEnvironmentVariable("STARBOARD_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(path, expected);
        File.Exists(path).ShouldBeTrue("docs/kpis.md is missing: run the tests with STARBOARD_UPDATE_SNAPSHOTS=1");
        File.ReadAllText(path).Replace("\r\n", "\n").ShouldBe(expected, "docs/kpis.md is stale: run the tests with STARBOARD_UPDATE_SNAPSHOTS=1");
    }

    [Fact]
    public void Should_List_At_Least_35_Ranked_Kpis_In_The_Four_Groups_Each_With_A_Rationale()
    {
        var catalog = KpiCatalog.Load(null);
        catalog.Kpis.Count.ShouldBeGreaterThanOrEqualTo(35);
        catalog.Kpis.Select(k => k.Group).Distinct().Order().ShouldBe([1, 2, 3, 4]);
        catalog.Kpis.GroupBy(k => k.Group).ShouldAllBe(g => g.Select(k => k.Rank).Distinct().Count() == g.Count());
        catalog.Kpis.ShouldAllBe(k => k.Rationale.Length > 20 && k.Definition.Length > 10 && k.Formula.Length > 0);
        KpiDocs.Markdown(catalog).ShouldContain("### retention_d7");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Starboard.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
