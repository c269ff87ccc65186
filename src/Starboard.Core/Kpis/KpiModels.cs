using Starboard.Core.Graph;
using Starboard.Core.Project;
using Starboard.Core.Sql;

namespace Starboard.Core.Kpis;

/// <summary>Gives the generated KPI models (kpi_user_day, kpi_measure_daily, fact_kpi_daily, kpi_window_value, agg_kpi_dashboard) their SQL from the catalog.</summary>
public static class KpiModels
{
    public static IEnumerable<ModelDefinition> Complete(IEnumerable<ModelDefinition> models, KpiCatalog catalog) =>
        models.Select(m => m.Name switch
        {
            "kpi_user_day" => WithSql(m, MeasureSql.UserDay(catalog.Measures)),
            "kpi_measure_daily" => WithSql(m, MeasureSql.Daily(catalog.Measures)),
            "fact_kpi_daily" => WithSql(m, KpiSql.FactKpiDaily(catalog), "dim_kpi"),
            "kpi_window_value" => WithSql(m, WindowSql.KpiWindowValue(catalog), "dim_kpi"),
            "agg_kpi_dashboard" => WithSql(m, AggSql.AggKpiDashboard()),
            _ => m,
        });

    private static ModelDefinition WithSql(ModelDefinition m, string sql, params string[] extra) =>
        m with
        {
            Sql = sql,
            SqlPath = $"(generated from the KPI catalog for {m.Name})",
            DependsOn = [.. SqlTemplate.References(sql).Concat(m.DependsOn).Concat(extra).Distinct(StringComparer.Ordinal)],
        };
}
