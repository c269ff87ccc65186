using Starboard.Core.Engine;
using Starboard.Core.Ingest;
using Starboard.Core.Project;
using Starboard.Core.Run;

namespace Starboard.Core.Insights;

/// <summary>
/// A fresh in-memory warehouse holding only some input files, staged as far as insights need: the files are
/// ingested (validated like any load) and only the staging models insights read are built.
/// </summary>
public static class InsightWarehouse
{
    /// <summary>The models insights read, with everything upstream of them.</summary>
    public const string StagingSelector = "+stg_events +stg_users";

    public static Warehouse FromFiles(StarboardProject project, IEnumerable<string> paths, TimeProvider clock, out IngestResult ingested)
    {
        var warehouse = Warehouse.Open(WarehouseTarget.InMemory(), project.Settings.Timezone == "UTC");
        try
        {
            ingested = new Ingester(warehouse, clock).IngestPaths(paths);
            var run = new Runner(project, warehouse, clock).Run(new RunOptions { Select = StagingSelector });
            if (run.Failure is { } failure)
                throw failure;
            return warehouse;
        }
        catch
        {
            warehouse.Dispose();
            throw;
        }
    }
}
