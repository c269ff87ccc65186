using System.Data;
using System.Data.Common;

namespace Starboard.DuckDb;

/// <summary>
/// A connection-level transaction (BEGIN TRANSACTION ... COMMIT/ROLLBACK). Every command on the connection runs
/// inside it until it finishes, whether or not <see cref="DbCommand.Transaction"/> is set.
/// Disposing an unfinished transaction rolls it back.
/// </summary>
public sealed class DuckDbTransaction : DbTransaction
{
    private DuckDbConnection? _connection;

    internal DuckDbTransaction(DuckDbConnection connection) => _connection = connection;

    public override IsolationLevel IsolationLevel => IsolationLevel.Snapshot;

    public new DuckDbConnection? Connection => _connection;

    public bool IsCompleted => _connection is null;

    protected override DbConnection? DbConnection => _connection;

    public override void Commit() => Finish("COMMIT");

    public override void Rollback() => Finish("ROLLBACK");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { State: ConnectionState.Open })
        {
            try
            {
                Rollback();
            }
            catch (DuckDbException)
            {
                // Already ended by SQL (e.g. an explicit COMMIT in a command); nothing left to undo, and Dispose
                // must not hide the exception that is unwinding a using block.
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>The connection closed underneath us; DuckDB rolled the transaction back on disconnect.</summary>
    internal void MarkCompleted() => _connection = null;

    private void Finish(string sql)
    {
        var connection = _connection
            ?? throw new InvalidOperationException("This transaction has already been committed or rolled back.");
        connection.EnsureNoActiveReader();

        // DuckDB ends the transaction even when COMMIT fails (e.g. on a write conflict), so this object is
        // finished either way.
        _connection = null;
        connection.CurrentTransaction = null;
        connection.ExecuteControlStatement(sql);
    }
}
