using System.Text;
using Starboard.Core.Graph;

namespace Starboard.Core.Schema;

/// <summary>
/// docs/schema.md, generated from the model: an ER diagram (Mermaid) of the star schema and of the source schema,
/// then one section per table with its grain, keys, how it is built and every column. `starboard ddl --format
/// markdown` prints it; a test fails when the committed file is stale.
/// </summary>
public static class SchemaDocs
{
    // The star schema first: it is what people query.
    private static readonly Layer[] LayerOrder = [Layer.Warehouse, Layer.Kpi, Layer.Staging, Layer.Raw, Layer.System, Layer.Source];

    private static readonly Dictionary<Layer, string> LayerText = new()
    {
        [Layer.Warehouse] = "The star schema: dimensions (surrogate keys that are hashes of natural keys) and facts (one business process each).",
        [Layer.Kpi] = "The KPI catalog, its breakdown members, and the KPI values per day, KPI and entity.",
        [Layer.Staging] = "Typed, de-duplicated records (latest version wins), aliases resolved; sessions and error attribution derived.",
        [Layer.Raw] = "Append-only tables derived from the input contract: one row per received record, plus rejects.",
        [Layer.System] = "The run log, model state, loads and the data's date range.",
        [Layer.Source] = "The OLTP schema an app that feeds Starboard would keep (`ddl --layer source`); never created in the warehouse.",
    };

    public static string Render(IEnumerable<ModelDefinition> models)
    {
        var all = models.ToList();
        var byLayer = all.GroupBy(m => m.Table.Layer).ToDictionary(g => g.Key, g => g.OrderBy(SectionOrder).ThenBy(m => m.Name, StringComparer.Ordinal).ToList());
        var tables = all.Select(m => m.Table).ToList();
        var sb = new StringBuilder();
        sb.Append("# Schema reference\n\n");
        sb.Append("Generated from the model definitions (`src/Starboard.Core/Models/**/*.yml`; the raw layer from the input contract) by\n");
        sb.Append("`starboard ddl --format markdown > docs/schema.md`. Do not edit by hand: a test fails when this file is stale, and\n");
        sb.Append("`STARBOARD_UPDATE_SNAPSHOTS=1 dotnet test` rewrites it. `starboard ddl --dialect mysql|postgres|duckdb|clickhouse` prints the\n");
        sb.Append("same model as runnable DDL; `--layer warehouse` is everything a deployed warehouse holds (raw, staging, star, KPI and\n");
        sb.Append("system tables), `--layer source` the app's OLTP tables.\n\n");
        var dims = tables.Count(t => t.IsDimension);
        var facts = tables.Count(t => t.IsFact);
        sb.Append($"{tables.Count} tables: {dims} dimensions, {facts} facts; ");
        sb.Append(string.Join(", ", LayerOrder.Where(byLayer.ContainsKey).Select(l => $"{Name(l)} {byLayer[l].Count}"))).Append(".\n\n");

        foreach (var layer in LayerOrder.Where(byLayer.ContainsKey))
            sb.Append($"- **{Name(layer)}**: ").Append(string.Join(", ", byLayer[layer].Select(m => $"[{m.Name}](#{m.Name})"))).Append('\n');
        sb.Append('\n');

        var star = tables.Where(t => t.Layer is Layer.Warehouse or Layer.Kpi && (t.IsDimension || t.IsFact)).ToList();
        sb.Append("## Star schema\n\nFacts point at dimensions through hash keys (crow's foot on the fact side); key columns only.\n\n");
        AppendDiagram(sb, star);
        var source = tables.Where(t => t.Layer == Layer.Source).ToList();
        if (source.Count > 0)
        {
            sb.Append("## Source schema\n\n");
            AppendDiagram(sb, source);
        }

        foreach (var layer in LayerOrder.Where(byLayer.ContainsKey))
        {
            sb.Append($"## {char.ToUpperInvariant(Name(layer)[0])}{Name(layer)[1..]} layer\n\n{LayerText[layer]}\n\n");
            foreach (var model in byLayer[layer])
                AppendTable(sb, model);
        }
        return sb.ToString().TrimEnd() + "\n";
    }

