using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Starboard.Core.Ingest;

// The flat scan: records as apps send them are one object of plain values, with nested objects only in `properties`
// and `items`, and rarely an escape. For those, a scan that knows exactly what it accepts finds every name and value
// in one pass, several times faster than Utf8JsonReader's general state machine: one vector pass over the line finds
// every quote (and tells that no string needs unescaping), so each string ends at the next quote without a search.
// It accepts only valid JSON without escapes, control characters or deep nesting, and leaves anything else (errors
// included) to ReadFully, so both always agree: the same names, kinds and value ranges (JsonRecordParserTests
// compares them on generated and mangled lines).
public sealed partial class JsonRecordParser
{
    /// <summary>Nesting the scan follows inside a value; deeper values go to the full reader.</summary>
    private const int ScanDepth = 16;

    private int[] _quotes = new int[128];

    /// <summary>
    /// Reads a flat object into <paramref name="record"/>; false when the full reader must decide (the record may then
    /// hold part of a binding: <see cref="RawRecord.Restart"/> it). When the object starts with a known `type`, its
    /// fields are bound as they are met (<paramref name="bound"/>); otherwise the properties are left for
    /// <see cref="Bind"/>.
    /// </summary>
    internal bool TryScan(RawRecord record, out int count, out int typeAt, out bool bound)
    {
        var line = record.Text.Span;
        count = 0;
        typeAt = -1;
        bound = false;
        if (!FindQuotes(line, out var quoteCount))
            return false;
        var scan = new Cursor(line, _quotes.AsSpan(0, quoteCount));
        var i = scan.Space(0);
        if (i >= line.Length || line[i] != '{')
            return false;
        i = scan.Space(i + 1);
        SpecIndex? index = null;
        var hint = 0;
        while (true)
        {
            var nameEnd = scan.StringEnd(i);
            if (nameEnd < 0)
                return false; // also an empty object, which the full reader words
            var name = new Range(i + 1, nameEnd - i - 1);
            i = scan.Space(nameEnd + 1);
            if (i >= line.Length || line[i] != ':')
                return false;
            i = scan.Space(i + 1);
            if (i >= line.Length)
                return false;
            var end = scan.Value(i, ScanDepth, out var kind);
            if (end < 0)
                return false;
            var value = kind switch
            {
                RawKind.Null => default,
                RawKind.String => new Range(i + 1, end - i - 2),
                _ => new Range(i, end - i),
            };
            var isType = name.Length == 4 && line.Slice(name.Start, 4).SequenceEqual("type"u8);
            if (index is not null)
            {
                if (isType)
                    return false; // given twice: the full reader words it
                var field = index.IndexOf(line.Slice(name.Start, name.Length), ref hint);
                if (field >= 0)
                    record.Set(field, kind, value.Start, value.Length);
            }
            else if (count == 0 && isType && kind == RawKind.String && SpecIndex.Find(line.Slice(value.Start, value.Length)) is { } found)
            {
                index = found;
                record.SetSpec(found);
                bound = true;
                typeAt = 0;
            }
            else
            {
                if (isType)
                {
                    if (typeAt >= 0)
                        return false;
                    typeAt = count;
                }
                if (count == _properties.Length)
                    Array.Resize(ref _properties, count * 2);
                _properties[count] = new Property { Name = name, Kind = kind, Value = value };
            }
            count++;
            i = scan.Space(end);
            if (i >= line.Length)
                return false;
            if (line[i] == '}')
                return scan.Space(i + 1) == line.Length && scan.AllQuotesRead;
            if (line[i] != ',')
                return false;
            i = scan.Space(i + 1);
        }
    }

