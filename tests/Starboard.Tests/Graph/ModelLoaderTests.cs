using Starboard.Core.Graph;
using Starboard.Core;

namespace Starboard.Tests.Graph;

public class ModelLoaderTests
{
    private static ModelDefinition Parse(string extra, string materialized = "incremental") => ModelLoader.Parse($"""
        name: m
        materialized: {materialized}
        time_column: date_key
        columns:
          - {"{"} name: date_key, type: int {"}"}
          - {"{"} name: id, type: bigint {"}"}
        primary_key: [date_key, id]
        {extra}
        """, "m.yml", "SELECT 1 AS date_key, 2 AS id", "m.sql");

    [Fact]
    public void Should_Cluster_An_Incremental_Model_By_Its_Time_Column_Unless_Told()
    {
        Parse("").ClusterBy.ShouldBe(["date_key"]);
        Parse("cluster_by: [id, date_key]").ClusterBy.ShouldBe(["id", "date_key"]);
        Parse("", "table").ClusterBy.ShouldBe(["date_key"]);
    }

    [Fact]
    public void Should_Merge_A_Window_Only_When_Told()
    {
        Parse("").MergesWindow.ShouldBeFalse();
        Parse("incremental_strategy: delete+insert").MergesWindow.ShouldBeFalse();
        Parse("incremental_strategy: merge").MergesWindow.ShouldBeTrue();
    }

    [Fact]
    public void Should_Replace_Within_Clusters_Only_When_Told_For_A_Model_Staged_By_Load()
    {
        Parse("load_column: id\ncluster_by: [date_key]\nreplace_within_cluster: true", "incremental_by_key").ReplacesWithinCluster.ShouldBeTrue();
        Parse("load_column: id\ncluster_by: [date_key]", "incremental_by_key").ReplacesWithinCluster.ShouldBeFalse();
        Should.Throw<ProjectException>(() => Parse("replace_within_cluster: true")).Message
            .ShouldBe("m.yml: replace_within_cluster needs an incremental_by_key model with cluster_by");
    }

    [Fact]
    public void Should_Name_A_Bad_Cluster_Column_Or_Strategy()
    {
        Should.Throw<ProjectException>(() => Parse("cluster_by: [nope]")).Message.ShouldStartWith("m.yml: cluster_by:");
        Should.Throw<ProjectException>(() => Parse("incremental_strategy: upsert")).Message
            .ShouldBe("m.yml: unknown incremental_strategy 'upsert' (delete+insert, merge)");
        Should.Throw<ProjectException>(() => Parse("incremental_strategy: merge", "table")).Message
            .ShouldBe("m.yml: incremental_strategy: merge needs an incremental model with a primary_key");
    }
}
