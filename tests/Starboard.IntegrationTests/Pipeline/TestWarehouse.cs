using Starboard.Core.Engine;
using Starboard.Core.Ingest;
using Starboard.Core.Project;
using Starboard.Core.Run;
using Starboard.Core.Sql;

namespace Starboard.IntegrationTests.Pipeline;

/// <summary>An in-memory DuckDB warehouse with a project, fed from JSONL text written to a temp folder.</summary>
public sealed class TestWarehouse : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("starboard-test-").FullName;

    public TestWarehouse(StarboardSettings? settings = null, TimeProvider? clock = null, string? userKpiFolder = null)
    {
        Settings = settings ?? new StarboardSettings();
        Clock = clock ?? TimeProvider.System;
        Project = StarboardProject.Load(Settings, _folder, userKpiFolder);
        Warehouse = Warehouse.Open(WarehouseTarget.InMemory(), Settings.Timezone == "UTC");
    }

    public StarboardSettings Settings { get; }
    public TimeProvider Clock { get; }
    public StarboardProject Project { get; }
    public Warehouse Warehouse { get; }

    public string Folder => _folder;

    public string WriteFile(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public IngestResult Ingest(params string[] paths) => new Ingester(Warehouse, Clock).IngestPaths(paths);

    public RunResult Run(RunOptions? options = null)
    {
        var result = new Runner(Project, Warehouse, Clock).Run(options ?? new RunOptions());
        if (result.Failure is { } failure) throw failure;
        return result;
    }

    public T? Scalar<T>(string sql) => Warehouse.Scalar<T>(sql, "test query");

    public IReadOnlyList<T> Query<T>(string sql) => Warehouse.Query<T>(sql, "test query");

    /// <summary>A KPI's daily value for an entity (ALL by default) on a day.</summary>
    public double? Kpi(string code, string day, string entityType = "all", string entityValue = "ALL")
    {
        var key = int.Parse(day.Replace("-", ""), System.Globalization.CultureInfo.InvariantCulture);
        return Warehouse.Scalar<double?>(new RenderedSql(
            "SELECT value FROM fact_kpi_daily WHERE kpi_key = $k AND entity_key = $e AND date_key = $d",
            new Dictionary<string, object?> { ["k"] = HashKeys.Of(code), ["e"] = HashKeys.Of(entityType, entityValue), ["d"] = (long)key }), "reading a KPI");
    }

    public void Dispose()
    {
        Warehouse.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
