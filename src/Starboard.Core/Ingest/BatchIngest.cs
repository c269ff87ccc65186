namespace Starboard.Core.Ingest;

/// <summary>How large a posted batch may be.</summary>
public sealed record BatchLimits(int MaxRecords = 10_000, int MaxBytes = 5 << 20);

/// <summary>One refused record of a batch: its position in the array (from 1) and every reason.</summary>
public sealed record BatchReject(long Index, IReadOnlyList<string> Codes, IReadOnlyList<string> Messages);

/// <summary>
/// What a posted batch did. A batch with the same bytes as one accepted before is not loaded again
/// (<see cref="Duplicate"/>, with the earlier load's counts), so a client may safely retry.
/// </summary>
public sealed record BatchResult(long LoadId, bool Duplicate, long Received, long Loaded, long Rejected, IReadOnlyList<BatchReject> Rejects);

public enum BatchProblem { TooManyBytes, TooManyRecords, NotAnArray, Malformed }

/// <summary>A batch refused as a whole (HTTP 413 for the size limits, 400 otherwise); nothing of it was loaded.</summary>
public sealed class BatchException(BatchProblem problem, string message) : StarboardException(message)
{
    public BatchProblem Problem => problem;

    internal static BatchException TooManyBytes(long bytes, int max) =>
        new(BatchProblem.TooManyBytes, $"the batch is {bytes} bytes; at most {max} are accepted");

    internal static BatchException TooManyRecords(int records, int max) =>
        new(BatchProblem.TooManyRecords, $"the batch has {records} records; at most {max} are accepted");

    internal static BatchException NotAnArray() => new(BatchProblem.NotAnArray, "the batch must be a JSON array of records");

    internal static BatchException Malformed(string why) => new(BatchProblem.Malformed, $"the batch is not valid JSON: {why}");
}

public sealed partial class Ingester
{
    /// <summary>
    /// Loads a posted batch (a JSON array of records, as `POST /v1/batch` receives it) with the same validation
    /// and guarantees as a file: one load, committed in one transaction with its reconciliation. The caller
    /// serializes calls on one warehouse connection.
    /// </summary>
    public BatchResult IngestBatch(ReadOnlyMemory<byte> body, string source = "api", BatchLimits? limits = null)
    {
        limits ??= new BatchLimits();
        if (body.Length > limits.MaxBytes)
            throw BatchException.TooManyBytes(body.Length, limits.MaxBytes);
        var reader = JsonArrayReader.Open(body);
        if (reader.Count > limits.MaxRecords)
            throw BatchException.TooManyRecords(reader.Count, limits.MaxRecords);
        EnsureTablesOnce();
        var hash = ContentHash.Of(body.Span);
        if (_log.CommittedWithHash(hash) is { } earlier)
            return new BatchResult(earlier.LoadId, true, earlier.Received, earlier.Loaded, earlier.Rejected, []);
        var rejects = new List<BatchReject>();
        var load = new LoadRecord(_log.NextLoadId(), source, null, body.Length, null, LoadLog.Loading, 0, 0, 0, 0, 0, "", clock.GetUtcNow().UtcDateTime);
        var result = Load(reader, load, fresh: true, () => hash, source, progress: null,
            onReject: (line, reasons) => rejects.Add(new BatchReject(line, [.. reasons.Select(r => r.Code)], [.. reasons.Select(r => r.Message)])),
            parallel: false, chunkRecords: int.MaxValue);
        return new BatchResult(result.LoadId!.Value, result.Status == LoadLog.Duplicate, result.Received, result.Loaded, result.Rejected, rejects);
    }
}
