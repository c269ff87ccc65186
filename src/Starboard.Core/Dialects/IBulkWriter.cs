namespace Starboard.Core.Dialects;

/// <summary>
/// Writes rows into one table as fast as the engine allows (DuckDB's appender, COPY on PostgreSQL …): one typed
/// Add per column in the table's column order, then EndRow. Typed overloads keep the hot ingest path free of
/// boxing. Nothing is guaranteed visible to readers before <see cref="Complete"/>.
/// </summary>
public interface IBulkWriter : IDisposable
{
    void Add(string? value);
    void Add(long? value);
    void Add(double? value);
    void Add(decimal? value);
    void Add(bool? value);
    void Add(DateTime? value);
    void Add(DateOnly? value);

    /// <summary>
    /// Text that is already valid UTF-8 (the ingest path validates whole records before it gets here); engines that
    /// take bytes skip the decoding and the check.
    /// </summary>
    void AddUtf8(ReadOnlySpan<byte> value) => Add(System.Text.Encoding.UTF8.GetString(value));

    /// <summary>NULL for the next column, whatever its type.</summary>
    void AddNull() => Add((string?)null);

    void EndRow();
    void Complete();
}

public static class BulkWriterExtensions
{
    /// <summary>Writes one row of loosely typed values (seeds and tests; the ingest path uses the typed Adds).</summary>
    public static void WriteRow(this IBulkWriter writer, params object?[] values)
    {
        foreach (var v in values)
        {
            switch (v)
            {
                case null: writer.Add((string?)null); break;
                case string s: writer.Add(s); break;
                case int i: writer.Add((long)i); break;
                case long l: writer.Add(l); break;
                case short sh: writer.Add((long)sh); break;
                case double d: writer.Add(d); break;
                case float f: writer.Add((double)f); break;
                case decimal m: writer.Add(m); break;
                case bool b: writer.Add(b); break;
                case DateTime t: writer.Add(t); break;
                case DateOnly date: writer.Add(date); break;
                default: throw new ArgumentException($"cannot bulk-write a {v.GetType().Name}");
            }
        }
        writer.EndRow();
    }
}

/// <summary>
/// A bulk writer that also takes a batch column by column (DuckDB's chunks handed to <see cref="SqlDialect.BulkLoad"/>):
/// each column's values for rows 0 … n-1, then <see cref="Rows"/>. Only for an empty writer, at most
/// <see cref="SqlDialect.BulkLoadRowsPerCall"/> rows.
/// </summary>
public interface IColumnBulkWriter : IBulkWriter
{
    /// <summary>BIGINT, or BOOLEAN with any non-zero value true.</summary>
    void Int64s(int column, ReadOnlySpan<long> values, ReadOnlySpan<bool> nulls);

    /// <summary>TIMESTAMP given as UTC ticks.</summary>
    void TimestampTicks(int column, ReadOnlySpan<long> ticks, ReadOnlySpan<bool> nulls);

    /// <summary>DATE given as day numbers (<see cref="DateOnly.DayNumber"/>).</summary>
    void DayNumbers(int column, ReadOnlySpan<long> days, ReadOnlySpan<bool> nulls);

    void Decimals(int column, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> nulls);

    /// <summary>Text already validated as UTF-8, each row a slice of <paramref name="text"/>.</summary>
    void Utf8(int column, ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<bool> nulls);

    void Rows(int count);
}
