using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// A connection to a DuckDB database through the C API. See <see cref="DuckDbConnectionSettings"/> for the
/// connection string. Connections to the same file (or the same <c>:memory:NAME</c>) within a process share one
/// native database instance; a plain <c>:memory:</c> or empty connection string gets a private in-memory database.
/// </summary>
/// <remarks>
/// A connection, and everything created from it (commands, readers, appenders), is for one thread at a time,
/// like any ADO.NET connection; use one connection per thread for concurrency (DuckDB itself is thread-safe
/// across connections). At most one data reader can be open per connection.
/// </remarks>
public sealed class DuckDbConnection : DbConnection
{
    private string _connectionString;
    private DuckDbConnectionSettings? _settings;
    private SharedDatabase? _database;
    private IntPtr _connection;
    private ConnectionState _state = ConnectionState.Closed;

    public DuckDbConnection()
        : this(string.Empty)
    {
    }

    public DuckDbConnection(string? connectionString) => _connectionString = connectionString ?? string.Empty;

    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_state != ConnectionState.Closed)
            {
                throw new InvalidOperationException("The connection string cannot be changed while the connection is open.");
            }

            _connectionString = value ?? string.Empty;
            _settings = null;
        }
    }

    /// <summary>The catalog name: "memory" for in-memory databases, else the file name without extension.</summary>
    public override string Database => Settings.CatalogName;

    public override string DataSource => Settings.IsInMemory ? ":memory:" : Settings.DataSource;

    /// <summary>DuckDB's library version, e.g. "v1.5.5".</summary>
    public override unsafe string ServerVersion => NativeMethods.ReadString(NativeMethods.LibraryVersion()) ?? string.Empty;

    public override ConnectionState State => _state;

    /// <summary>The transaction begun with <see cref="BeginTransaction()"/> and not yet finished.</summary>
    internal DuckDbTransaction? CurrentTransaction { get; set; }

    /// <summary>The open data reader, if any; DuckDB streams results, so nothing else may run meanwhile.</summary>
    internal DuckDbDataReader? ActiveReader { get; set; }

    protected override DbProviderFactory DbProviderFactory => DuckDbProviderFactory.Instance;

    private DuckDbConnectionSettings Settings => _settings ??= DuckDbConnectionSettings.Parse(_connectionString);

    public override void Open()
    {
        if (_state == ConnectionState.Open)
        {
            throw new InvalidOperationException("The connection is already open.");
        }

        var database = DatabaseRegistry.Acquire(Settings);
        if (NativeMethods.Connect(database.Handle, out var connection) != DuckDbState.Success)
        {
            DatabaseRegistry.Release(database);
            throw new DuckDbException($"Connection Error: could not connect to DuckDB database '{DataSource}'.");
        }

        _database = database;
        _connection = connection;
        _state = ConnectionState.Open;
        try
        {
            // ICU is linked in, so this only fails for an unknown zone name (DuckDB's message says so).
            ExecuteControlStatement($"SET TimeZone = '{Settings.TimeZone.Replace("'", "''", StringComparison.Ordinal)}'");
        }
        catch
        {
            Teardown();
            throw;
        }

        OnStateChange(new StateChangeEventArgs(ConnectionState.Closed, ConnectionState.Open));
    }

    /// <summary>
    /// Closes the open reader (if any), rolls back an unfinished transaction (DuckDB does so on disconnect),
    /// disconnects, and closes the database when this was its last connection. Appenders must be disposed first.
    /// </summary>
    public override void Close()
    {
        if (_state == ConnectionState.Closed)
        {
            return;
        }

        // A reader opened with CommandBehavior.CloseConnection closes us from inside its own Close.
        ActiveReader?.Close();
        ActiveReader = null;
        if (_state == ConnectionState.Closed)
        {
            return;
        }

        Teardown();
        OnStateChange(new StateChangeEventArgs(ConnectionState.Open, ConnectionState.Closed));
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("DuckDB has no current-database switch through ADO.NET; run USE <catalog> instead.");

    public new DuckDbCommand CreateCommand() => new() { Connection = this };

    public new DuckDbTransaction BeginTransaction() => BeginTransaction(IsolationLevel.Unspecified);

    /// <summary>
    /// Issues BEGIN TRANSACTION. DuckDB always runs transactions with snapshot isolation, so the requested
    /// level is accepted and reported as <see cref="IsolationLevel.Snapshot"/>.
    /// </summary>
    public new DuckDbTransaction BeginTransaction(IsolationLevel isolationLevel)
    {
        if (CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A transaction is already in progress on this connection; DuckDB does not nest transactions.");
        }

        ExecuteControlStatement("BEGIN TRANSACTION");
        CurrentTransaction = new DuckDbTransaction(this);
        return CurrentTransaction;
    }

    /// <summary>Opens an appender on <c>main</c> (or the search path's first schema) for fast row inserts.</summary>
    public DuckDbAppender CreateAppender(string table) => CreateAppender(null, table);

    public DuckDbAppender CreateAppender(string? schema, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        EnsureNoActiveReader();
        return new DuckDbAppender(NativeHandle, schema, table);
    }

    /// <summary>An appender that fills DuckDB data chunks directly: the fast path for bulk loads (see <see cref="DuckDbChunkAppender"/>).</summary>
    public DuckDbChunkAppender CreateChunkAppender(string table) => CreateChunkAppender(null, table);

    public DuckDbChunkAppender CreateChunkAppender(string? schema, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        EnsureNoActiveReader();
        return DuckDbChunkAppender.Create(NativeHandle, schema, table);
    }

    /// <summary>
    /// Inserts rows that DuckDB pulls from <paramref name="fill"/> on its own worker threads, several at once, so
    /// that the table's storage work (compression, statistics, writing row groups) runs on every core, as in
    /// DuckDB's own parallel loads. Each call of <paramref name="fill"/> gets an empty chunk of up to
    /// <see cref="DuckDbChunkWriter.Capacity"/> rows and returns false when it has nothing more (DuckDB keeps calling
    /// until every thread got false). Calls run concurrently, so <paramref name="fill"/> must be thread-safe; an
    /// exception it throws fails the statement and is rethrown here. Rows land in no particular order. Runs in the
    /// connection's transaction, if any. Returns the number of rows inserted.
    /// A call's rows are always taken; returning true without writing a row is an error.
    /// </summary>
    /// <summary>
    /// Holds DuckDB's buffer pool to what a bulk load needs until disposed (see <see cref="Starboard.DuckDb.BulkLoadMemory"/>):
    /// for a load made of several inserts and the queries that check them. Only for a database file.
    /// </summary>
    public IDisposable LimitMemoryForBulkLoad() => Starboard.DuckDb.BulkLoadMemory.Limit(this);

    /// <summary>The memory limit a bulk load on this connection holds, if any.</summary>
    internal BulkLoadMemory? BulkLoadMemory { get; set; }

    public long InsertChunks(string table, Func<DuckDbChunkWriter, bool> fill) => InsertChunks(null, table, fill);

    public long InsertChunks(string? schema, string table, Func<DuckDbChunkWriter, bool> fill)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(fill);
        EnsureNoActiveReader();
        return ChunkSource.Insert(this, schema, table, fill);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => CreateCommand();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private void Teardown()
    {
        CurrentTransaction?.MarkCompleted();
        CurrentTransaction = null;

        NativeMethods.Disconnect(ref _connection);
        _connection = IntPtr.Zero;
        var database = _database!;
        _database = null;
        DatabaseRegistry.Release(database);
        _state = ConnectionState.Closed;
    }

    internal IntPtr NativeHandle => _state == ConnectionState.Open
        ? _connection
        : throw new InvalidOperationException("The connection is not open.");

    internal void EnsureNoActiveReader()
    {
        if (ActiveReader is not null)
        {
            throw new InvalidOperationException(
                "This connection already has an open DuckDbDataReader; dispose it before running another command.");
        }
    }

    /// <summary>Runs a statement without parameters or results (BEGIN/COMMIT/ROLLBACK).</summary>
    internal unsafe void ExecuteControlStatement(string sql)
    {
        var connection = NativeHandle;
        EnsureNoActiveReader();
        using var text = PooledUtf8.Encode(sql, nulTerminate: true);
        using var result = new NativeResult();
        DuckDbState state;
        fixed (byte* pointer = text.Array)
        {
            state = NativeMethods.Query(connection, pointer, result.Pointer);
        }

        if (state != DuckDbState.Success)
        {
            throw DuckDbException.From(result.Error, $"'{sql}' failed.");
        }
    }
}
