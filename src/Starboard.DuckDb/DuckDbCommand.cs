using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Starboard.DuckDb.Native;

namespace Starboard.DuckDb;

/// <summary>
/// A SQL command. The text may hold several statements separated by ';' (split by DuckDB's parser); they run
/// in order, each prepared just before it runs (so later ones can use tables created by earlier ones), and
/// only the last one's result is returned. Parameters: see <see cref="DuckDbParameter"/>.
/// </summary>
/// <remarks><see cref="CommandTimeout"/> is accepted but ignored: DuckDB has no statement timeout; use <see cref="Cancel"/>.</remarks>
public sealed class DuckDbCommand : DbCommand
{
    private readonly DuckDbParameterCollection _parameters = new();
    private string _commandText = string.Empty;
    private volatile bool _executing;

    public DuckDbCommand()
    {
    }

    public DuckDbCommand(string commandText, DuckDbConnection? connection = null)
    {
        _commandText = commandText;
        Connection = connection;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? string.Empty;
    }

    /// <summary>Ignored (DuckDB has no per-statement timeout); kept for ADO.NET compatibility.</summary>
    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("DuckDB only supports CommandType.Text.");
            }
        }
    }

    public new DuckDbConnection? Connection { get; set; }

    public new DuckDbParameterCollection Parameters => _parameters;

    /// <summary>Accepted for ADO.NET compatibility; DuckDB transactions belong to the connection.</summary>
    public new DuckDbTransaction? Transaction { get; set; }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = value switch
        {
            null => null,
            DuckDbConnection duckDb => duckDb,
            _ => throw new ArgumentException($"Expected a DuckDbConnection, got {value.GetType().Name}.", nameof(value)),
        };
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction
    {
        get => Transaction;
        set => Transaction = (DuckDbTransaction?)value;
    }

    /// <summary>Interrupts this command's running query (callable from another thread); a no-op otherwise.</summary>
    public override void Cancel()
    {
        // Only while we run: duckdb_interrupt flags the connection, and a stale flag must not hit a later query.
        if (_executing && Connection is { State: ConnectionState.Open } connection)
        {
            NativeMethods.Interrupt(connection.NativeHandle);
        }
    }

    /// <summary>Statements are prepared on every execution; there is nothing to do ahead of time.</summary>
    public override void Prepare()
    {
    }

    public new DuckDbParameter CreateParameter() => new();

    /// <summary>Runs every statement; returns the total of rows DuckDB reports changed (0 for DDL and queries).</summary>
    public override int ExecuteNonQuery()
    {
        var connection = ReadyConnection();
        _executing = true;
        try
        {
            using var statements = ExtractedStatements.Extract(connection.NativeHandle, _commandText);
            long changed = 0;
            for (var i = 0; i < statements.Count; i++)
            {
                using var statement = statements.Prepare(connection.NativeHandle, i);
                ParameterBinder.Bind(statement, _parameters, strict: statements.Count == 1);
                using var result = statement.Execute(streaming: false);
                changed += result.RowsChanged;
            }

            return (int)Math.Min(changed, int.MaxValue);
        }
        finally
        {
            _executing = false;
        }
    }

    public override object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.FieldCount > 0 && reader.Read() ? reader.GetValue(0) : null;
    }

    public new DuckDbDataReader ExecuteReader() => ExecuteReader(CommandBehavior.Default);

    /// <summary>
    /// Runs all statements; a final SELECT is streamed chunk by chunk (constant memory), any other final
    /// statement is materialized. Behaviors other than <see cref="CommandBehavior.CloseConnection"/> are hints
    /// that need no action.
    /// </summary>
    public new DuckDbDataReader ExecuteReader(CommandBehavior behavior)
    {
        var connection = ReadyConnection();
        _executing = true;
        PreparedStatement? last = null;
        NativeResult? result = null;
        try
        {
            using var statements = ExtractedStatements.Extract(connection.NativeHandle, _commandText);
            long changed = 0;
            var anyChange = false;
            for (var i = 0; i < statements.Count; i++)
            {
                var statement = statements.Prepare(connection.NativeHandle, i);
                try
                {
                    ParameterBinder.Bind(statement, _parameters, strict: statements.Count == 1);
                    var isLast = i == statements.Count - 1;
                    var isSelect = statement.IsSelect;
                    var executed = statement.Execute(streaming: isLast && isSelect);
                    if (!isSelect)
                    {
                        changed += executed.RowsChanged;
                        anyChange = true;
                    }

                    if (isLast)
                    {
                        (last, statement, result) = (statement, null, executed);
                    }
                    else
                    {
                        executed.Dispose();
                    }
                }
                finally
                {
                    statement?.Dispose();
                }
            }

            // If the constructor throws (e.g. the first chunk fails), the finally below frees result and statement.
            var reader = new DuckDbDataReader(connection, this, last, result, anyChange ? (int)Math.Min(changed, int.MaxValue) : -1, behavior);
            (last, result) = (null, null); // the reader owns them now
            connection.ActiveReader = reader;
            return reader;
        }
        finally
        {
            result?.Dispose();
            last?.Dispose();

            // A streaming reader keeps the query running (and cancellable) until it is closed.
            _executing = connection.ActiveReader?.Command == this;
        }
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    protected override DbParameter CreateDbParameter() => CreateParameter();

    internal void ReaderClosed() => _executing = false;

    private DuckDbConnection ReadyConnection()
    {
        var connection = Connection ?? throw new InvalidOperationException("The command has no connection.");
        if (connection.State != ConnectionState.Open)
        {
            throw new InvalidOperationException("The connection is not open.");
        }

        connection.EnsureNoActiveReader();
        return connection;
    }
}
