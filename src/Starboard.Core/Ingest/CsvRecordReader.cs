using System.Text;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>
/// CSV with a header row (RFC 4180: quoted fields with doubled quotes, line breaks inside quotes, LF or CRLF, an
/// optional BOM), read from UTF-8 bytes in place. The record type comes from a `type` column, else from the file
/// name (`payments_web.csv` holds payments). An empty cell is a missing field. A record's line number is the
/// physical line it starts on.
/// </summary>
internal sealed class CsvRecordReader(InputBuffer input, string fileName) : IRecordReader
{
    private readonly string? _fallbackType = TypeFromFileName(fileName);
    private readonly Dictionary<SpecIndex, int[]> _fields = [];
    private byte[][]? _header;
    private int _typeColumn = -1;
    private Cell[] _cells = new Cell[32];
    private int _count;

    public long Position => input.Position;

    public long LinesConsumed { get; private set; }

    public byte[] PrefixHash() => input.PrefixHash();

    public bool SkipTo(long offset, long lines)
    {
        EnsureHeader();
        if (input.Position > offset)
            return false;
        LinesConsumed = lines;
        return input.SkipTo(offset);
    }

    public bool Read(RawRecord record)
    {
        EnsureHeader();
        while (true)
        {
            if (!NextRow(out var row, out var line, out var unterminated))
            {
                if (input.TakeError() is not { } error)
                    return false;
                record.Reset(default, line);
                record.Fail("unreadable", $"the rest of the input cannot be read: {error}");
                return true;
            }
            if (row.Length == 0 || (row.Length == 1 && row.Span[0] == '\r'))
                continue;
            record.Reset(row, line);
            if (_header is null)
                record.Fail("type.missing", "the file has no header row");
            else if (unterminated)
                record.Fail("malformed", "malformed CSV: a quoted field does not end");
            else if (Split(row.Span) is { } problem)
                record.Fail("malformed", "malformed CSV: " + problem);
            else if (_count != _header.Length)
                record.Fail("column_count", $"expected {_header.Length} columns, got {_count}");
            else
                Bind(record);
            return true;
        }
    }

    private void EnsureHeader()
    {
        if (_header is not null || input.Position > 0)
            return;
        while (input.Available.Length < 3 && input.Fill()) { }
        if (input.Available.StartsWith(JsonLinesReader.Bom))
            input.Consume(JsonLinesReader.Bom.Length);
        while (NextRow(out var row, out _, out _))
        {
            if (row.Length == 0)
                continue;
            Split(row.Span);
            _header = new byte[_count][];
            for (var i = 0; i < _count; i++)
            {
                _header[i] = Value(row.Span, _cells[i]).Trim(" \t"u8).ToArray();
                if (_header[i].AsSpan().SequenceEqual("type"u8))
                    _typeColumn = i;
            }
            return;
        }
    }

