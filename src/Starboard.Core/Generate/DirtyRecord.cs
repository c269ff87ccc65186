namespace Starboard.Core.Generate;

/// <summary>The ways a generated line is invalid. Each dirty line has exactly one defect.</summary>
public enum DirtyKind
{
    /// <summary>JSON cut off mid-line; in CSV, a row with its last cells missing (wrong column count).</summary>
    Truncated,
    /// <summary>Valid JSON that is not an object (array, string, number); in CSV, a one-cell garbage line.</summary>
    NotAnObject,
    /// <summary>A `type` outside the contract (written to the events file).</summary>
    UnknownType,
    MissingRequiredField,
    /// <summary>A value of the wrong type: a number as text ("abc"), a timestamp as a number.</summary>
    WrongType,
    NegativeAmount,
    UnknownCurrency,
    UnparseableTimestamp,
    TimestampBefore2000,
    TimestampInFuture,
    /// <summary>A value outside an enum: status, platform, action, severity, source.</summary>
    BadEnum,
    InvalidUtf8,
}

/// <summary>
/// One invalid line, rendered for both formats because the generator does not know the sink's format.
/// <see cref="RecordType"/> is the record type whose file the line goes into (the type it was meant to be;
/// `event` for an unknown type). Ids in dirty lines are fresh: they never equal a clean record's id.
/// </summary>
public sealed record DirtyRecord(string RecordType, DirtyKind Kind, byte[] JsonLine, byte[] CsvLine)
{
    public override string ToString() => $"{Kind} {RecordType}: {System.Text.Encoding.UTF8.GetString(JsonLine)}";
}
