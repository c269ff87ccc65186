namespace Starboard.Core.Run;

/// <summary>What `starboard run` was asked to do.</summary>
public sealed record RunOptions
{
    /// <summary>Rebuild every model from nothing over the whole data range.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>First day to recompute; null means `To` minus the lookback.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day to recompute; null means the last day of the data.</summary>
    public DateOnly? To { get; init; }

    /// <summary>dbt-style selector (`fact_event+`); null runs every model.</summary>
    public string? Select { get; init; }
}

public sealed record ModelRun(string Model, string Status, long Rows, TimeSpan Duration, bool FullRefresh, DateOnly? WindowStart, DateOnly? WindowEnd, string? Error);

public sealed record RunResult(long RunId, IReadOnlyList<ModelRun> Models, DateOnly? WindowStart, DateOnly? WindowEnd)
{
    /// <summary>The error that stopped the run; the models after it are recorded as skipped.</summary>
    public StarboardException? Failure { get; init; }

    public bool Succeeded => Failure is null;
}

public sealed record RunProgress(int Done, int Total, string Model);