    private void Bind(RawRecord record)
    {
        var text = record.Text.Span;
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            record.Fail("invalid_utf8", "invalid UTF-8");
            return;
        }
        ReadOnlySpan<byte> type;
        if (_typeColumn >= 0)
            type = Value(text, _cells[_typeColumn]);
        else if (_fallbackType is not null)
            type = Encoding.UTF8.GetBytes(_fallbackType);
        else
        {
            record.Fail("type.missing", "no `type` column, and the file name does not name a record type");
            return;
        }
        if (type.Length == 0)
        {
            record.Fail("type.missing", "missing required field 'type'");
            return;
        }
        var index = SpecIndex.Find(type);
        if (index is null)
        {
            var given = Encoding.UTF8.GetString(type);
            record.SetGivenType(given);
            record.Fail("type.unknown", $"type: unknown record type '{RecordValidator.Clip(given)}'");
            return;
        }
        record.SetSpec(index);
        var map = FieldsOf(index);
        for (var c = 0; c < _count; c++)
        {
            var field = map[c];
            if (field < 0)
                continue;
            var cell = _cells[c];
            if (cell.Length == 0 && !cell.Quoted)
                continue; // an empty cell is a missing field
            if (!cell.Escaped)
                record.Set(field, RawKind.String, cell.Start, cell.Length);
            else
            {
                var room = record.Scratch(cell.Length, out var start);
                var written = Unescape(text.Slice(cell.Start, cell.Length), room);
                record.Commit(written);
                record.SetScratch(field, RawKind.String, written, start);
            }
        }
    }

    private int[] FieldsOf(SpecIndex index)
    {
        if (_fields.TryGetValue(index, out var map))
            return map;
        var hint = 0;
        map = [.. _header!.Select((name, i) => i == _typeColumn ? -1 : index.IndexOf(name, ref hint))];
        _fields[index] = map;
        return map;
    }

    /// <summary>The next row's bytes (without its line break), reading more input as needed.</summary>
    private bool NextRow(out ReadOnlyMemory<byte> row, out long line, out bool unterminated)
    {
        while (true)
        {
            var available = input.Available;
            var end = RowEnd(available, input.IsEndOfInput, out var breaks, out unterminated);
            if (end < 0 && input.Fill())
                continue;
            if (end < 0 && !input.IsEndOfInput)
            {
                // Longer than the limit (often an unbalanced quote): cut it here and carry on after it.
                end = available.Length;
                unterminated = true;
            }
            if (end < 0)
            {
                if (available.Length == 0)
                {
                    row = default;
                    line = LinesConsumed + 1;
                    return false;
                }
                end = available.Length;
            }
            row = input.AvailableMemory[..end];
            if (row.Span.EndsWith("\r"u8))
                row = row[..^1];
            line = LinesConsumed + 1;
            var hasBreak = end < available.Length;
            LinesConsumed += breaks + (hasBreak ? 1 : 0);
            input.Consume(hasBreak ? end + 1 : end);
            input.Shrink();
            return true;
        }
    }

    /// <summary>Index of the line break that ends the row at the start of <paramref name="s"/>, or -1 when more input is needed.</summary>
    private static int RowEnd(ReadOnlySpan<byte> s, bool atEnd, out int breaks, out bool unterminated)
    {
        breaks = 0;
        unterminated = false;
        var quoted = false;
        var cellStart = true;
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (quoted)
            {
                if (b == '"')
                {
                    if (i + 1 == s.Length && !atEnd)
                        return -1; // a doubled quote may straddle the block
                    if (i + 1 < s.Length && s[i + 1] == '"')
                        i++;
                    else
                        quoted = false;
                }
                else if (b == '\n')
                    breaks++;
                continue;
            }
            if (b == '\n')
                return i;
            if (b == '"' && cellStart)
                quoted = true;
            cellStart = b == ',';
        }
        unterminated = quoted;
        return -1;
    }

    /// <summary>Splits a row into cells; returns a problem, or null.</summary>
    private string? Split(ReadOnlySpan<byte> row)
    {
        _count = 0;
        var pos = 0;
        while (true)
        {
            if (_count == _cells.Length)
                Array.Resize(ref _cells, _count * 2);
            ref var cell = ref _cells[_count++];
            if (pos < row.Length && row[pos] == '"')
            {
                var j = pos + 1;
                cell.Escaped = false;
                while (j < row.Length)
                {
                    if (row[j] == '"')
                    {
                        if (j + 1 < row.Length && row[j + 1] == '"')
                        {
                            cell.Escaped = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                cell = cell with { Start = pos + 1, Length = j - pos - 1, Quoted = true };
                pos = j + 1;
                if (pos < row.Length && row[pos] != ',')
                    return $"text after the closing quote of column {_count}";
            }
            else
            {
                var comma = row[pos..].IndexOf((byte)',');
                var end = comma < 0 ? row.Length : pos + comma;
                cell = new Cell(pos, end - pos, Quoted: false, Escaped: false);
                pos = end;
            }
            if (pos >= row.Length)
                return null;
            pos++; // the comma
        }
    }

    private static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> row, Cell cell) => row.Slice(cell.Start, cell.Length);

    private static int Unescape(ReadOnlySpan<byte> quoted, Span<byte> into)
    {
        var n = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            into[n++] = quoted[i];
            if (quoted[i] == '"' && i + 1 < quoted.Length && quoted[i + 1] == '"')
                i++;
        }
        return n;
    }

    /// <summary>`users.csv` → user, `payments_web.csv` → payment, `fx_rates.csv.gz` → fx_rate.</summary>
    public static string? TypeFromFileName(string fileName)
    {
        var stem = Path.GetFileName(fileName).Split('.')[0].ToLowerInvariant();
        foreach (var spec in InputContract.Records.OrderByDescending(r => r.Plural.Length))
        {
            if (stem == spec.Plural || stem.StartsWith(spec.Plural + "_", StringComparison.Ordinal) || stem == spec.Type)
                return spec.Type;
        }
        return null;
    }

    private record struct Cell(int Start, int Length, bool Quoted, bool Escaped);

    public void Dispose() => input.Dispose();
}
