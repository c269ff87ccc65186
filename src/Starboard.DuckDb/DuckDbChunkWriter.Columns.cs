using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

// Column at a time: a loader that holds its rows column by column fills an empty chunk one column after another,
// without a call per value, then says how many rows it wrote. Types must match the column's exactly.
public abstract unsafe partial class DuckDbChunkWriter
{
    /// <summary>BIGINT values (or BOOLEAN, any non-zero being true) for rows 0 … n-1 of an empty chunk.</summary>
    public void SetInt64Column(int column, ReadOnlySpan<long> values, ReadOnlySpan<bool> nulls)
    {
        ref var c = ref ColumnForBulk(column, values.Length, nulls.Length);
        switch (c.Type)
        {
            case DuckDbType.BigInt:
                values.CopyTo(new Span<long>(c.Data, values.Length));
                break;
            case DuckDbType.Boolean:
                var flags = (byte*)c.Data;
                for (var i = 0; i < values.Length; i++)
                {
                    flags[i] = values[i] != 0 ? (byte)1 : (byte)0;
                }

                break;
            default:
                throw new InvalidCastException($"Column {column} is {c.Type}, not BIGINT or BOOLEAN.");
        }

        SetNulls(ref c, nulls);
    }

    /// <summary>TIMESTAMP values given as UTC <see cref="DateTime.Ticks"/>, for rows 0 … n-1 of an empty chunk.</summary>
    public void SetTimestampTicksColumn(int column, ReadOnlySpan<long> ticks, ReadOnlySpan<bool> nulls)
    {
        ref var c = ref ColumnForBulk(column, ticks.Length, nulls.Length);
        RequireType(ref c, column, DuckDbType.Timestamp);
        var micros = (long*)c.Data;
        for (var i = 0; i < ticks.Length; i++)
        {
            micros[i] = ValueConversions.TicksToMicros(ticks[i]);
        }

        SetNulls(ref c, nulls);
    }

    /// <summary>DATE values given as <see cref="DateOnly.DayNumber"/>, for rows 0 … n-1 of an empty chunk.</summary>
    public void SetDayNumberColumn(int column, ReadOnlySpan<long> dayNumbers, ReadOnlySpan<bool> nulls)
    {
        ref var c = ref ColumnForBulk(column, dayNumbers.Length, nulls.Length);
        RequireType(ref c, column, DuckDbType.Date);
        var days = (int*)c.Data;
        for (var i = 0; i < dayNumbers.Length; i++)
        {
            days[i] = nulls[i] ? 0 : ValueConversions.ToDays(DateOnly.FromDayNumber((int)dayNumbers[i]));
        }

        SetNulls(ref c, nulls);
    }

    /// <summary>DECIMAL values, rounded to the column's scale as <see cref="AppendValue(decimal)"/> does.</summary>
    public void SetDecimalColumn(int column, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> nulls)
    {
        ref var c = ref ColumnForBulk(column, values.Length, nulls.Length);
        RequireType(ref c, column, DuckDbType.Decimal);
        for (var i = 0; i < values.Length; i++)
        {
            if (!nulls[i])
            {
                _row = i;
                WriteDecimal(ref c, values[i]);
            }
        }

        _row = 0;
        SetNulls(ref c, nulls);
    }

    /// <summary>
    /// VARCHAR values already checked to be valid UTF-8, each a slice of <paramref name="text"/>, for rows 0 … n-1 of
    /// an empty chunk (copied once, into the chunk's string heap).
    /// </summary>
    public void SetValidatedUtf8Column(int column, ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<bool> nulls)
    {
        ref var c = ref ColumnForBulk(column, starts.Length, nulls.Length);
        if (c.Type is not (DuckDbType.VarChar or DuckDbType.Blob) || lengths.Length != starts.Length)
        {
            throw new InvalidCastException($"Column {column} is {c.Type}, not VARCHAR, or the slices do not pair up.");
        }

        fixed (byte* bytes = text)
        {
            for (var i = 0; i < starts.Length; i++)
            {
                if (!nulls[i])
                {
                    // Bounds are checked here, since DuckDB copies from the pointer blindly.
                    var slice = text.Slice(starts[i], lengths[i]);
                    fixed (byte* s = slice)
                    {
                        NativeMethods.UnsafeVectorAssignStringElementLength(c.Vector, (ulong)i, s, (ulong)slice.Length);
                    }
                }
            }
        }

        SetNulls(ref c, nulls);
    }

    /// <summary>Ends a column-at-a-time fill: the chunk holds <paramref name="rows"/> rows, every column set.</summary>
    public void SetRowCount(int rows)
    {
        if (_row != 0 || _column != 0 || rows < 0 || rows > Capacity)
        {
            throw new InvalidOperationException($"Column-at-a-time rows go into an empty chunk of at most {Capacity} rows.");
        }

        _row = rows;
        if (rows == Capacity)
        {
            ChunkFull();
        }
    }

    private ref Column ColumnForBulk(int column, int rows, int nulls)
    {
        if (_row != 0 || _column != 0)
        {
            throw new InvalidOperationException("Column-at-a-time values go into an empty chunk.");
        }

        if ((uint)column >= (uint)_columns.Length || rows > Capacity || nulls != rows)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Column {column} of {_columns.Length}, {rows} rows (at most {Capacity}), {nulls} null flags.");
        }

        return ref _columns[column];
    }

    private static void RequireType(ref Column c, int column, DuckDbType type)
    {
        if (c.Type != type)
        {
            throw new InvalidCastException($"Column {column} is {c.Type}, not {type}.");
        }
    }

    private static void SetNulls(ref Column c, ReadOnlySpan<bool> nulls)
    {
        if (!nulls.Contains(true))
        {
            return;
        }

        if (c.Validity == null)
        {
            NativeMethods.VectorEnsureValidityWritable(c.Vector);
            c.Validity = NativeMethods.VectorGetValidity(c.Vector);
        }

        for (var i = 0; i < nulls.Length; i++)
        {
            if (nulls[i])
            {
                c.Validity[i >> 6] &= ~(1UL << (i & 63));
            }
        }
    }
}
