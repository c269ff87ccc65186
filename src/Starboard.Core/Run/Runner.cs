using System.Diagnostics;
using Starboard.Core.Engine;
using Starboard.Core.Graph;
using Starboard.Core.Kpis;
using Starboard.Core.Project;
using Starboard.Core.Schema;
using Starboard.Core.Sql;

namespace Starboard.Core.Run;

/// <summary>
/// Builds the models in dependency order and records every model run in `pipeline_runs`: an incremental run in
/// one transaction, a run that builds any model in full one transaction per model (Runner.Steps.cs). Incremental
/// models recompute a window of days: the newest `lookback_days` by default, everything on a full refresh or the
/// first time a model is built. Full and incremental builds run the same SQL over different windows, so a full
/// refresh gives the values the incremental history gave.
/// </summary>
public sealed partial class Runner(StarboardProject project, Warehouse warehouse, TimeProvider clock)
{
    private readonly StateStore _state = new(warehouse, clock);

    public RunResult Run(RunOptions options, IProgress<RunProgress>? progress = null)
    {
        var models = project.Graph.Select(options.Select).Where(m => m.Materialization is not (Materialization.DdlOnly or Materialization.External)).ToList();
        var recreated = new SchemaManager(project, warehouse, _state).Ensure();
        // A model whose definition changed is rebuilt in full, and so is everything downstream of it.
        var rebuilt = recreated.Concat(recreated.SelectMany(project.Graph.Downstream)).ToHashSet(StringComparer.Ordinal);
        var built = _state.BuiltModels();
        var steps = models.Select(m => new Step(m, options.FullRefresh || rebuilt.Contains(m.Name) || !built.Contains(m.Name), rebuilt.Contains(m.Name)))
            // A seed's rows are in its definition hash: when it was not recreated, its rows are already there.
            .Where(s => s.Full || s.Model.Materialization != Materialization.Seed)
            .ToList();
        var run = new RunContext(_state.NextRunId(), options, BaseVars(), progress, steps.Count);
        // An incremental run commits once, so a run that fails or is killed leaves the warehouse exactly as it was
        // (and DuckDB writes its log once instead of after every model). A run that builds a model in full commits
        // per model instead: one transaction over a whole build would keep every table's new rows in
        // transaction-local storage until the end, and a first build resumes model by model.
        var results = warehouse.Dialect.SupportsTransactions && steps.All(s => !s.Full) ? RunInOneTransaction(steps, run) : RunPerModel(steps, run);
        progress?.Report(new RunProgress(steps.Count, steps.Count, ""));
        return new RunResult(run.RunId, results, run.Window?.Start, run.Window?.End) { Failure = run.Failure };
    }

    private long Build(ModelDefinition model, Dictionary<string, object?> vars, bool full)
    {
        var table = warehouse.Dialect.QuoteIdentifier(model.Name);
        switch (model.Materialization)
        {
            case Materialization.Seed:
                warehouse.Execute(warehouse.Dialect.Template("delete_all", new Dictionary<string, string> { ["target"] = table }), $"clearing {model.Name}");
                return Seeds.Load(model, project, warehouse);
            case Materialization.Table when !full && model.Table.PrimaryKey.Count > 0:
                return MergeChanges(model, vars);
            case Materialization.Table:
                warehouse.Execute(warehouse.Dialect.Template("delete_all", new Dictionary<string, string> { ["target"] = table }), $"clearing {model.Name}");
                return Insert(model, vars);
            case Materialization.IncrementalByTime:
                var p = warehouse.Dialect.ParameterPlaceholder;
                // A date time column is bounded by the window's dates, an integer one (YYYYMMDD) by its keys.
                var (from, to) = model.Table.Column(model.TimeColumn!).Type.Kind == TypeKind.Date ? ("start_date", "end_date") : ("start_key", "end_key");
                if (!full && model.MergesWindow)
                    return MergeChanges(model, vars, (from, to));
                // Otherwise the window is replaced whole: where most of its rows are new, comparing them with the old
                // ones would read every column of the window back for little saved writing.
                var delete = full
                    ? RenderedSql.Plain(warehouse.Dialect.Template("delete_all", new Dictionary<string, string> { ["target"] = table }))
                    : new RenderedSql(warehouse.Dialect.Template("delete_range", new Dictionary<string, string>
                    {
                        ["target"] = table, ["time_column"] = warehouse.Dialect.QuoteIdentifier(model.TimeColumn!),
                        ["start"] = p(from), ["end"] = p(to),
                    }), new Dictionary<string, object?> { [from] = vars[from], [to] = vars[to] });
                warehouse.Execute(delete, $"clearing the window of {model.Name}");
                return Insert(model, vars);
            case Materialization.IncrementalByKey:
                return UpsertNewLoads(model, vars, full);
            default:
                throw new UnreachableException();
        }
    }

