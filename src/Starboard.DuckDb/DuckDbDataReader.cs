using System.Collections;
using System.Data;
using System.Data.Common;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// Reads a result one data chunk (up to 2048 rows) at a time straight out of DuckDB's column vectors, so a
/// streamed SELECT of any size uses constant memory. Only the last statement of a command has a result, so
/// <see cref="NextResult"/> is always false. Value mapping is in <c>DuckDbDataReader.Values.cs</c>.
/// </summary>
public sealed partial class DuckDbDataReader : DbDataReader
{
    private readonly DuckDbConnection _connection;
    private readonly CommandBehavior _behavior;
    private readonly ColumnInfo[] _columns;
    private readonly nint[] _data;     // per column: vector data of the current chunk
    private readonly nint[] _validity; // per column: validity mask of the current chunk, 0 when all rows are valid
    private readonly bool _hasRows;
    private PreparedStatement? _statement;
    private NativeResult? _result;
    private IntPtr _chunk;
    private int _chunkSize;
    private int _row = -1;
    private bool _exhausted;
    private bool _closed;

    internal DuckDbDataReader(
        DuckDbConnection connection,
        DuckDbCommand command,
        PreparedStatement? statement,
        NativeResult? result,
        int recordsAffected,
        CommandBehavior behavior)
    {
        _connection = connection;
        Command = command;
        _behavior = behavior;
        RecordsAffected = recordsAffected;

        var columnCount = result?.ColumnCount ?? 0;
        _columns = new ColumnInfo[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            _columns[i] = ColumnInfo.Describe(result!, i);
        }

        _data = new nint[columnCount];
        _validity = new nint[columnCount];

        // Fetch the first chunk now: HasRows needs it, and a query failing at run time should fail here, in
        // ExecuteReader, not at the first Read. On failure the caller still owns (and frees) result and statement.
        _result = result;
        try
        {
            _hasRows = result is not null && LoadNextChunk();
        }
        catch
        {
            DestroyChunk();
            _result = null;
            throw;
        }

        _statement = statement;
    }

    public override int FieldCount => _columns.Length;

    public override bool HasRows => _hasRows;

    public override bool IsClosed => _closed;

    /// <summary>Rows changed by the command's non-SELECT statements, or -1 when it had none.</summary>
    public override int RecordsAffected { get; }

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    internal DuckDbCommand Command { get; }

    /// <summary>Chunks fetched so far (tests use it to prove a large result streams).</summary>
    internal int ChunksRead { get; private set; }

    public override bool Read()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_row + 1 < _chunkSize)
        {
            _row++;
            return true;
        }

        if (!LoadNextChunk())
        {
            return false;
        }

        _row = 0;
        return true;
    }

    public override bool NextResult()
    {
        ObjectDisposedException.ThrowIf(_closed, this);

        // Past the only result set: release the native result early, as other providers do.
        DestroyChunk();
        _exhausted = true;
        _row = -1;
        return false;
    }

    public override string GetName(int ordinal) => Column(ordinal).Name;

    public override string GetDataTypeName(int ordinal) => Column(ordinal).DataTypeName;

    public override Type GetFieldType(int ordinal) => Column(ordinal).ClrType;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new IndexOutOfRangeException($"The result has no column named '{name}'.");
    }

    public override unsafe bool IsDBNull(int ordinal)
    {
        CheckRow(ordinal);
        var validity = (ulong*)_validity[ordinal];
        return validity != null && (validity[_row >> 6] & (1UL << (_row & 63))) == 0;
    }

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, _columns.Length);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        DestroyChunk();
        _result?.Dispose();
        _result = null;
        _statement?.Dispose();
        _statement = null;
        if (_connection.ActiveReader == this)
        {
            _connection.ActiveReader = null;
        }

        Command.ReaderClosed();
        if ((_behavior & CommandBehavior.CloseConnection) != 0)
        {
            _connection.Close();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private ColumnInfo Column(int ordinal)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        return (uint)ordinal < (uint)_columns.Length
            ? _columns[ordinal]
            : throw new IndexOutOfRangeException($"Column ordinal {ordinal} is out of range (the result has {_columns.Length} columns).");
    }

    private void CheckRow(int ordinal)
    {
        Column(ordinal);
        if (_row < 0 || _row >= _chunkSize)
        {
            throw new InvalidOperationException("There is no current row; call Read() first and check that it returned true.");
        }
    }

    /// <summary>Moves to the next non-empty chunk; false at the end. DuckDB errors raised while computing it throw.</summary>
    private unsafe bool LoadNextChunk()
    {
        DestroyChunk();
        if (_exhausted || _result is null)
        {
            return false;
        }

        while (true)
        {
            var chunk = _result.FetchChunk();
            if (chunk == IntPtr.Zero)
            {
                _exhausted = true;
                return false;
            }

            var size = (int)NativeMethods.DataChunkGetSize(chunk);
            if (size == 0)
            {
                NativeMethods.DestroyDataChunk(ref chunk);
                continue;
            }

            _chunk = chunk;
            _chunkSize = size;
            ChunksRead++;
            for (var i = 0; i < _columns.Length; i++)
            {
                var vector = NativeMethods.DataChunkGetVector(chunk, (ulong)i);
                _data[i] = (nint)NativeMethods.VectorGetData(vector);
                _validity[i] = (nint)NativeMethods.VectorGetValidity(vector);
            }

            return true;
        }
    }

    private void DestroyChunk()
    {
        if (_chunk != IntPtr.Zero)
        {
            NativeMethods.DestroyDataChunk(ref _chunk);
            _chunk = IntPtr.Zero;
        }

        _chunkSize = 0;
    }
}
