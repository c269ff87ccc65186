using Starboard.Core.Dialects;
using Starboard.Core.Project;
using Starboard.Core.Schema;

namespace Starboard.Tests.Schema;

/// <summary>The published DDL per engine and docs/schema.md, against their committed golden files.</summary>
public sealed class DdlSnapshotTests
{
    internal static readonly StarboardProject Project = StarboardProject.Load(new StarboardSettings(), Path.GetTempPath());

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    [InlineData("duckdb")]
    [InlineData("clickhouse")]
    public void Should_Match_The_Committed_Ddl(string dialect)
    {
        var script = DdlScript.Render(SqlDialects.ByName(dialect), DdlScript.Tables(Project.Graph, DdlLayer.All), DdlLayer.All);
        Snapshot.Match($"tests/Starboard.Tests/Snapshots/ddl.{dialect}.all.sql", script);
    }

    [Fact]
    public void Should_Keep_Docs_Schema_Md_Current()
    {
        Snapshot.Match("docs/schema.md", SchemaDocs.Render(DdlScript.Models(Project.Graph, DdlLayer.All)));
    }

    [Fact]
    public void Should_Split_Source_And_Warehouse_Layers()
    {
        var source = DdlScript.Tables(Project.Graph, DdlLayer.Source);
        var warehouse = DdlScript.Tables(Project.Graph, DdlLayer.Warehouse);
        source.ShouldAllBe(t => t.Layer == Layer.Source);
        source.Select(t => t.Name).ShouldBe(
            ["app_ad_spend", "app_campaigns", "app_errors", "app_events", "app_order_items", "app_orders", "app_payments",
             "app_refunds", "app_sessions", "app_subscriptions", "app_users"], ignoreOrder: true);
        warehouse.Select(t => t.Layer).Distinct().ShouldBe([Layer.Raw, Layer.Staging, Layer.Warehouse, Layer.Kpi, Layer.System], ignoreOrder: true);
        (source.Count + warehouse.Count).ShouldBe(DdlScript.Tables(Project.Graph, DdlLayer.All).Count);
    }

    [Fact]
    public void Should_Report_The_First_Difference()
    {
        Snapshot.Difference("a\nb\nc", "a\nB\nc\nd").ShouldBe("line 2: expected 'b', got 'B'; 2 lines differ");
    }
}
