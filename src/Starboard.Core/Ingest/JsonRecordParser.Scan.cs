using System.Buffers;
using System.Runtime.CompilerServices;

namespace Starboard.Core.Ingest;

// The flat scan: records as apps send them are one object of plain values, with nested objects only in `properties`
// and `items`, and rarely an escape. For those, a scan that knows exactly what it accepts finds every name and value
// in one pass, about three times faster than Utf8JsonReader's general state machine. It accepts only valid JSON
// without escapes or deep nesting and leaves anything else (errors included) to ReadFully, so both always agree:
// the same names, kinds and value ranges (JsonRecordParserTests compares them on generated and mangled lines).
public sealed partial class JsonRecordParser
{
    /// <summary>Nesting the scan follows inside a value; deeper values go to the full reader.</summary>
    private const int ScanDepth = 16;

    /// <summary>Bytes that end the plain part of a JSON string: the quote, a backslash, control characters.</summary>
    private static readonly SearchValues<byte> StringStop = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary>Finds the properties of a flat object; false when the full reader must decide.</summary>
    internal bool TryScan(ReadOnlySpan<byte> line, out int count, out int typeAt)
    {
        count = 0;
        typeAt = -1;
        var i = SkipSpace(line, 0);
        if (i >= line.Length || line[i] != '{')
            return false;
        i = SkipSpace(line, i + 1);
        while (true)
        {
            if (i >= line.Length || line[i] != '"')
                return false; // also an empty object, which the full reader words
            var nameEnd = StringEnd(line, i + 1);
            if (nameEnd < 0)
                return false;
            if (count == _properties.Length)
                Array.Resize(ref _properties, count * 2);
            ref var p = ref _properties[count];
            p.Name = new Range(i + 1, nameEnd - i - 1);
            p.NameScratch = false;
            p.ValueScratch = false;
            i = SkipSpace(line, nameEnd + 1);
            if (i >= line.Length || line[i] != ':')
                return false;
            i = SkipSpace(line, i + 1);
            if (i >= line.Length)
                return false;
            var end = ScanValue(line, i, ScanDepth, out p.Kind);
            if (end < 0)
                return false;
            p.Value = p.Kind switch
            {
                RawKind.Null => default,
                RawKind.String => new Range(i + 1, end - i - 2),
                _ => new Range(i, end - i),
            };
            if (p.Name.Length == 4 && line.Slice(p.Name.Start, 4).SequenceEqual("type"u8))
            {
                if (typeAt >= 0)
                    return false;
                typeAt = count;
            }
            count++;
            i = SkipSpace(line, end);
            if (i >= line.Length)
                return false;
            if (line[i] == '}')
                return SkipSpace(line, i + 1) == line.Length;
            if (line[i] != ',')
                return false;
            i = SkipSpace(line, i + 1);
        }
    }

    /// <summary>The end (exclusive) of the value at <paramref name="i"/>, or -1 when the scan does not vouch for it.</summary>
    private static int ScanValue(ReadOnlySpan<byte> line, int i, int depth, out RawKind kind)
    {
        switch (line[i])
        {
            case (byte)'"':
                kind = RawKind.String;
                var end = StringEnd(line, i + 1);
                return end < 0 ? -1 : end + 1;
            case (byte)'{':
                kind = RawKind.Object;
                return depth == 0 ? -1 : ObjectEnd(line, i, depth - 1);
            case (byte)'[':
                kind = RawKind.Array;
                return depth == 0 ? -1 : ArrayEnd(line, i, depth - 1);
            case (byte)'t':
                kind = RawKind.Bool;
                return Literal(line, i, "true"u8);
            case (byte)'f':
                kind = RawKind.Bool;
                return Literal(line, i, "false"u8);
            case (byte)'n':
                kind = RawKind.Null;
                return Literal(line, i, "null"u8);
            default:
                kind = RawKind.Number;
                return NumberEnd(line, i);
        }
    }

    private static int ObjectEnd(ReadOnlySpan<byte> line, int i, int depth)
    {
        i = SkipSpace(line, i + 1);
        if (i < line.Length && line[i] == '}')
            return i + 1;
        while (true)
        {
            if (i >= line.Length || line[i] != '"')
                return -1;
            var nameEnd = StringEnd(line, i + 1);
            if (nameEnd < 0)
                return -1;
            i = SkipSpace(line, nameEnd + 1);
            if (i >= line.Length || line[i] != ':')
                return -1;
            i = SkipSpace(line, i + 1);
            if (i >= line.Length || (i = ScanValue(line, i, depth, out _)) < 0)
                return -1;
            i = SkipSpace(line, i);
            if (i >= line.Length)
                return -1;
            if (line[i] == '}')
                return i + 1;
            if (line[i] != ',')
                return -1;
            i = SkipSpace(line, i + 1);
        }
    }

    private static int ArrayEnd(ReadOnlySpan<byte> line, int i, int depth)
    {
        i = SkipSpace(line, i + 1);
        if (i < line.Length && line[i] == ']')
            return i + 1;
        while (true)
        {
            if (i >= line.Length || (i = ScanValue(line, i, depth, out _)) < 0)
                return -1;
            i = SkipSpace(line, i);
            if (i >= line.Length)
                return -1;
            if (line[i] == ']')
                return i + 1;
            if (line[i] != ',')
                return -1;
            i = SkipSpace(line, i + 1);
        }
    }

    /// <summary>The index of the closing quote of a string without escapes or control characters, else -1.</summary>
    private static int StringEnd(ReadOnlySpan<byte> line, int i)
    {
        var at = line[i..].IndexOfAny(StringStop);
        return at >= 0 && line[i + at] == '"' ? i + at : -1;
    }

    /// <summary>A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static int NumberEnd(ReadOnlySpan<byte> line, int i)
    {
        if (i < line.Length && line[i] == '-')
            i++;
        if (i >= line.Length || !IsDigit(line[i]))
            return -1;
        if (line[i++] != '0')
            i = Digits(line, i);
        if (i < line.Length && line[i] == '.')
        {
            var start = ++i;
            if ((i = Digits(line, i)) == start)
                return -1;
        }
        if (i < line.Length && (line[i] | 0x20) == 'e')
        {
            i++;
            if (i < line.Length && line[i] is (byte)'+' or (byte)'-')
                i++;
            var start = i;
            if ((i = Digits(line, i)) == start)
                return -1;
        }
        return i;
    }

    private static int Digits(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && IsDigit(line[i]))
            i++;
        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int Literal(ReadOnlySpan<byte> line, int i, ReadOnlySpan<byte> literal) =>
        line[i..].StartsWith(literal) ? i + literal.Length : -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpace(ReadOnlySpan<byte> line, int i)
    {
        // Records rarely hold whitespace between tokens: one comparison answers most calls.
        if ((uint)i < (uint)line.Length && line[i] > (byte)' ')
            return i;
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            i++;
        return i;
    }
}
