using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// Writes rows straight into the memory of a DuckDB data chunk (2,048 rows): one typed value per column in table
/// order, then <see cref="EndRow"/>. Numbers, dates, timestamps, booleans and decimals cost no native call at all;
/// a string of up to 12 bytes none either, a longer one a call (DuckDB copies it into the chunk's string heap). Two kinds exist: <see cref="DuckDbChunkAppender"/>
/// hands each full chunk to DuckDB's appender; the chunks of <see cref="DuckDbConnection.InsertChunks"/> are
/// handed out by DuckDB itself, one per call, and hold at most <see cref="Capacity"/> rows.
/// </summary>
/// <remarks>
/// Supported column types: BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP,
/// VARCHAR (and types over it such as JSON) and BLOB; a table with another type throws
/// <see cref="NotSupportedException"/>. Values are converted exactly where the target type allows (a long into an
/// INTEGER column is range-checked, a decimal is rounded half away from zero to the column's scale); other
/// combinations throw <see cref="InvalidCastException"/>.
/// </remarks>
public abstract unsafe partial class DuckDbChunkWriter
{
    private const int StackLimit = 256;

    /// <summary>Long values of a column copied into DuckDB's heap at once up to this many bytes; more go one by one.</summary>
    private const int MaxHeapBlock = 16 << 20;

    private static readonly decimal[] Pow10 = [.. Enumerable.Range(0, 29).Select(Power)];

    private readonly Column[] _columns;
    private int _row;
    private int _column;
    private ScratchBuffer _buffer;

    private protected DuckDbChunkWriter(Column[] columns, int capacity)
    {
        _columns = columns;
        Capacity = capacity;
    }

    /// <summary>A writer for the same columns as <paramref name="template"/>, with vectors of its own to bind.</summary>
    private protected DuckDbChunkWriter(DuckDbChunkWriter template)
        : this((Column[])template._columns.Clone(), template.Capacity)
    {
    }

    /// <summary>Number of values each row takes.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>Rows the chunk holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Finished rows in the current chunk.</summary>
    public int RowCount => _row;

    /// <summary>Finishes the row; a full chunk is handed on (by the appender) or ends this chunk's rows.</summary>
    public DuckDbChunkWriter EndRow()
    {
        if (_column != _columns.Length)
        {
            throw new InvalidOperationException($"A row needs {_columns.Length} values, got {_column}.");
        }

        _column = 0;
        if (++_row == Capacity)
        {
            ChunkFull();
        }

        return this;
    }

    /// <summary>Called when the chunk holds <see cref="Capacity"/> rows.</summary>
    private protected abstract void ChunkFull();

    private protected bool RowUnfinished => _column != 0;

    /// <summary>Starts a fresh chunk at row 0; a reset chunk may hand out new buffers, so pointers are taken again.</summary>
    private protected void BindVectors(IntPtr chunk)
    {
        _row = 0;
        for (var i = 0; i < _columns.Length; i++)
        {
            ref var c = ref _columns[i];
            c.Vector = NativeMethods.DataChunkGetVector(chunk, (ulong)i);
            c.Data = NativeMethods.VectorGetData(c.Vector);
            c.Validity = null;
        }
    }

    private protected void ReleaseBuffer() => _buffer.Release();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Column Next()
    {
        if ((uint)_column >= (uint)_columns.Length)
        {
            ThrowTooManyValues();
        }

        if (_row == Capacity)
        {
            ThrowFull();
        }

        return ref _columns[_column++];
    }

    private void WriteDecimal(ref Column c, decimal value)
    {
        var unscaled = decimal.Round(value * Pow10[c.Scale], 0, MidpointRounding.AwayFromZero);
        try
        {
            switch (c.Storage)
            {
                case DuckDbType.SmallInt: ((short*)c.Data)[_row] = checked((short)unscaled); break;
                case DuckDbType.Integer: ((int*)c.Data)[_row] = checked((int)unscaled); break;
                case DuckDbType.BigInt: ((long*)c.Data)[_row] = checked((long)unscaled); break;
                default: ((DuckDbHugeInt*)c.Data)[_row] = new DuckDbHugeInt((Int128)unscaled); break;
            }
        }
        catch (OverflowException)
        {
            throw new InvalidCastException($"{value} does not fit column {_column - 1} (DECIMAL({c.Width},{c.Scale})).");
        }

        if (c.Width < 19 && Math.Abs(unscaled) >= Pow10[c.Width])
        {
            throw new InvalidCastException($"{value} does not fit column {_column - 1} (DECIMAL({c.Width},{c.Scale})).");
        }
    }

    private T Narrow<T>(long value) where T : struct, System.Numerics.IBinaryInteger<T>
    {
        try
        {
            return T.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new InvalidCastException($"{value} does not fit column {_column - 1} ({_columns[_column - 1].Type}).");
        }
    }

    /// <summary>How each column of a table is written, from its logical types (the caller frees them).</summary>
    private protected static Column[] Describe(IReadOnlyList<IntPtr> types, string table)
    {
        var columns = new Column[types.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Describe(types[i], table, i);
        }

        return columns;
    }

    private static Column Describe(IntPtr type, string table, int index)
    {
        var id = NativeMethods.GetTypeId(type);
        var column = new Column { Type = id };
        switch (id)
        {
            case DuckDbType.Boolean or DuckDbType.TinyInt or DuckDbType.SmallInt or DuckDbType.Integer or DuckDbType.BigInt
                or DuckDbType.Float or DuckDbType.Double or DuckDbType.Date or DuckDbType.Timestamp or DuckDbType.VarChar or DuckDbType.Blob:
                break;
            case DuckDbType.Decimal:
                column.Width = NativeMethods.DecimalWidth(type);
                column.Scale = NativeMethods.DecimalScale(type);
                column.Storage = NativeMethods.DecimalInternalType(type);
                if (column.Scale > 28)
                {
                    throw new NotSupportedException($"Column {index} of '{table}' has a DECIMAL scale above 28.");
                }

                break;
            default:
                throw new NotSupportedException($"Column {index} of '{table}' has type {id}, which the chunk writer does not write; use DuckDbAppender.");
        }

        return column;
    }

    private static decimal Power(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    [DoesNotReturn]
    private void ThrowCannotConvert(string from) =>
        throw new InvalidCastException($"Cannot append a {from} to column {_column - 1} ({_columns[_column - 1].Type}).");

    [DoesNotReturn]
    private void ThrowTooManyValues() => throw new InvalidOperationException($"A row takes {_columns.Length} values; call EndRow.");

    [DoesNotReturn]
    private void ThrowFull() => throw new InvalidOperationException($"The chunk is full: it holds {Capacity} rows.");

    private protected struct Column
    {
        public DuckDbType Type;
        public DuckDbType Storage;
        public byte Width;
        public byte Scale;
        public IntPtr Vector;
        public void* Data;
        public ulong* Validity;
    }
}
