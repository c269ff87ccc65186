using System.Data.Common;
using Dapper;
using Starboard.Core.Dialects;

namespace Starboard.IntegrationTests.Schema;

/// <summary>
/// A fresh, empty database on a real engine for one test: a new schema on PostgreSQL, a new database on MySQL,
/// an in-memory database on DuckDB; dropped again on dispose. The servers come from STARBOARD_TEST_POSTGRES and
/// STARBOARD_TEST_MYSQL (.ci/servers.sh starts them). Without one, the test is skipped locally and fails under
/// CI (the CI variable is set), so a CI run cannot pass by skipping.
/// </summary>
public sealed class ServerDatabase : IDisposable
{
    private readonly Action<DbConnection>? _drop;

    private ServerDatabase(SqlDialect dialect, DbConnection connection, string name, Action<DbConnection>? drop)
    {
        Dialect = dialect;
        Connection = connection;
        Name = name;
        _drop = drop;
    }

    public SqlDialect Dialect { get; }
    public DbConnection Connection { get; }

    /// <summary>The schema (PostgreSQL) or database (MySQL) the test owns.</summary>
    public string Name { get; }

    public static ServerDatabase Open(string dialectName)
    {
        var dialect = SqlDialects.ByName(dialectName);
        if (dialectName == "duckdb")
        {
            var duck = dialect.CreateConnection(":memory:");
            duck.Open();
            return new ServerDatabase(dialect, duck, "main", null);
        }
        var connectionString = Server(dialectName == "postgres" ? "STARBOARD_TEST_POSTGRES" : "STARBOARD_TEST_MYSQL");
        var name = NewName();
        var connection = dialect.CreateConnection(connectionString);
        connection.Open();
        if (dialectName == "postgres")
        {
            connection.Execute($"CREATE SCHEMA {name}");
            connection.Execute($"SET search_path TO {name}");
            return new ServerDatabase(dialect, connection, name, c => c.Execute($"DROP SCHEMA IF EXISTS {name} CASCADE"));
        }
        connection.Execute($"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        connection.ChangeDatabase(name);
        return new ServerDatabase(dialect, connection, name, c => c.Execute($"DROP DATABASE IF EXISTS {name}"));
    }

    /// <summary>The server's connection string or URL; skips the test when it is not set, or fails it under CI.</summary>
    public static string Server(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        var why = $"{variable} is not set: start the servers with `source .ci/servers.sh`";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Assert.Fail($"{why} (under CI every server test must run)");
        Assert.Skip(why);
        return "";
    }

    /// <summary>A schema or database name no other run uses.</summary>
    public static string NewName() => $"sbtest_{Guid.NewGuid():N}"[..20];

    /// <summary>Runs a script statement by statement; a failure names the statement.</summary>
    public void Apply(string script)
    {
        foreach (var statement in SqlScript.Statements(script, backslashEscapes: Dialect.Name == "mysql"))
        {
            try
            {
                Connection.Execute(statement);
            }
            catch (DbException e)
            {
                Assert.Fail($"{Dialect.Name} refused a statement: {e.Message}\n{statement}");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _drop?.Invoke(Connection);
        }
        finally
        {
            Connection.Dispose();
        }
    }
}
