using Starboard.Core.Project;
using Starboard.Core.Schema;
using Starboard.Core.Sql;
using YamlDotNet.Core;

namespace Starboard.Core.Graph;

/// <summary>
/// Reads model definitions: `Models/{layer}/{name}.yml` (the table: columns, keys, indexes, descriptions, how it
/// is materialized) and, beside it, `{name}.sql` (the SELECT that fills it). Built-in models are embedded in
/// Starboard.Core; dependencies are the `{{ ref('…') }}` calls in the SQL plus any `depends_on` in the yml.
/// </summary>
public static class ModelLoader
{
    public static IReadOnlyList<ModelDefinition> LoadBuiltIn()
    {
        var models = new List<ModelDefinition>();
        foreach (var path in EmbeddedFiles.Under("Models").Where(p => p.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var sqlPath = path[..^4] + ".sql";
            models.Add(Parse(EmbeddedFiles.Read(path)!, path, EmbeddedFiles.Read(sqlPath), sqlPath) with
            {
                SeedCsv = EmbeddedFiles.Read(path[..^4] + ".csv"),
            });
        }
        return models;
    }

    public static ModelDefinition Parse(string yaml, string path, string? sql, string? sqlPath)
    {
        ModelYaml m;
        try
        {
            m = SettingsLoader.Yaml.Deserialize<ModelYaml>(yaml);
        }
        catch (YamlException e)
        {
            throw new ProjectException(SettingsLoader.YamlError(path, e));
        }
        if (string.IsNullOrWhiteSpace(m.Name))
            throw new ProjectException($"{path}: name is required");
        if (m.Columns.Count == 0)
            throw new ProjectException($"{path}: a table needs columns");
        var layer = Enum.TryParse<Layer>(m.Layer, ignoreCase: true, out var l)
            ? l : throw new ProjectException($"{path}: unknown layer '{m.Layer}'");
        var materialization = m.Materialized switch
        {
            "table" => Materialization.Table,
            "incremental" => Materialization.IncrementalByTime,
            "incremental_by_key" => Materialization.IncrementalByKey,
            "seed" => Materialization.Seed,
            "external" => Materialization.External,
            "ddl_only" => Materialization.DdlOnly,
            _ => throw new ProjectException($"{path}: unknown materialized '{m.Materialized}' (table, incremental, incremental_by_key, seed, external, ddl_only)"),
        };
        var needsSql = !m.Generated && materialization is Materialization.Table or Materialization.IncrementalByTime or Materialization.IncrementalByKey;
        if (needsSql && sql is null)
            throw new ProjectException($"{path}: a {m.Materialized} model needs {sqlPath}");
        if (materialization == Materialization.IncrementalByTime && m.TimeColumn is null)
            throw new ProjectException($"{path}: an incremental model needs time_column");
        if (materialization == Materialization.IncrementalByKey && (m.LoadColumn is null || m.PrimaryKey.Count == 0))
            throw new ProjectException($"{path}: an incremental_by_key model needs primary_key and load_column");

        var primaryKey = m.PrimaryKey;
        var columns = m.Columns.Select(c => new ColumnDefinition(
            c.Name, ParseType(c.Type, path, c.Name), c.Nullable ?? !primaryKey.Contains(c.Name), c.Description ?? "")).ToList();
        var table = new TableDefinition(
            m.Name, layer, m.Description ?? "", m.Grain, columns, primaryKey,
            m.ForeignKeys.Select(f => ParseForeignKey(f, path)).ToList(),
            m.Indexes.Select(ix => new IndexDefinition(ix.Name ?? DdlNames.DefaultIndexName(m.Name, ix.Columns), ix.Columns, ix.Unique)).ToList(),
            m.SortKey.Count > 0 ? m.SortKey : primaryKey,
            // `partition_by: month` is the month of the model's time column (date_key when it has none).
            m.PartitionBy?.Trim() == "month" ? $"month({m.TimeColumn ?? "date_key"})" : m.PartitionBy);
        try
        {
            foreach (var name in primaryKey.Concat(table.Indexes.SelectMany(i => i.Columns)).Concat(table.ForeignKeys.SelectMany(f => f.Columns))
                         .Concat(table.SortKey).Concat(table.PartitionColumn is { } p ? [p] : []))
                _ = table.Column(name);
        }
        catch (ProjectException e)
        {
            throw new ProjectException($"{path}: {e.Message}");
        }

        var depends = (sql is null ? [] : SqlTemplate.References(sql)).Concat(m.DependsOn).Distinct(StringComparer.Ordinal).ToList();
        if (m.LoadColumn is not null) _ = table.Column(m.LoadColumn);
        // Rows are written in this order, so that a window of days is a few adjacent row groups (see SqlDialect.ClustersByInsertOrder).
        var clusterBy = m.ClusterBy.Count > 0 ? m.ClusterBy : m.TimeColumn is { } time ? [time] : [];
        foreach (var name in clusterBy)
        {
            try { _ = table.Column(name); }
            catch (ProjectException e) { throw new ProjectException($"{path}: cluster_by: {e.Message}"); }
        }
        var merges = m.IncrementalStrategy switch
        {
            null or "delete+insert" => false,
            "merge" when materialization == Materialization.IncrementalByTime && primaryKey.Count > 0 => true,
            "merge" => throw new ProjectException($"{path}: incremental_strategy: merge needs an incremental model with a primary_key"),
            var other => throw new ProjectException($"{path}: unknown incremental_strategy '{other}' (delete+insert, merge)"),
        };
        if (m.ReplaceWithinCluster && (materialization != Materialization.IncrementalByKey || m.ClusterBy.Count == 0))
            throw new ProjectException($"{path}: replace_within_cluster needs an incremental_by_key model with cluster_by");
        return new ModelDefinition(table, materialization, sql, sql is null ? null : sqlPath, depends, m.TimeColumn, m.LoadColumn)
        {
            ClusterBy = clusterBy, MergesWindow = merges, ReplacesWithinCluster = m.ReplaceWithinCluster,
        };
    }

    private static ColumnType ParseType(string? text, string path, string column)
    {
        try
        {
            return ColumnType.Parse(text ?? throw new ProjectException("type is required"));
        }
        catch (ProjectException e)
        {
            throw new ProjectException($"{path}: column {column}: {e.Message}");
        }
    }

    // `references: dim_user(user_sk)`
    private static ForeignKeyDefinition ParseForeignKey(ForeignKeyYaml f, string path)
    {
        var r = f.References.Trim();
        var open = r.IndexOf('(');
        if (open < 1 || !r.EndsWith(')'))
            throw new ProjectException($"{path}: foreign key references '{r}': expected table(column, …)");
        var cols = r[(open + 1)..^1].Split(',').Select(c => c.Trim()).ToList();
        if (cols.Count != f.Columns.Count)
            throw new ProjectException($"{path}: foreign key {string.Join(",", f.Columns)} -> {r}: column counts differ");
        return new ForeignKeyDefinition(f.Columns, r[..open].Trim(), cols);
    }

    private sealed class ModelYaml
    {
        public string Name { get; set; } = "";
        public string Layer { get; set; } = "warehouse";
        public string? Description { get; set; }
        public string? Grain { get; set; }
        public string Materialized { get; set; } = "table";
        public string? TimeColumn { get; set; }
        public string? LoadColumn { get; set; }
        public List<ColumnYaml> Columns { get; set; } = [];
        public List<string> PrimaryKey { get; set; } = [];
        public List<ForeignKeyYaml> ForeignKeys { get; set; } = [];
        public List<IndexYaml> Indexes { get; set; } = [];
        public List<string> SortKey { get; set; } = [];
        public List<string> ClusterBy { get; set; } = [];
        public string? IncrementalStrategy { get; set; }
        public bool ReplaceWithinCluster { get; set; }
        public string? PartitionBy { get; set; }
        public List<string> DependsOn { get; set; } = [];

        /// <summary>The SQL is generated in C# (the KPI models from the catalog).</summary>
        public bool Generated { get; set; }
    }

    private sealed class ColumnYaml
    {
        public string Name { get; set; } = "";
        public string? Type { get; set; }
        public bool? Nullable { get; set; }
        public string? Description { get; set; }
    }

    private sealed class ForeignKeyYaml
    {
        public List<string> Columns { get; set; } = [];
        public string References { get; set; } = "";
    }

    private sealed class IndexYaml
    {
        public string? Name { get; set; }
        public List<string> Columns { get; set; } = [];
        public bool Unique { get; set; }
    }
}