    private static int SectionOrder(ModelDefinition m) => m.Table.IsDimension ? 0 : m.Table.IsFact ? 1 : 2;

    private static void AppendDiagram(StringBuilder sb, List<TableDefinition> tables)
    {
        var names = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        sb.Append("```mermaid\nerDiagram\n");
        foreach (var t in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
            foreach (var fk in t.ForeignKeys.Where(f => names.Contains(f.ReferencedTable)))
                sb.Append($"    {fk.ReferencedTable} ||--o{{ {t.Name} : \"{string.Join(", ", fk.Columns)}\"\n");
        foreach (var t in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var fkColumns = t.ForeignKeys.SelectMany(f => f.Columns).ToHashSet(StringComparer.Ordinal);
            var keys = t.Columns.Where(c => t.PrimaryKey.Contains(c.Name) || fkColumns.Contains(c.Name)).ToList();
            sb.Append($"    {t.Name} {{\n");
            foreach (var c in keys)
            {
                var marks = string.Join(", ", new[] { t.PrimaryKey.Contains(c.Name) ? "PK" : null, fkColumns.Contains(c.Name) ? "FK" : null }.OfType<string>());
                sb.Append($"        {c.Type.Kind.ToString().ToLowerInvariant()} {c.Name} {marks}\n");
            }
            sb.Append("    }\n");
        }
        sb.Append("```\n\n");
    }

    private static void AppendTable(StringBuilder sb, ModelDefinition model)
    {
        var t = model.Table;
        sb.Append($"### {t.Name}\n\n{Escape(t.Description)}\n\n");
        if (t.Grain is { } grain)
            sb.Append($"- **Grain**: {Escape(grain)}\n");
        sb.Append($"- **Built**: {Built(model)}\n");
        if (t.PrimaryKey.Count > 0)
            sb.Append($"- **Primary key**: {Code(t.PrimaryKey)}\n");
        foreach (var fk in t.ForeignKeys)
            sb.Append($"- **Foreign key**: {Code(fk.Columns)} → [{fk.ReferencedTable}](#{fk.ReferencedTable}) ({Code(fk.ReferencedColumns)})\n");
        foreach (var ix in t.Indexes)
            sb.Append($"- **{(ix.Unique ? "Unique index" : "Index")}**: {Code(ix.Columns)}\n");
        if (t.SortKey.Count > 0 && !t.SortKey.SequenceEqual(t.PrimaryKey))
            sb.Append($"- **Sort key** (ClickHouse ORDER BY): {Code(t.SortKey)}\n");
        if (t.PartitionColumn is { } p)
            sb.Append($"- **Partitioned** (ClickHouse): by month of `{p}`\n");
        var upstream = model.DependsOn.Where(d => d != "data_range").Order(StringComparer.Ordinal).ToList();
        if (upstream.Count > 0)
            sb.Append($"- **Reads**: {string.Join(", ", upstream.Select(d => $"[{d}](#{d})"))}\n");
        sb.Append("\n| column | type | null | description |\n|---|---|---|---|\n");
        foreach (var c in t.Columns)
            sb.Append($"| `{c.Name}` | {c.Type} | {(c.Nullable ? "yes" : "no")} | {Escape(c.Description)} |\n");
        sb.Append('\n');
    }

    private static string Built(ModelDefinition m) => m.Materialization switch
    {
        Materialization.Table => "rebuilt in full on every run",
        Materialization.IncrementalByTime => $"incrementally: the days of the run's window are replaced (by `{m.TimeColumn}`)",
        Materialization.IncrementalByKey => "incrementally by load: rows of the loads committed since its last build replace those with the same key",
        Materialization.Seed => "seeded from configuration or built-in data (reloaded when its rows change)",
        Materialization.External => "written by ingestion or the runner",
        Materialization.DdlOnly => "never in the warehouse: DDL for the app's own database",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    private static string Name(Layer layer) => layer.ToString().ToLowerInvariant();

    private static string Code(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
