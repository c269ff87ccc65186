namespace Starboard.Core.Generate;

/// <summary>What `starboard generate` makes. The same options always give byte-identical output.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Users who sign up during the period (anonymous visitors are extra).</summary>
    public int Users { get; init; } = 20_000;

    /// <summary>Length of the period in days, ending on <see cref="EndDate"/> inclusive.</summary>
    public int Days { get; init; } = 400;

    public int Seed { get; init; } = 42;

    /// <summary>The last generated day. Fixed rather than "today" so that output is deterministic.</summary>
    public DateOnly EndDate { get; init; } = new(2026, 10, 31);

    /// <summary>Share of all written lines that are dirty (invalid) records.</summary>
    public double DirtyShare { get; init; } = 0.01;

    /// <summary>Share of the events of the last <see cref="LateDays"/> days held back into the late file.</summary>
    public double LateShare { get; init; } = 0.02;

    public int LateDays { get; init; } = 3;

    /// <summary>Worker threads for simulating users; null means one per core. Never changes the output.</summary>
    public int? Threads { get; init; }

    public DateOnly StartDate => EndDate.AddDays(-(Days - 1));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1, nameof(Users));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        if (DirtyShare is < 0 or > 0.5 || double.IsNaN(DirtyShare))
            throw new ArgumentOutOfRangeException(nameof(DirtyShare), DirtyShare, "must be between 0 and 0.5");
        if (LateShare is < 0 or > 1 || double.IsNaN(LateShare))
            throw new ArgumentOutOfRangeException(nameof(LateShare), LateShare, "must be between 0 and 1");
        ArgumentOutOfRangeException.ThrowIfLessThan(LateDays, 0, nameof(LateDays));
        if (Threads is < 1)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be at least 1");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 36_500, nameof(Days));
        // Clean data must stay clear of the dirty kinds' ranges: before 2000, and the 2090s onwards.
        if (StartDate < new DateOnly(2000, 1, 1) || EndDate.Year >= 2089)
            throw new ArgumentOutOfRangeException(nameof(EndDate), EndDate, "the period must lie between 2000 and 2088");
    }
}

public enum OutputFormat
{
    Jsonl,
    Csv,
}

/// <summary>Reported once per generated day.</summary>
public sealed record GenerateProgress(int DaysDone, int Days, long LinesWritten);

/// <summary>
/// What a run produced. <see cref="Records"/> counts clean lines per record type in the main files (re-sent
/// duplicates included, late events not); <see cref="Duplicates"/> counts the re-sent lines among them.
/// </summary>
public sealed record GenerateSummary(
    IReadOnlyDictionary<string, long> Records,
    IReadOnlyDictionary<string, long> Duplicates,
    long LateEvents,
    IReadOnlyDictionary<DirtyKind, long> Dirty,
    IReadOnlyList<string> Files,
    TimeSpan Elapsed)
{
    public long CleanLines => Records.Values.Sum() + LateEvents;

    public long DirtyLines => Dirty.Values.Sum();
}
