using System.Diagnostics;
using Starboard.Core.Graph;

namespace Starboard.Core.Run;

public sealed partial class Runner
{
    /// <summary>One model to build in this run; <paramref name="Recreated"/>: its table (or one upstream) was just recreated.</summary>
    private sealed record Step(ModelDefinition Model, bool Full, bool Recreated);

    private sealed class RunContext(long runId, RunOptions options, Dictionary<string, object?> vars, IProgress<RunProgress>? progress, int total)
    {
        public long RunId { get; } = runId;
        public RunOptions Options { get; } = options;
        public Dictionary<string, object?> Vars { get; } = vars;
        public (DateOnly Start, DateOnly End)? Window { get; set; }
        public StarboardException? Failure { get; set; }

        public void Report(int done, string model) => progress?.Report(new RunProgress(done, total, model));
    }

    /// <summary>
    /// Every model in one transaction: the rows, checkpoints, built marks and run records of all models commit
    /// together. On a failure everything is rolled back, and the run is then recorded on its own: the models built
    /// before it as rolled back, the failing one as error, the rest as skipped.
    /// </summary>
    private List<ModelRun> RunInOneTransaction(List<Step> steps, RunContext run)
    {
        var results = new List<ModelRun>();
        var starts = new List<DateTime>();
        try
        {
            warehouse.InTransaction(() =>
            {
                for (var i = 0; i < steps.Count; i++)
                {
                    run.Report(i, steps[i].Model.Name);
                    starts.Add(clock.GetUtcNow().UtcDateTime);
                    var built = BuildStep(steps[i], run);
                    results.Add(built);
                    if (built.Status != "success")
                        throw run.Failure!;
                }
                // The built marks and run records commit with the rows either way: two statements instead of two a model.
                _state.MarkBuilt([.. results.Select(r => r.Model)]);
                _state.RecordRuns(run.RunId, [.. results.Select((r, i) => (r, starts[i]))]);
            });
            return results;
        }
        catch (StarboardException e) when (ReferenceEquals(e, run.Failure))
        {
            var failedAt = results.Count - 1;
            var recorded = results.Select((r, i) => i < failedAt
                    ? r with { Status = "rolled_back", Error = $"rolled back: {steps[failedAt].Model.Name} failed" }
                    : r)
                .Concat(steps.Skip(results.Count).Select(s => Skipped(s.Model.Name)))
                .ToList();
            warehouse.InTransaction(() =>
                _state.RecordRuns(run.RunId, [.. recorded.Select((r, i) => (r, i < starts.Count ? starts[i] : clock.GetUtcNow().UtcDateTime))]));
            return recorded;
        }
    }

    /// <summary>One transaction per model: a model's rows, its built mark and its line in pipeline_runs commit together.</summary>
    private List<ModelRun> RunPerModel(List<Step> steps, RunContext run)
    {
        var results = new List<ModelRun>();
        for (var i = 0; i < steps.Count; i++)
        {
            run.Report(i, steps[i].Model.Name);
            if (run.Failure is not null)
            {
                results.Add(Record(run.RunId, Skipped(steps[i].Model.Name), clock.GetUtcNow().UtcDateTime));
                continue;
            }
            var started = clock.GetUtcNow().UtcDateTime;
            ModelRun? built = null;
            try
            {
                warehouse.InTransaction(() =>
                {
                    built = BuildStep(steps[i], run);
                    if (built.Status != "success")
                        throw run.Failure!;
                    _state.MarkBuilt([built.Model]);
                    Record(run.RunId, built, started);
                });
            }
            catch (StarboardException e) when (ReferenceEquals(e, run.Failure))
            {
                // Rolled back: the error is recorded on its own.
                Record(run.RunId, built!, started);
            }
            results.Add(built!);
        }
        return results;
    }

    /// <summary>
    /// Builds one model in the current transaction (the caller marks it built). A failure of its SQL becomes the
    /// run's failure and an error result; the caller rolls back.
    /// </summary>
    private ModelRun BuildStep(Step step, RunContext run)
    {
        var model = step.Model;
        DateOnly? wStart = null, wEnd = null;
        if (model.Materialization == Materialization.IncrementalByTime)
        {
            run.Window ??= ResolveWindow(run.Options);
            var range = DataRange();
            var options = run.Options;
            // A first build covers the data up to --to when given (building a history in chunks); a full refresh all of it.
            (wStart, wEnd) = !step.Full ? run.Window.Value
                : options.FullRefresh || step.Recreated || options.To is null ? (range.First, range.Last)
                : (range.First, options.To.Value < range.Last ? options.To.Value : range.Last);
            SetWindowVars(run.Vars, wStart.Value, wEnd.Value);
        }
        var watch = Stopwatch.StartNew();
        try
        {
            var rows = Build(model, run.Vars, step.Full);
            return new ModelRun(model.Name, "success", rows, watch.Elapsed, step.Full, wStart, wEnd, null);
        }
        catch (StarboardException e)
        {
            run.Failure = e;
            return new ModelRun(model.Name, "error", 0, watch.Elapsed, step.Full, wStart, wEnd, e.Message);
        }
    }

    private static ModelRun Skipped(string model) => new(model, "skipped", 0, TimeSpan.Zero, false, null, null, "an upstream model failed");
}
