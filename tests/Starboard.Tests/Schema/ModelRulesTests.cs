using Starboard.Core.Dialects;
using Starboard.Core.Graph;
using Starboard.Core.Schema;

namespace Starboard.Tests.Schema;

/// <summary>
/// Rules every table of the model keeps, checked on the definitions themselves (no database): descriptions,
/// keys, relationships, the star's shape, and the limits of each engine the DDL is published for.
/// </summary>
public sealed class ModelRulesTests
{
    private static readonly IReadOnlyList<ModelDefinition> Models = DdlScript.Models(DdlSnapshotTests.Project.Graph, DdlLayer.All);
    private static readonly IReadOnlyList<TableDefinition> Tables = [.. Models.Select(m => m.Table)];
    private static readonly Dictionary<string, TableDefinition> ByName = Tables.ToDictionary(t => t.Name);

    // SPEC section 4, less fact_retention_cohort and agg_kpi_dashboard, which the KPI engine adds.
    private static readonly string[] SpecDimensions =
    [
        "dim_date", "dim_time", "dim_user", "dim_device", "dim_platform", "dim_app_version", "dim_geo", "dim_channel",
        "dim_campaign", "dim_action", "dim_feature", "dim_product", "dim_payment_method", "dim_error_type", "dim_kpi", "dim_entity",
    ];

    private static readonly string[] SpecFacts =
    [
        "fact_event", "fact_session", "fact_daily_user_activity", "fact_signup", "fact_order", "fact_payment", "fact_refund",
        "fact_subscription_event", "fact_error", "fact_feature_usage_daily", "fact_campaign_spend_daily", "fact_kpi_daily",
    ];

    [Fact]
    public void Should_Have_Every_Table_Of_The_Star_Schema()
    {
        SpecDimensions.Concat(SpecFacts).Where(n => !ByName.ContainsKey(n)).ShouldBeEmpty();
        Tables.Count(t => t.IsDimension).ShouldBeGreaterThanOrEqualTo(16);
        Tables.Count(t => t.IsFact).ShouldBeGreaterThanOrEqualTo(13);
    }

    [Fact]
    public void Should_Describe_Every_Table_And_Column_Within_The_Comment_Limits()
    {
        // MySQL keeps at most 2048 characters of a table comment and 1024 of a column comment.
        Tables.Where(t => t.Description.Length is 0 or > 2048).Select(t => t.Name).ShouldBeEmpty();
        Tables.SelectMany(t => t.Columns.Where(c => c.Description.Length is 0 or > 1024).Select(c => $"{t.Name}.{c.Name}")).ShouldBeEmpty();
    }

    [Fact]
    public void Should_Write_Down_The_Grain_Of_Every_Dimension_And_Fact()
    {
        Tables.Where(t => (t.IsDimension || t.IsFact) && string.IsNullOrWhiteSpace(t.Grain)).Select(t => t.Name).ShouldBeEmpty();
    }

    [Fact]
    public void Should_Key_Every_Table()
    {
        // data_range is a single row.
        Tables.Where(t => t.PrimaryKey.Count == 0 && t.Name != "data_range").Select(t => t.Name).ShouldBeEmpty();
        Tables.SelectMany(t => t.PrimaryKey.Where(c => t.Column(c).Nullable).Select(c => $"{t.Name}.{c}")).ShouldBeEmpty();
    }

