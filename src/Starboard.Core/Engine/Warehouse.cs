using System.Data;
using System.Data.Common;
using Dapper;
using Starboard.Core.Dialects;
using Starboard.Core.Schema;
using Starboard.Core.Sql;

namespace Starboard.Core.Engine;

/// <summary>
/// One open connection to the warehouse, with its dialect. Statements go through here so that every failure
/// becomes an <see cref="ExecutionException"/> naming what was being done, and every value is a bound parameter.
/// </summary>
public sealed class Warehouse : IDisposable
{
    private Warehouse(SqlDialect dialect, DbConnection connection, string display)
    {
        Dialect = dialect;
        Connection = connection;
        Display = display;
    }

    public SqlDialect Dialect { get; }

    public DbConnection Connection { get; }

    public string Display { get; }

    public DbTransaction? Transaction { get; private set; }

    /// <summary>Told of every statement once it has run: what it did, its SQL and how long it took (for profiling a run).</summary>
    public Action<string, RenderedSql, TimeSpan>? OnStatement { get; set; }

    public static Warehouse Open(WarehouseTarget target, bool reportingInUtc = true)
    {
        if (target.ConnectionString.StartsWith("Data Source=", StringComparison.Ordinal))
            Directory.CreateDirectory(Path.GetDirectoryName(target.ConnectionString["Data Source=".Length..])!);
        var connection = target.Dialect.CreateConnection(target.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw new ExecutionException($"cannot open the warehouse {target.Display}: {e.Message.Split('\n')[0]}", e);
        }
        target.Dialect.ReportingInUtc = reportingInUtc;
        return new Warehouse(target.Dialect, connection, target.Display);
    }

    public int Execute(string sql, string what) => Execute(RenderedSql.Plain(sql), what);

    public int Execute(RenderedSql sql, string what)
    {
        using var command = Command(sql);
        try
        {
            return Timed(sql, what, command.ExecuteNonQuery);
        }
        catch (DbException e)
        {
            throw ExecutionException.InStatement(what, Dialect.Name, sql.Text, e);
        }
    }

    public T? Scalar<T>(RenderedSql sql, string what)
    {
        using var command = Command(sql);
        try
        {
            var value = Timed(sql, what, command.ExecuteScalar);
            return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException e)
        {
            throw ExecutionException.InStatement(what, Dialect.Name, sql.Text, e);
        }
    }

    public T? Scalar<T>(string sql, string what) => Scalar<T>(RenderedSql.Plain(sql), what);

    public IReadOnlyList<T> Query<T>(RenderedSql sql, string what)
    {
        try
        {
            return Timed(sql, what, () => Connection.Query<T>(sql.Text, Parameters(sql), Transaction).AsList());
        }
        catch (DbException e)
        {
            throw ExecutionException.InStatement(what, Dialect.Name, sql.Text, e);
        }
    }

    public IReadOnlyList<T> Query<T>(string sql, string what) => Query<T>(RenderedSql.Plain(sql), what);

    /// <summary>Runs a reader over a query; the callback sees each row.</summary>
    public void Read(RenderedSql sql, string what, Action<DbDataReader> row)
    {
        using var command = Command(sql);
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) row(reader);
        }
        catch (DbException e)
        {
            throw ExecutionException.InStatement(what, Dialect.Name, sql.Text, e);
        }
        catch (NotSupportedException e)
        {
            // A column type the driver cannot read (a DuckDB LIST, say): the message says how to cast it.
            throw ExecutionException.InStatement(what, Dialect.Name, sql.Text, e);
        }
    }

    public IBulkWriter BulkWriter(TableDefinition table) => Dialect.CreateBulkWriter(Connection, table);

    /// <summary>Loads what <paramref name="fill"/> writes, on several threads where the engine can (see <see cref="SqlDialect.BulkLoad"/>).</summary>
    public void BulkLoad(TableDefinition table, Func<IBulkWriter, bool> fill) => Dialect.BulkLoad(Connection, table, fill);

    /// <summary>Settings for a whole load, until disposed (see <see cref="SqlDialect.BulkLoadSession"/>); null when none apply.</summary>
    public IDisposable? BulkLoadSession() => Dialect.BulkLoadSession(Connection);

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it lands, or none of it.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        if (Transaction is not null || !Dialect.SupportsTransactions)
            return work();
        Transaction = Connection.BeginTransaction(IsolationLevel.Unspecified);
        try
        {
            var result = work();
            Timed(RenderedSql.Plain("COMMIT"), "committing", () => { Transaction.Commit(); return 0; });
            return result;
        }
        catch
        {
            Transaction.Rollback();
            throw;
        }
        finally
        {
            Transaction.Dispose();
            Transaction = null;
        }
    }

    public void InTransaction(Action work) => InTransaction(() => { work(); return 0; });

    private TResult Timed<TResult>(RenderedSql sql, string what, Func<TResult> run)
    {
        if (OnStatement is not { } observe)
            return run();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = run();
        observe(what, sql, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return result;
    }

    private DbCommand Command(RenderedSql sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql.Text;
        command.Transaction = Transaction;
        foreach (var (name, value) in sql.Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static DynamicParameters Parameters(RenderedSql sql)
    {
        var p = new DynamicParameters();
        foreach (var (name, value) in sql.Parameters)
            p.Add(name, value);
        return p;
    }

    public void Dispose() => Connection.Dispose();
}
