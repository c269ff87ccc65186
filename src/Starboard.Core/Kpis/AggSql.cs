namespace Starboard.Core.Kpis;

/// <summary>
/// The SQL of agg_kpi_dashboard: each window's value beside the same window as of the prior-year and previous
/// as-of days (kpi_window names them), the deltas, and the JSON payload. Percent deltas are null, not infinite,
/// when the base is 0 or null.
/// </summary>
public static class AggSql
{
    public static string AggKpiDashboard()
    {
        var pivot = string.Join(",\n           ", KpiWindows.All.SelectMany(w => new[]
        {
            $"max(CASE WHEN window_code = '{w}' THEN value END) AS {w}_value",
            $"max(CASE WHEN window_code = '{w}' THEN prior_year END) AS {w}_prior_year",
            $"max(CASE WHEN window_code = '{w}' THEN previous END) AS {w}_previous",
        }));
        var deltas = string.Join(",\n       ", KpiWindows.All.SelectMany(w => new[]
        {
            $"{w}_value", $"{w}_prior_year", $"{w}_previous",
            $"{w}_value - {w}_prior_year AS {w}_yoy_abs", $"{Pct($"{w}_value", $"{w}_prior_year")} AS {w}_yoy_pct",
            $"{w}_value - {w}_previous AS {w}_pop_abs", $"{Pct($"{w}_value", $"{w}_previous")} AS {w}_pop_pct",
        }));
        // One flat object with the columns' names: building nested objects costs half as much again per row.
        var payload = string.Join(",\n                       ", KpiWindows.All.Select(w => string.Join(", ",
            Columns.Select(c => $"'{w}_{c}', {w}_{c}"))));
        return $$"""
            WITH targets AS (
                SELECT as_of_date_key, window_code, prior_year_as_of_key, previous_as_of_key
                FROM {{"{{ ref('kpi_window') }}"}}
                WHERE as_of_date_key BETWEEN {{"{{ var('start_key') }}"}} AND {{"{{ var('end_key') }}"}}
            ),
            needed AS (
                -- Only the as-of days the run reads: its own and those its comparisons are as of.
                SELECT as_of_date_key AS date_key FROM targets
                UNION SELECT prior_year_as_of_key FROM targets
                UNION SELECT previous_as_of_key FROM targets
            ),
            window_values AS (
                SELECT v.as_of_date_key, v.kpi_key, v.entity_key, v.window_code, v.value
                FROM {{"{{ ref('kpi_window_value') }}"}} AS v
                WHERE v.as_of_date_key IN (SELECT date_key FROM needed)
            ),
            compared AS (
                SELECT c.as_of_date_key, c.kpi_key, c.entity_key, c.window_code, c.value, py.value AS prior_year, pv.value AS previous
                FROM window_values AS c
                JOIN targets AS t ON t.as_of_date_key = c.as_of_date_key AND t.window_code = c.window_code
                LEFT JOIN window_values AS py
                       ON py.as_of_date_key = t.prior_year_as_of_key AND py.kpi_key = c.kpi_key
                      AND py.entity_key = c.entity_key AND py.window_code = c.window_code
                LEFT JOIN window_values AS pv
                       ON pv.as_of_date_key = t.previous_as_of_key AND pv.kpi_key = c.kpi_key
                      AND pv.entity_key = c.entity_key AND pv.window_code = c.window_code
            ),
            wide AS (
                SELECT as_of_date_key, kpi_key, entity_key,
                       {{pivot}}
                FROM compared
                GROUP BY as_of_date_key, kpi_key, entity_key
            ),
            with_deltas AS (
                SELECT as_of_date_key, kpi_key, entity_key,
                   {{deltas}}
                FROM wide
            )
            SELECT d.*,
                   {{"{{"}} json_object('kpi', k.kpi_code, 'entity_type', e.entity_type, 'entity_value', e.entity_value, 'as_of', d.as_of_date_key,
                       {{payload}}) {{"}}"}} AS payload
            FROM with_deltas AS d
            JOIN {{"{{ ref('dim_kpi') }}"}} AS k ON k.kpi_key = d.kpi_key
            JOIN {{"{{ ref('dim_entity') }}"}} AS e ON e.entity_key = d.entity_key
            """;
    }

    /// <summary>The columns of each window, in order: {window}_{column}.</summary>
    public static readonly IReadOnlyList<string> Columns = ["value", "prior_year", "previous", "yoy_abs", "yoy_pct", "pop_abs", "pop_pct"];

    private static string Pct(string value, string baseValue) =>
        $"CASE WHEN {baseValue} IS NULL OR {baseValue} = 0 THEN NULL ELSE ({value} - {baseValue}) / abs({baseValue}) * 100 END";
}