    [Fact]
    public void Should_Point_Every_Foreign_Key_At_A_Primary_Key_Of_The_Same_Type()
    {
        var problems = new List<string>();
        foreach (var t in Tables)
            foreach (var fk in t.ForeignKeys)
            {
                if (!ByName.TryGetValue(fk.ReferencedTable, out var parent))
                {
                    problems.Add($"{t.Name} -> unknown {fk.ReferencedTable}");
                    continue;
                }
                if (!parent.PrimaryKey.SequenceEqual(fk.ReferencedColumns))
                    problems.Add($"{t.Name}({string.Join(",", fk.Columns)}) -> {parent.Name}: not its primary key");
                foreach (var (c, r) in fk.Columns.Zip(fk.ReferencedColumns))
                    if (t.Column(c).Type != parent.Column(r).Type)
                        problems.Add($"{t.Name}.{c} {t.Column(c).Type} -> {parent.Name}.{r} {parent.Column(r).Type}");
                if (t.Layer != Layer.Source && !parent.IsDimension)
                    problems.Add($"{t.Name} -> {parent.Name}: warehouse tables reference dimensions only");
            }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Should_Reference_Dimensions_From_Every_Fact_Without_Cycles()
    {
        Tables.Where(t => t.IsFact && t.ForeignKeys.Count == 0).Select(t => t.Name).ShouldBeEmpty();
        Should.NotThrow(() => DdlRenderer.OrderForCreation(Tables));
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("mysql")]
    public void Should_Keep_Every_Name_Within_The_Identifier_Limit_And_Unique(string dialect)
    {
        var d = SqlDialects.ByName(dialect);
        var max = d.MaxIdentifierLength!.Value;
        var names = Tables.SelectMany(t => new[] { t.Name }.Concat(t.Columns.Select(c => c.Name))).Where(n => n.Length > max).ToList();
        names.ShouldBeEmpty();
        // PostgreSQL keeps index and primary-key names in one namespace per schema; MySQL per table.
        var generated = Tables.SelectMany(t => t.Indexes.Select(ix => DdlNames.Index(ix, max))
            .Append(DdlNames.PrimaryKey(t, max)).Concat(t.ForeignKeys.Select(f => DdlNames.ForeignKey(t, f, max)))).ToList();
        generated.Where(n => n.Length > max).ShouldBeEmpty();
        generated.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Should_Keep_Mysql_Keys_Within_Innodb_Limits()
    {
        // InnoDB indexes at most 3072 bytes per key (utf8mb4: 4 bytes a character) and cannot index TEXT or JSON whole.
        static int Bytes(ColumnType t) => t.Kind switch
        {
            TypeKind.VarChar => t.Length * 4,
            TypeKind.Text or TypeKind.Json => int.MaxValue / 4,
            TypeKind.Decimal => 17,
            _ => 8,
        };
        var keys = Tables.SelectMany(t => t.Indexes.Select(ix => (t, ix.Columns)).Append((t, t.PrimaryKey)));
        keys.Where(k => k.Item2.Sum(c => (long)Bytes(k.t.Column(c).Type)) > 3072)
            .Select(k => $"{k.t.Name}({string.Join(",", k.Item2)})").ShouldBeEmpty();
    }

    [Fact]
    public void Should_Sort_Clickhouse_Tables_By_Their_Key_On_Non_Null_Columns()
    {
        // ReplacingMergeTree de-duplicates by the sort key, so it must hold the primary key; sort keys cannot be Nullable.
        Tables.Where(t => !t.PrimaryKey.All(t.SortKey.Contains)).Select(t => t.Name).ShouldBeEmpty();
        Tables.SelectMany(t => t.SortKey.Where(c => t.Column(c).Nullable).Select(c => $"{t.Name}.{c}")).ShouldBeEmpty();
        Tables.Where(t => t.PartitionColumn is { } p && t.Column(p).Nullable).Select(t => t.Name).ShouldBeEmpty();
    }

    [Fact]
    public void Should_Give_The_Source_Schema_Keys_Indexes_And_A_Pull_Cursor()
    {
        var source = Tables.Where(t => t.Layer == Layer.Source).ToList();
        source.Count.ShouldBe(11);
        // Mutable tables carry updated_at for the incremental pull, append-only ones are pulled by their time.
        source.Where(t => !t.Columns.Any(c => c.Name == "updated_at") && !t.Indexes.Any(ix => ix.Columns[0] is "ts"))
            .Select(t => t.Name).ShouldBe(["app_order_items"]);
        source.Where(t => t.Columns.Any(c => c.Name == "updated_at") && !t.Indexes.Any(ix => ix.Columns.SequenceEqual(["updated_at"])))
            .Select(t => t.Name).ShouldBeEmpty();
    }
}
