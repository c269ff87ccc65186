using System.Data.Common;

namespace Starboard.DuckDb;

/// <summary>
/// Creates DuckDB ADO.NET objects without naming their types, e.g. for
/// <c>DbProviderFactories.RegisterFactory("Starboard.DuckDb", DuckDbProviderFactory.Instance)</c>.
/// </summary>
public sealed class DuckDbProviderFactory : DbProviderFactory
{
    public static readonly DuckDbProviderFactory Instance = new();

    private DuckDbProviderFactory()
    {
    }

    public override DbConnection CreateConnection() => new DuckDbConnection();

    public override DbCommand CreateCommand() => new DuckDbCommand();

    public override DbParameter CreateParameter() => new DuckDbParameter();

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new();
}
