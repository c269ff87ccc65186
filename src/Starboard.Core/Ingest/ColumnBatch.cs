using System.Text;
using Starboard.Core.Dialects;
using Starboard.Core.Schema;

namespace Starboard.Core.Ingest;

/// <summary>
/// Up to a few thousand rows of one raw table, held column by column in typed arrays (text as UTF-8 in one
/// shared byte arena), so the reading thread can fill rows without boxing or per-value allocation and the
/// writing thread can hand them to the bulk writer with its typed Adds. A row is begun, filled (by the validator,
/// through <see cref="IRowSink"/>), then kept or dropped, which makes rejecting a half-written row free.
/// </summary>
public sealed class ColumnBatch : IRowSink
{
    /// <summary>As many rows as one bulk-load call takes, so that a batch is one engine chunk.</summary>
    public const int DefaultCapacity = Dialects.SqlDialect.BulkLoadRowsPerCall;
    private const int ArenaLimit = 4 << 20;

    private readonly ColumnKind[] _kinds;
    private readonly long[]?[] _longs;
    private readonly decimal[]?[] _decimals;
    private readonly int[]?[] _starts;
    private readonly int[]?[] _lengths;
    private readonly bool[][] _nulls;
    private byte[] _arena = new byte[64 << 10];
    private int _arenaUsed;
    private int _rowMark;

    /// <param name="table">The table the rows are for.</param>
    /// <param name="fieldBase">Column of the record type's first field (after the load metadata), or 0.</param>
    /// <param name="assumedUtcColumn">Column that <see cref="AssumedUtc"/> sets, or -1.</param>
    public ColumnBatch(TableDefinition table, int fieldBase = 0, int assumedUtcColumn = -1, int capacity = DefaultCapacity)
    {
        Table = table;
        FieldBase = fieldBase;
        AssumedUtcColumn = assumedUtcColumn;
        Capacity = capacity;
        var n = table.Columns.Count;
        _kinds = new ColumnKind[n];
        _longs = new long[]?[n];
        _decimals = new decimal[]?[n];
        _starts = new int[]?[n];
        _lengths = new int[]?[n];
        _nulls = new bool[n][];
        for (var c = 0; c < n; c++)
        {
            _kinds[c] = KindOf(table.Columns[c].Type);
            _nulls[c] = new bool[capacity];
            switch (_kinds[c])
            {
                case ColumnKind.Text:
                    _starts[c] = new int[capacity];
                    _lengths[c] = new int[capacity];
                    break;
                case ColumnKind.Decimal:
                    _decimals[c] = new decimal[capacity];
                    break;
                default:
                    _longs[c] = new long[capacity];
                    break;
            }
        }
    }

    public TableDefinition Table { get; }

    public int FieldBase { get; }

    public int AssumedUtcColumn { get; }

    public int Capacity { get; }

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity || _arenaUsed >= ArenaLimit;

    /// <summary>Starts a row with every column null.</summary>
    public void BeginRow()
    {
        var row = Count;
        for (var c = 0; c < _nulls.Length; c++)
            _nulls[c][row] = true;
        if (AssumedUtcColumn >= 0)
            SetBool(AssumedUtcColumn, false);
        _rowMark = _arenaUsed;
    }

    public void CommitRow() => Count++;

    public void DiscardRow() => _arenaUsed = _rowMark;

    /// <summary>Empties the batch for reuse; an arena that grew for huge rows is let go.</summary>
    public void Clear()
    {
        Count = 0;
        _arenaUsed = 0;
        if (_arena.Length > ArenaLimit * 2)
            _arena = new byte[64 << 10];
    }

    public void SetInt64(int column, long value) => SetLong(column, value);

    public void SetBool(int column, bool value) => SetLong(column, value ? 1 : 0);

    public void SetTimestamp(int column, DateTime value) => SetLong(column, value.Ticks);

