using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Starboard.Core.Contract;

namespace Starboard.Core.Ingest;

/// <summary>
/// One received record: where it was, what the reader made of it, and its text for the rejects table (bytes that
/// stay valid only until the next record, or a string).
/// </summary>
public readonly record struct SourceRecord(long Line, LineRecord Record, ReadOnlyMemory<byte> RawBytes, string? RawString = null)
{
    public string RawText() => RawString ?? Encoding.UTF8.GetString(RawBytes.Span);
}

/// <summary>Streams records out of one input, whatever its format.</summary>
public interface IRecordSource
{
    IEnumerable<SourceRecord> Records();
}

/// <summary>JSON Lines: one object per line; blank lines are skipped and not counted.</summary>
public sealed class JsonLinesSource(Stream stream) : IRecordSource
{
    public IEnumerable<SourceRecord> Records()
    {
        var lines = new LineSplitter(stream);
        var copy = new byte[4096];
        while (true)
        {
            LineRecord record;
            int length;
            {
                if (!lines.TryReadLine(out var line))
                    yield break;
                if (IsBlank(line))
                    continue;
                record = JsonRecordReader.Read(line);
                // The span dies at the yield; the validator may still reject the record, so keep its bytes.
                if (copy.Length < line.Length)
                    copy = new byte[Math.Max(line.Length, copy.Length * 2)];
                line.CopyTo(copy);
                length = line.Length;
            }
            yield return new SourceRecord(lines.LineNumber, record, copy.AsMemory(0, length));
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b is not ((byte)' ' or (byte)'\t')) return false;
        return true;
    }
}

/// <summary>
/// CSV with a header row (RFC 4180: quoted fields, embedded newlines, CRLF, a BOM). The record type comes from a
/// `type` column, else from the file name (`payments_web.csv` holds payments).
/// </summary>
public sealed class CsvSource(Stream stream, string fileName) : IRecordSource
{
    public IEnumerable<SourceRecord> Records()
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var parser = new CsvParser(text, config);
        if (!parser.Read())
            yield break;
        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        var typeColumn = Array.IndexOf(header, "type");
        var fallback = TypeFromFileName(fileName);
        while (parser.Read())
        {
            var cells = parser.Record!;
            var raw = parser.RawRecord.TrimEnd('\r', '\n');
            var line = parser.RawRow;
            if (cells.Length == 1 && cells[0].Length == 0)
                continue;
            yield return new SourceRecord(line, Bind(header, cells, typeColumn, fallback), default, raw);
        }
    }

    private static LineRecord Bind(string[] header, string[] cells, int typeColumn, string? fallback)
    {
        if (cells.Length != header.Length)
            return LineRecord.Fail("column_count", $"expected {header.Length} columns, got {cells.Length}");
        if (cells.Any(c => c.Contains('\uFFFD')))
            return LineRecord.Fail("invalid_utf8", "invalid UTF-8");
        var fields = new List<(string, RawValue)>(header.Length + 1);
        for (var i = 0; i < header.Length; i++)
            fields.Add((header[i], cells[i].Length == 0 ? new RawValue(RawKind.Null, null) : new RawValue(RawKind.String, cells[i])));
        if (typeColumn < 0)
        {
            if (fallback is null)
                return LineRecord.Fail("type.missing", "no `type` column, and the file name does not name a record type");
            fields.Add(("type", new RawValue(RawKind.String, fallback)));
        }
        return JsonRecordReader.Bind(fields);
    }

    /// <summary>`users.csv` → user, `payments_web.csv` → payment, `fx_rates.csv` → fx_rate.</summary>
    public static string? TypeFromFileName(string fileName)
    {
        var stem = Path.GetFileName(fileName).Split('.')[0].ToLowerInvariant();
        foreach (var spec in InputContract.Records.OrderByDescending(r => r.RawTable.Length))
        {
            var plural = spec.RawTable["raw_".Length..];
            if (stem == plural || stem.StartsWith(plural + "_", StringComparison.Ordinal) || stem == spec.Type)
                return spec.Type;
        }
        return null;
    }
}
