using System.Text;
using Starboard.Core.Contract;
using Starboard.Core.Ingest;

namespace Starboard.Tests.Ingest;

/// <summary>One record after parsing and validation, with its typed values boxed by field name (tests only).</summary>
internal sealed record Checked(RecordSpec? Spec, IReadOnlyList<Reason> Reasons, IReadOnlyDictionary<string, object?> Values, bool AssumedUtc)
{
    public bool IsValid => Reasons.Count == 0;

    public IReadOnlyList<string> Codes => [.. Reasons.Select(r => r.Code)];

    public object? this[string field] => Values.GetValueOrDefault(field);
}

/// <summary>Runs the ingest path on single records, with a fixed clock (2026-11-01).</summary>
internal static class IngestSamples
{
    public static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly RecordValidator Validator = new(new FixedClock(Now));

    public static Checked Check(string json) => Check(Encoding.UTF8.GetBytes(json));

    public static Checked Check(byte[] utf8)
    {
        var record = new RawRecord();
        record.Reset(utf8, 1);
        new JsonRecordParser().Parse(record);
        return Check(record);
    }

    public static Checked Check(RawRecord record)
    {
        if (record.Error is { } error)
            return new Checked(null, [error], new Dictionary<string, object?>(), false);
        var sink = new CapturingSink(record.Spec!);
        var reasons = new List<Reason>();
        Validator.Validate(record, sink, reasons);
        return new Checked(record.Spec, reasons, sink.Values, sink.Assumed);
    }

    /// <summary>Every record a reader makes of some text (CSV or JSONL by the file name).</summary>
    public static List<Checked> ReadAll(string text, string fileName) => ReadAll(Encoding.UTF8.GetBytes(text), fileName);

    public static List<Checked> ReadAll(byte[] bytes, string fileName) => [.. Read(bytes, fileName).Select(r => r.Checked)];

    public static List<(long Line, string Text, Checked Checked)> Read(byte[] bytes, string fileName, int maxRecordBytes = 1 << 20)
    {
        using var reader = Open(bytes, fileName, maxRecordBytes);
        var record = new RawRecord();
        var all = new List<(long, string, Checked)>();
        while (reader.Read(record))
            all.Add((record.Line, record.RawText(), Check(record)));
        return all;
    }

    internal static IRecordReader Open(byte[] bytes, string fileName, int maxRecordBytes = 1 << 20)
    {
        var buffer = new InputBuffer(new MemoryStream(bytes), maxRecordBytes);
        return fileName.Contains(".csv", StringComparison.Ordinal) ? new CsvRecordReader(buffer, fileName) : new JsonLinesReader(buffer);
    }

    private sealed class CapturingSink(RecordSpec spec) : IRowSink
    {
        public Dictionary<string, object?> Values { get; } = [];
        public bool Assumed { get; private set; }

        public void Null(int field) => Values[spec.Fields[field].Name] = null;
        public void Text(int field, ReadOnlySpan<byte> utf8) => Values[spec.Fields[field].Name] = Encoding.UTF8.GetString(utf8);
        public void Timestamp(int field, DateTime utc) => Values[spec.Fields[field].Name] = utc;
        public void Date(int field, DateOnly date) => Values[spec.Fields[field].Name] = date;
        public void Decimal(int field, decimal value) => Values[spec.Fields[field].Name] = value;
        public void Integer(int field, long value) => Values[spec.Fields[field].Name] = value;
        public void AssumedUtc() => Assumed = true;
    }

    internal sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