    public void SetText(int column, ReadOnlySpan<byte> utf8)
    {
        if (_arenaUsed + utf8.Length > _arena.Length)
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + utf8.Length));
        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        _starts[column]![Count] = _arenaUsed;
        _lengths[column]![Count] = utf8.Length;
        _arenaUsed += utf8.Length;
        _nulls[column][Count] = false;
    }

    public void SetText(int column, string? text)
    {
        if (text is null)
            return;
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_arenaUsed + max > _arena.Length)
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + max));
        var length = Encoding.UTF8.GetBytes(text, _arena.AsSpan(_arenaUsed));
        _starts[column]![Count] = _arenaUsed;
        _lengths[column]![Count] = length;
        _arenaUsed += length;
        _nulls[column][Count] = false;
    }

    void IRowSink.Null(int field) { }

    void IRowSink.Text(int field, ReadOnlySpan<byte> utf8) => SetText(FieldBase + field, utf8);

    void IRowSink.Timestamp(int field, DateTime utc) => SetLong(FieldBase + field, utc.Ticks);

    void IRowSink.Date(int field, DateOnly date) => SetLong(FieldBase + field, date.DayNumber);

    void IRowSink.Decimal(int field, decimal value)
    {
        var column = FieldBase + field;
        _decimals[column]![Count] = value;
        _nulls[column][Count] = false;
    }

    void IRowSink.Integer(int field, long value) => SetLong(FieldBase + field, value);

    void IRowSink.AssumedUtc()
    {
        if (AssumedUtcColumn >= 0)
            SetBool(AssumedUtcColumn, true);
    }

    /// <summary>Hands every row to a bulk writer for <see cref="Table"/> (column by column where it takes that).</summary>
    public void WriteTo(IBulkWriter writer)
    {
        if (writer is IColumnBulkWriter columns)
        {
            WriteColumns(columns);
            return;
        }
        var n = _kinds.Length;
        for (var row = 0; row < Count; row++)
        {
            for (var c = 0; c < n; c++)
            {
                if (_nulls[c][row])
                {
                    writer.AddNull();
                    continue;
                }
                switch (_kinds[c])
                {
                    case ColumnKind.Int64: writer.Add(_longs[c]![row]); break;
                    case ColumnKind.Bool: writer.Add(_longs[c]![row] != 0); break;
                    case ColumnKind.Timestamp: writer.Add(new DateTime(_longs[c]![row], DateTimeKind.Utc)); break;
                    case ColumnKind.Date: writer.Add(DateOnly.FromDayNumber((int)_longs[c]![row])); break;
                    case ColumnKind.Decimal: writer.Add(_decimals[c]![row]); break;
                    default: writer.AddUtf8(_arena.AsSpan(_starts[c]![row], _lengths[c]![row])); break;
                }
            }
            writer.EndRow();
        }
    }

    private void WriteColumns(IColumnBulkWriter writer)
    {
        var rows = Count;
        for (var c = 0; c < _kinds.Length; c++)
        {
            var nulls = _nulls[c].AsSpan(0, rows);
            switch (_kinds[c])
            {
                case ColumnKind.Int64 or ColumnKind.Bool: writer.Int64s(c, _longs[c].AsSpan(0, rows), nulls); break;
                case ColumnKind.Timestamp: writer.TimestampTicks(c, _longs[c].AsSpan(0, rows), nulls); break;
                case ColumnKind.Date: writer.DayNumbers(c, _longs[c].AsSpan(0, rows), nulls); break;
                case ColumnKind.Decimal: writer.Decimals(c, _decimals[c].AsSpan(0, rows), nulls); break;
                default: writer.Utf8(c, _arena.AsSpan(0, _arenaUsed), _starts[c].AsSpan(0, rows), _lengths[c].AsSpan(0, rows), nulls); break;
            }
        }
        writer.Rows(rows);
    }

    private void SetLong(int column, long value)
    {
        _longs[column]![Count] = value;
        _nulls[column][Count] = false;
    }

    private static ColumnKind KindOf(ColumnType type) => type.Kind switch
    {
        TypeKind.BigInt or TypeKind.Int or TypeKind.SmallInt => ColumnKind.Int64,
        TypeKind.Bool => ColumnKind.Bool,
        TypeKind.Timestamp => ColumnKind.Timestamp,
        TypeKind.Date => ColumnKind.Date,
        TypeKind.Decimal => ColumnKind.Decimal,
        TypeKind.Text or TypeKind.VarChar or TypeKind.Json => ColumnKind.Text,
        _ => throw new NotSupportedException($"raw tables have no {type.Kind} columns"),
    };

    private enum ColumnKind : byte { Int64, Bool, Timestamp, Date, Decimal, Text }
}