    /// <summary>
    /// Positions of every quote of the line, in <see cref="_quotes"/>; false when a string could need decoding (a
    /// backslash anywhere) or the line holds a control character (tabs and line breaks between tokens included:
    /// rare, so left to the full reader).
    /// </summary>
    private bool FindQuotes(ReadOnlySpan<byte> line, out int count)
    {
        if (_quotes.Length < line.Length + 1)
            _quotes = new int[Math.Max(_quotes.Length * 2, line.Length + 1)];
        var quotes = _quotes;
        count = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(line);
            var quote = Vector256.Create((byte)'"');
            var backslash = Vector256.Create((byte)'\\');
            var space = Vector256.Create((byte)' ');
            for (; i + Vector256<byte>.Count <= line.Length; i += Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)i);
                if ((Vector256.Equals(block, backslash) | Vector256.LessThan(block, space)) != Vector256<byte>.Zero)
                    return false;
                for (var bits = Vector256.Equals(block, quote).ExtractMostSignificantBits(); bits != 0; bits &= bits - 1)
                    quotes[count++] = i + BitOperations.TrailingZeroCount(bits);
            }
        }
        for (; i < line.Length; i++)
        {
            var b = line[i];
            if (b == '"')
                quotes[count++] = i;
            else if (b == '\\' || b < ' ')
                return false;
        }
        return true;
    }

    /// <summary>A position in a line whose quotes are known: strings end at the next quote, taken in order.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> line, ReadOnlySpan<int> quotes)
    {
        private readonly ReadOnlySpan<byte> _line = line;
        private readonly ReadOnlySpan<int> _quotes = quotes;
        private int _next;

        /// <summary>Whether every quote of the line was part of a string the scan read.</summary>
        public readonly bool AllQuotesRead => _next == _quotes.Length;

        /// <summary>The index of the closing quote of the string that opens at <paramref name="i"/>, else -1.</summary>
        public int StringEnd(int i)
        {
            if ((uint)(_next + 1) >= (uint)_quotes.Length || _quotes[_next] != i)
                return -1;
            var end = _quotes[_next + 1];
            _next += 2;
            return end;
        }

        /// <summary>The end (exclusive) of the value at <paramref name="i"/>, or -1 when the scan does not vouch for it.</summary>
        public int Value(int i, int depth, out RawKind kind)
        {
            switch (_line[i])
            {
                case (byte)'"':
                    kind = RawKind.String;
                    var end = StringEnd(i);
                    return end < 0 ? -1 : end + 1;
                case (byte)'{':
                    kind = RawKind.Object;
                    return depth == 0 ? -1 : ContainerEnd(i, depth - 1, isObject: true);
                case (byte)'[':
                    kind = RawKind.Array;
                    return depth == 0 ? -1 : ContainerEnd(i, depth - 1, isObject: false);
                case (byte)'t':
                    kind = RawKind.Bool;
                    return Literal(i, "true"u8);
                case (byte)'f':
                    kind = RawKind.Bool;
                    return Literal(i, "false"u8);
                case (byte)'n':
                    kind = RawKind.Null;
                    return Literal(i, "null"u8);
                default:
                    kind = RawKind.Number;
                    return NumberEnd(i);
            }
        }

        /// <summary>The end of the object or array that opens at <paramref name="i"/>: members, or elements, between commas.</summary>
        private int ContainerEnd(int i, int depth, bool isObject)
        {
            var close = isObject ? (byte)'}' : (byte)']';
            i = Space(i + 1);
            if (i < _line.Length && _line[i] == close)
                return i + 1;
            while (true)
            {
                if (isObject)
                {
                    var nameEnd = StringEnd(i);
                    if (nameEnd < 0)
                        return -1;
                    i = Space(nameEnd + 1);
                    if (i >= _line.Length || _line[i] != ':')
                        return -1;
                    i = Space(i + 1);
                }
                if (i >= _line.Length || (i = Value(i, depth, out _)) < 0)
                    return -1;
                i = Space(i);
                if (i >= _line.Length)
                    return -1;
                if (_line[i] == close)
                    return i + 1;
                if (_line[i] != ',')
                    return -1;
                i = Space(i + 1);
            }
        }

        /// <summary>A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
        private readonly int NumberEnd(int i)
        {
            if (i < _line.Length && _line[i] == '-')
                i++;
            if (i >= _line.Length || !IsDigit(_line[i]))
                return -1;
            if (_line[i++] != '0')
                i = Digits(i);
            if (i < _line.Length && _line[i] == '.')
            {
                var start = ++i;
                if ((i = Digits(i)) == start)
                    return -1;
            }
            if (i < _line.Length && (_line[i] | 0x20) == 'e')
            {
                i++;
                if (i < _line.Length && _line[i] is (byte)'+' or (byte)'-')
                    i++;
                var start = i;
                if ((i = Digits(i)) == start)
                    return -1;
            }
            return i;
        }

        private readonly int Digits(int i)
        {
            while (i < _line.Length && IsDigit(_line[i]))
                i++;
            return i;
        }

        private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

        private readonly int Literal(int i, ReadOnlySpan<byte> literal) =>
            _line[i..].StartsWith(literal) ? i + literal.Length : -1;

        /// <summary>Past the spaces at <paramref name="i"/> (the line holds no other whitespace: see FindQuotes).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int Space(int i)
        {
            while ((uint)i < (uint)_line.Length && _line[i] == (byte)' ')
                i++;
            return i;
        }
    }
}
