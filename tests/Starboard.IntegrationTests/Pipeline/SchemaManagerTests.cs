using Starboard.Core.Run;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>A model's table is created once and recreated only when what decides its rows or their order changes.</summary>
public sealed class SchemaManagerTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Should_Recreate_A_Table_Only_When_Its_Columns_Sql_Time_Or_Cluster_Columns_Change()
    {
        // Given the built-in fact_event, created once
        var model = _w.Project.Graph.Ordered.First(m => m.Name == "fact_event");
        IReadOnlySet<string> Ensure(Starboard.Core.Graph.ModelDefinition m) =>
            new SchemaManager(_w.Warehouse, new StateStore(_w.Warehouse, _w.Clock)).Ensure([m]);
        Ensure(model).ShouldBe(["fact_event"]);

        // When it is ensured again unchanged, then with other cluster columns, then with other SQL
        var unchanged = Ensure(model);
        var reclustered = Ensure(model with { ClusterBy = ["event_key"] });
        var resql = Ensure(model with { ClusterBy = ["event_key"], Sql = model.Sql + "\n-- edited" });
        var again = Ensure(model with { ClusterBy = ["event_key"], Sql = model.Sql + "\n-- edited" });

        // Then only the changes recreated it
        unchanged.ShouldBeEmpty();
        reclustered.ShouldBe(["fact_event"]);
        resql.ShouldBe(["fact_event"]);
        again.ShouldBeEmpty();
    }
}
