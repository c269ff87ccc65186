namespace Starboard.Core.Insights;

/// <summary>
/// An insight query that cannot run as written: names the field (`total_intervals`, `steps[1].properties[0].operator`)
/// and what is wrong with it. A usage error (exit code 2; HTTP 400 for the API).
/// </summary>
public sealed class InsightQueryException : UsageException
{
    public InsightQueryException(string field, string problem) : base($"insight: {field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The JSON path of the offending field.</summary>
    public string Field { get; }

    public string Problem { get; }
}
