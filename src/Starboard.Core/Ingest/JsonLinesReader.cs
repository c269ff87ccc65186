namespace Starboard.Core.Ingest;

/// <summary>Reads records one at a time out of some input; a record is valid until the next Read.</summary>
internal interface IRecordReader : IDisposable
{
    /// <summary>Fills <paramref name="record"/> with the next record; false at the end of the input.</summary>
    bool Read(RawRecord record);

    /// <summary>Content offset just after the last record read (where a resumed load starts).</summary>
    long Position { get; }

    /// <summary>Line breaks consumed up to <see cref="Position"/>; the next record's line number is this plus one.</summary>
    long LinesConsumed { get; }

    /// <summary>The <see cref="ContentHash"/> of the content before <see cref="Position"/>.</summary>
    byte[] PrefixHash();

    /// <summary>Consumes the content up to a checkpoint without reading records; false when the input is shorter.</summary>
    bool SkipTo(long offset, long lines);
}

/// <summary>
/// JSON Lines: one object per line (LF or CRLF, an optional BOM, the last line may lack its newline). Blank lines
/// are skipped and not counted as records, but keep their line numbers. A line longer than the limit is one
/// rejected record, kept by its first kilobyte.
/// </summary>
internal sealed class JsonLinesReader(InputBuffer input) : IRecordReader
{
    private const int KeptOfLongLine = 1024;

    private readonly JsonRecordParser _parser = new();
    private readonly byte[] _head = new byte[KeptOfLongLine];

    public long Position => input.Position;

    public long LinesConsumed { get; private set; }

    public byte[] PrefixHash() => input.PrefixHash();

    public bool SkipTo(long offset, long lines)
    {
        LinesConsumed = lines;
        return input.SkipTo(offset);
    }

    public bool Read(RawRecord record)
    {
        while (true)
        {
            var available = input.Available;
            var newline = available.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (input.Fill())
                    continue;
                if (!input.IsEndOfInput)
                    return ReadOverlong(record);
                if (available.Length == 0)
                    return ReadError(record);
            }
            var length = newline < 0 ? available.Length : newline;
            var line = input.AvailableMemory[..length];
            var skip = input.Position == 0 && line.Span.StartsWith(Bom) ? Bom.Length : 0;
            var trimmed = line[skip..];
            if (trimmed.Span.EndsWith("\r"u8))
                trimmed = trimmed[..^1];
            var number = ++LinesConsumed;
            if (newline < 0)
                LinesConsumed--; // the last line has no line break to count
            input.Consume(newline < 0 ? length : length + 1);
            if (IsBlank(trimmed.Span))
                continue;
            record.Reset(trimmed, number);
            _parser.Parse(record);
            input.Shrink();
            return true;
        }
    }

    private bool ReadOverlong(RawRecord record)
    {
        input.Available[..KeptOfLongLine].CopyTo(_head);
        var number = ++LinesConsumed;
        while (true)
        {
            var available = input.Available;
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                input.Consume(newline + 1);
                break;
            }
            input.Consume(available.Length);
            if (!input.Fill())
            {
                LinesConsumed--;
                break;
            }
        }
        record.Reset(_head, number);
        record.Fail("too_long", $"the record is longer than {input.MaxRecordBytes} bytes (only its first {KeptOfLongLine} bytes are kept)");
        input.Shrink();
        return true;
    }

    private bool ReadError(RawRecord record)
    {
        if (input.TakeError() is not { } error)
            return false;
        record.Reset(default, LinesConsumed + 1);
        record.Fail("unreadable", $"the rest of the input cannot be read: {error}");
        return true;
    }

    internal static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b is not ((byte)' ' or (byte)'\t'))
                return false;
        return true;
    }

    public void Dispose() => input.Dispose();
}