    private long Insert(ModelDefinition model, Dictionary<string, object?> vars, string? from = null)
    {
        var select = from is null ? SqlTemplate.Render(model.Sql!, warehouse.Dialect, vars, model.Name) : RenderedSql.Plain($"SELECT * FROM {from}");
        var columns = string.Join(", ", model.Table.Columns.Select(c => warehouse.Dialect.QuoteIdentifier(c.Name)));
        var statement = warehouse.Dialect.Template("insert_select", new Dictionary<string, string>
        {
            ["target"] = warehouse.Dialect.QuoteIdentifier(model.Name), ["columns"] = columns, ["select"] = select.Text,
        });
        if (warehouse.Dialect.ClustersByInsertOrder && model.ClusterBy.Count > 0)
            statement += "\nORDER BY " + string.Join(", ", model.ClusterBy.Select(warehouse.Dialect.QuoteIdentifier));
        try
        {
            return warehouse.Execute(select with { Text = statement }, $"model '{model.Name}'");
        }
        catch (ExecutionException e)
        {
            throw ExecutionException.InModel(model.Name, warehouse.Dialect.Name, statement, e.InnerException ?? e);
        }
    }

    private ModelRun Record(long runId, ModelRun run, DateTime startedAt)
    {
        _state.RecordRun(runId, run, startedAt);
        return run;
    }

    /// <summary>Values every model may use through {{ var('…') }}.</summary>
    private Dictionary<string, object?> BaseVars()
    {
        var s = project.Settings;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["timezone"] = s.Timezone,
            ["reporting_currency"] = s.ReportingCurrency,
            ["session_timeout_seconds"] = (long)s.SessionTimeoutMinutes * 60,
            ["power_actions_per_day"] = (long)s.PowerActionsPerDay,
            ["fiscal_year_start_month"] = (long)s.FiscalYearStartMonth,
        };
    }

    private static void SetWindowVars(Dictionary<string, object?> vars, DateOnly start, DateOnly end)
    {
        vars["start_date"] = start;
        vars["end_date"] = end;
        vars["start_key"] = (long)DateKeys.Of(start);
        vars["end_key"] = (long)DateKeys.Of(end);
        // Days since 1970 (the day_number columns), so a model compares day numbers with constants, which the engine
        // can push into its scans, instead of computing them from the dates in a join.
        vars["start_day_number"] = (long)KpiWindows.DayNumber(start);
        vars["end_day_number"] = (long)KpiWindows.DayNumber(end);
    }

    private (DateOnly Start, DateOnly End) ResolveWindow(RunOptions options)
    {
        var range = DataRange();
        var end = options.To ?? range.Last;
        var start = options.From ?? end.AddDays(1 - project.Settings.LookbackDays);
        if (start > end)
            throw new UsageException($"--from {start:yyyy-MM-dd} is after --to {end:yyyy-MM-dd}");
        return (start, end);
    }

    private (DateOnly First, DateOnly Last) DataRange()
    {
        var rows = warehouse.Query<(DateTime? First, DateTime? Last)>("SELECT first_date, last_date FROM data_range", "reading the data range");
        if (rows.Count == 0 || rows[0].First is null || rows[0].Last is null)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return (today, today);
        }
        return (DateOnly.FromDateTime(rows[0].First!.Value), DateOnly.FromDateTime(rows[0].Last!.Value));
    }
}

public static class DateKeys
{
    public static int Of(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public static DateOnly ToDate(int key) => new(key / 10000, key / 100 % 100, key % 100);
}
