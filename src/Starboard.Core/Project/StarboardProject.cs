using Starboard.Core.Graph;
using Starboard.Core.Ingest;
using Starboard.Core.Kpis;

namespace Starboard.Core.Project;

/// <summary>Everything a command needs to know about the project: settings, where data lives, the model graph, the KPI catalog.</summary>
public sealed class StarboardProject
{
    private StarboardProject(StarboardSettings settings, string dataDir, KpiCatalog catalog, ModelGraph graph)
    {
        Settings = settings;
        DataDir = dataDir;
        Kpis = catalog;
        Graph = graph;
    }

    public StarboardSettings Settings { get; }

    public string DataDir { get; }

    public KpiCatalog Kpis { get; }

    public ModelGraph Graph { get; }

    /// <summary>Loads the project: built-in models, the KPI catalog (built-in plus `kpis/*.yml` in the working folder), settings.</summary>
    public static StarboardProject Load(StarboardSettings settings, string dataDir, string? userKpiFolder = null)
    {
        var catalog = KpiCatalog.Load(userKpiFolder);
        var models = KpiModels.Complete(ModelLoader.LoadBuiltIn(), catalog).Concat(RawTables.Models()).ToList();
        return new StarboardProject(settings, dataDir, catalog, new ModelGraph(WithRangeDependency(models)));
    }

    // Incremental models take their window from data_range, so it must be built before any of them.
    private static IEnumerable<ModelDefinition> WithRangeDependency(List<ModelDefinition> models) =>
        models.Select(m => m.Materialization == Materialization.IncrementalByTime && !m.DependsOn.Contains("data_range")
            ? m with { DependsOn = [.. m.DependsOn, "data_range"] }
            : m);
}
