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
    /// an empty chunk. Up to 12 bytes a value is written into the element itself; the longer values of the column go
    /// into the vector's string heap together, in one call.
    /// </summary>
    public void SetValidatedUtf8Column(int column, ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<bool> nulls)
    {
        ref var c = ref ColumnForBulk(column, starts.Length, nulls.Length);
        if (c.Type is not (DuckDbType.VarChar or DuckDbType.Blob) || lengths.Length != starts.Length)
        {
            throw new InvalidCastException($"Column {column} is {c.Type}, not VARCHAR, or the slices do not pair up.");
        }

        var elements = (DuckDbStringT*)c.Data;
        var first = -1;
        long heapBytes = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            // Bounds are checked by the slice, since DuckDB copies from the pointer blindly.
            if (!nulls[i] && !DuckDbStringT.TryWriteInline(elements + i, text.Slice(starts[i], lengths[i])))
            {
                first = first < 0 ? i : first;
                heapBytes += lengths[i];
            }
        }

        if (first >= 0)
        {
            WriteToHeap(ref c, text, starts, lengths, nulls, first, heapBytes);
        }

        SetNulls(ref c, nulls);
    }

    /// <summary>
    /// The values longer than 12 bytes, from row <paramref name="first"/> on: laid end to end and handed to DuckDB as
    /// the value of the first, which copies them into the vector's string heap at once, then each element pointed at
    /// its part of that copy. A call and an allocation per column instead of per value; the heap is the vector's own,
    /// so the strings live exactly as long as DuckDB keeps the vector.
    /// </summary>
    private void WriteToHeap(ref Column c, ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<bool> nulls, int first, long heapBytes)
    {
        var elements = (DuckDbStringT*)c.Data;
        if (heapBytes > MaxHeapBlock)
        {
            for (var i = first; i < starts.Length; i++)
            {
                if (!nulls[i] && lengths[i] > DuckDbStringT.InlineLength)
                {
                    fixed (byte* s = text.Slice(starts[i], lengths[i]))
                    {
                        NativeMethods.UnsafeVectorAssignStringElementLength(c.Vector, (ulong)i, s, (ulong)lengths[i]);
                    }
                }
            }

            return;
        }

        var block = _buffer.Rent((int)heapBytes);
        var used = 0;
        for (var i = first; i < starts.Length; i++)
        {
            if (!nulls[i] && lengths[i] > DuckDbStringT.InlineLength)
            {
                text.Slice(starts[i], lengths[i]).CopyTo(block[used..]);
                used += lengths[i];
            }
        }

        fixed (byte* b = block)
        {
            NativeMethods.UnsafeVectorAssignStringElementLength(c.Vector, (ulong)first, b, (ulong)used);
        }

        var heap = elements[first].Pointer;
        used = 0;
        for (var i = first; i < starts.Length; i++)
        {
            if (!nulls[i] && lengths[i] > DuckDbStringT.InlineLength)
            {
                DuckDbStringT.Point(elements + i, heap + used, lengths[i]);
                used += lengths[i];
            }
        }
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
