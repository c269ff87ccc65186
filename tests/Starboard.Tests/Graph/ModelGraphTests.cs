using Starboard.Core;
using Starboard.Core.Graph;
using Starboard.Core.Project;
using Starboard.Core.Schema;

namespace Starboard.Tests.Graph;

public class ModelGraphTests
{
    private static ModelDefinition Model(string name, params string[] deps) => new(
        new TableDefinition(name, Layer.Warehouse, "", null, [new("id", ColumnType.Parse("bigint"), false, "")], ["id"], [], [], [], null),
        Materialization.Table, "SELECT 1 AS id", null, deps, null);

    [Fact]
    public void Should_Order_Models_After_Their_Dependencies()
    {
        var graph = new ModelGraph([Model("c", "b"), Model("b", "a"), Model("a"), Model("d", "a")]);
        var order = graph.Ordered.Select(m => m.Name).ToList();
        order.IndexOf("a").ShouldBeLessThan(order.IndexOf("b"));
        order.IndexOf("b").ShouldBeLessThan(order.IndexOf("c"));
        order.IndexOf("a").ShouldBeLessThan(order.IndexOf("d"));
    }

    [Fact]
    public void Should_Name_The_Cycle()
    {
        var e = Should.Throw<GraphException>(() => new ModelGraph([Model("a", "c"), Model("b", "a"), Model("c", "b")]));
        e.Message.ShouldContain("a -> c -> b -> a");
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Reference()
    {
        var e = Should.Throw<ProjectException>(() => new ModelGraph([Model("a", "missing")]));
        e.Message.ShouldBe("model 'a' refers to unknown model 'missing'");
    }

    [Fact]
    public void Should_Select_Downstream_And_Upstream()
    {
        var graph = new ModelGraph([Model("c", "b"), Model("b", "a"), Model("a"), Model("d")]);
        graph.Select("b+").Select(m => m.Name).ShouldBe(["b", "c"]);
        graph.Select("+b").Select(m => m.Name).ShouldBe(["a", "b"]);
        graph.Select("d, a").Select(m => m.Name).ShouldBe(["a", "d"]);
        Should.Throw<GraphException>(() => graph.Select("nope+"));
    }

    [Fact]
    public void Should_Load_Every_Built_In_Model_Into_One_Graph()
    {
        // Given the built-in models, the raw layer and the KPI catalog
        var project = StarboardProject.Load(new StarboardSettings(), Path.GetTempPath());

        // Then every model has a description and described columns, and the graph orders
        foreach (var m in project.Graph.Ordered)
        {
            m.Table.Description.ShouldNotBeNullOrWhiteSpace(m.Name);
            foreach (var c in m.Table.Columns)
                c.Description.ShouldNotBeNullOrWhiteSpace($"{m.Name}.{c.Name}");
        }
        project.Graph.Contains("fact_kpi_daily").ShouldBeTrue();
        project.Graph["fact_event"].DependsOn.ShouldContain("data_range");
    }
}
