using System.Security.Cryptography;
using System.Text;
using Starboard.Core.Engine;
using Starboard.Core.Graph;
using Starboard.Core.Ingest;
using Starboard.Core.Project;
using Starboard.Core.Schema;

namespace Starboard.Core.Run;

/// <summary>
/// Keeps the warehouse's tables in step with the model definitions. A table is created when missing; when its
/// definition (columns or SQL) changed since it was created, it is dropped and created again, and the runner
/// rebuilds it in full. The raw layer is replaced as a whole (raw tables, rejects and loads together), so the
/// files can simply be ingested again.
/// </summary>
public sealed class SchemaManager(Warehouse warehouse, StateStore state)
{
    public SchemaManager(StarboardProject project, Warehouse warehouse, StateStore state) : this(warehouse, state)
    {
        _models = project.Graph.Ordered;
        _project = project;
    }

    private readonly IReadOnlyList<ModelDefinition> _models = [];
    private readonly StarboardProject? _project;

    public static readonly IReadOnlyList<string> StateTables = ["pipeline_runs", "model_state"];

    /// <summary>Ensures every model's table; returns the models whose tables were (re)created.</summary>
    public IReadOnlySet<string> Ensure() => Ensure(_models);

    public IReadOnlySet<string> Ensure(IEnumerable<ModelDefinition> models)
    {
        var ddl = new DdlRenderer(warehouse.Dialect);
        EnsureStateTables(ddl);
        var list = models.Where(m => m.Materialization != Materialization.DdlOnly && !StateTables.Contains(m.Name)).ToList();
        var created = new HashSet<string>(StringComparer.Ordinal);
        // One query for every stored hash: the check runs before every run, mostly to find nothing changed.
        var storedHashes = state.DefinitionHashes();
        var hashes = list.ToDictionary(m => m.Name, m => Hash(ddl, m), StringComparer.Ordinal);
        var rawChanged = list.Where(IsRawLayer).Any(m => storedHashes.TryGetValue(m.Name, out var h) && h != hashes[m.Name]);
        foreach (var model in list)
        {
            var hash = hashes[model.Name];
            var stored = storedHashes.GetValueOrDefault(model.Name);
            var replace = stored is not null && (stored != hash || (rawChanged && IsRawLayer(model)));
            if (stored == hash && !replace)
                continue;
            warehouse.InTransaction(() =>
            {
                if (replace)
                    warehouse.Execute($"DROP TABLE IF EXISTS {warehouse.Dialect.QuoteIdentifier(model.Name)}", $"dropping {model.Name}");
                warehouse.Execute(ddl.CreateTable(model.Table, forPublishing: false), $"creating {model.Name}");
                state.SetDefinition(model.Name, hash);
            });
            created.Add(model.Name);
        }
        return created;
    }

    /// <summary>Ensures just the raw layer (the ingester's tables).</summary>
    public static void EnsureRaw(Warehouse warehouse, TimeProvider clock) =>
        new SchemaManager(warehouse, new StateStore(warehouse, clock)).Ensure(RawTables.Models());

    private void EnsureStateTables(DdlRenderer ddl)
    {
        var builtIn = _models.Any(m => StateTables.Contains(m.Name)) ? _models : ModelLoader.LoadBuiltIn();
        foreach (var name in StateTables)
        {
            var table = builtIn.First(m => m.Name == name).Table;
            var columns = string.Join(", ", table.Columns.Select(c => warehouse.Dialect.QuoteIdentifier(c.Name)));
            // Usually the table is there with every column: one cheap query, rather than its DDL (and comments) every run.
            try
            {
                warehouse.Execute($"SELECT {columns} FROM {warehouse.Dialect.QuoteIdentifier(name)} WHERE 1 = 0", $"checking {name}");
                continue;
            }
            catch (ExecutionException)
            {
            }
            // Missing, or made by an older Starboard and lacking a state column: start that state afresh (models then
            // count as never built and are rebuilt in full, which is always correct).
            warehouse.Execute($"DROP TABLE IF EXISTS {warehouse.Dialect.QuoteIdentifier(name)}", $"dropping the old {name}");
            warehouse.Execute(ddl.CreateTable(table, forPublishing: false), $"creating {name}");
        }
    }

    private static bool IsRawLayer(ModelDefinition m) => m.Materialization == Materialization.External && RawTables.IsIngestTable(m.Name);

    // A seed's rows are part of its definition: new rows (another fiscal start month, an edited catalog) recreate
    // it, and what is built on it is rebuilt; unchanged seeds are not reloaded on every run.
    // The time and cluster columns are part of it too: they decide which rows a run replaces and how rows are stored.
    private string Hash(DdlRenderer ddl, ModelDefinition model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ddl.CreateTable(model.Table, false) + "\n--\n" + model.Sql +
            $"\n-- time: {model.TimeColumn}; cluster: {string.Join(", ", model.ClusterBy)}" +
            (model.Materialization == Materialization.Seed && _project is not null && Seeds.Has(model.Name) ? "\n--\n" + Seeds.ContentHash(model, _project) : ""))))[..32];
}
