using System.Text;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>How a field arrived: its JSON token kind (CSV cells are strings, an empty cell is missing).</summary>
public enum RawKind : byte { Missing, Null, String, Number, Bool, Object, Array }

/// <summary>Why a record was refused: a stable code to count by (`amount.not_a_number`) and a message for people.</summary>
public readonly record struct Reason(string Code, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// One received record as a reader left it, before validation: where it was (line, bytes), its type, and for
/// each field of the type the raw UTF-8 value and how it arrived. Nothing is decoded or copied unless it had to be
/// (escaped JSON strings, quoted CSV cells with doubled quotes): values point into the reader's buffer, so a
/// record is only valid until the reader moves on. One instance is reused for every record of a stream.
/// </summary>
public sealed class RawRecord
{
    /// <summary>Record types have at most this many fields (the bit mask of repeated fields is a ulong).</summary>
    public const int MaxFields = 64;

    private readonly RawKind[] _kinds = new RawKind[MaxFields];
    private readonly int[] _starts = new int[MaxFields];
    private readonly int[] _lengths = new int[MaxFields];
    private byte[] _scratch = new byte[1024];
    private byte[]? _textArray;
    private int _textOffset;
    private int _scratchUsed;

    /// <summary>The bytes the record was read from (a line, a CSV row, an array element).</summary>
    public ReadOnlyMemory<byte> Text { get; private set; }

    /// <summary>Line (or CSV row, or array element) number within the load, from 1.</summary>
    public long Line { get; private set; }

    /// <summary>The record's type, once read; null when the record has none that is known.</summary>
    public RecordSpec? Spec { get; private set; }

    /// <summary>The `type` as given when it names no known type (for the reject row), else null.</summary>
    public string? GivenType { get; private set; }

    /// <summary>A failure of the whole record (not JSON, not an object, no type …): nothing else can be said.</summary>
    public Reason? Error { get; private set; }

    /// <summary>Fields given more than once (bit i for field i): ambiguous, so the record is refused.</summary>
    public ulong Repeated { get; private set; }

    /// <summary>
    /// Set by the JSON parser: values read in place are then JSON tokens, which cannot hold a raw control character
    /// (so no NUL either); only decoded escapes can.
    /// </summary>
    public bool ParsedFromJson { get; set; }

    /// <summary>Whether the field's value could hold a NUL character (worth looking for).</summary>
    public bool MayHoldNul(int field) => !ParsedFromJson || _starts[field] < 0;

    public void Reset(ReadOnlyMemory<byte> text, long line)
    {
        Text = text;
        // Values are read field by field; from an array they need no trip through ReadOnlyMemory's span.
        (_textArray, _textOffset) = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(text, out var segment)
            ? (segment.Array, segment.Offset)
            : (null, 0);
        Line = line;
        Restart();
    }

    /// <summary>Forgets everything read of the record (to read it again from the start), keeping its text and line.</summary>
    public void Restart()
    {
        ParsedFromJson = false;
        Spec = null;
        Index = null;
        GivenType = null;
        Error = null;
        Repeated = 0;
        _scratchUsed = 0;
    }

    public void Fail(string code, string message) => Error = new Reason(code, message);

    /// <summary>Lookups for the type's names and codes in UTF-8.</summary>
    public SpecIndex? Index { get; private set; }

    public void SetSpec(SpecIndex index)
    {
        Index = index;
        Spec = index.Spec;
        Array.Clear(_kinds, 0, index.Spec.Fields.Count);
    }

    public void SetGivenType(string type) => GivenType = type;

    public RawKind Kind(int field) => _kinds[field];

    /// <summary>The field's value as UTF-8 (the token text for numbers and booleans, the JSON text for objects).</summary>
    public ReadOnlySpan<byte> Value(int field)
    {
        if (_kinds[field] is RawKind.Missing or RawKind.Null)
            return default;
        var start = _starts[field];
        if (start < 0)
            return _scratch.AsSpan(~start, _lengths[field]);
        return _textArray is { } array ? new ReadOnlySpan<byte>(array, _textOffset + start, _lengths[field]) : Text.Span.Slice(start, _lengths[field]);
    }

    public string ValueText(int field) => Encoding.UTF8.GetString(Value(field));

    /// <summary>Sets a field to bytes of <see cref="Text"/>.</summary>
    public void Set(int field, RawKind kind, int start, int length)
    {
        if (_kinds[field] != RawKind.Missing)
            Repeated |= 1UL << field;
        _kinds[field] = kind;
        _starts[field] = start;
        _lengths[field] = length;
    }

    /// <summary>Sets a field to bytes of the record's scratch space (see <see cref="Scratch"/>).</summary>
    public void SetScratch(int field, RawKind kind, int length, int scratchStart)
    {
        if (_kinds[field] != RawKind.Missing)
            Repeated |= 1UL << field;
        _kinds[field] = kind;
        _starts[field] = ~scratchStart;
        _lengths[field] = length;
    }

    /// <summary>Room for <paramref name="length"/> more bytes of decoded values; returns where they start.</summary>
    public Span<byte> Scratch(int length, out int start)
    {
        if (_scratchUsed + length > _scratch.Length)
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + length));
        start = _scratchUsed;
        return _scratch.AsSpan(start, length);
    }

    public ReadOnlySpan<byte> ScratchAt(int start, int length) => _scratch.AsSpan(start, length);

    /// <summary>Keeps <paramref name="length"/> bytes of the space <see cref="Scratch"/> handed out.</summary>
    public void Commit(int length) => _scratchUsed += length;

    /// <summary>
    /// The record's text for the rejects table: invalid UTF-8 and NUL characters shown as U+FFFD, so every engine
    /// can store it (PostgreSQL refuses NUL in text).
    /// </summary>
    public string RawText()
    {
        var text = Encoding.UTF8.GetString(Text.Span);
        return text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;
    }
}
