using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>DuckDB's own error text reaches the caller as DuckDbException, and the connection stays usable.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Should_Throw_Parser_Error_When_Sql_Is_Malformed()
    {
        var error = Should.Throw<DuckDbException>(() => _connection.Exec("SELEC 1"));

        error.Message.ShouldStartWith("Parser Error: syntax error at or near \"SELEC\"");
        _connection.Scalar<int>("SELECT 42").ShouldBe(42);
    }

    [Fact]
    public void Should_Throw_Catalog_Error_When_Table_Is_Missing()
    {
        var error = Should.Throw<DuckDbException>(() => new DuckDbCommand("SELECT * FROM nope", _connection).ExecuteReader());

        error.Message.ShouldStartWith("Catalog Error: Table with name nope does not exist!");
        _connection.Scalar<int>("SELECT 42").ShouldBe(42);
    }

    [Fact]
    public void Should_Throw_Constraint_Error_When_Primary_Key_Is_Duplicated()
    {
        // Given
        _connection.Exec("CREATE TABLE pk(id INT PRIMARY KEY)");
        _connection.Exec("INSERT INTO pk VALUES ($1)", 1);

        // When
        var error = Should.Throw<DuckDbException>(() => _connection.Exec("INSERT INTO pk VALUES ($1)", 1));

        // Then
        error.Message.ShouldStartWith("Constraint Error: Duplicate key \"id: 1\" violates primary key constraint");
        _connection.Scalar<long>("SELECT count(*) FROM pk").ShouldBe(1);
    }

    [Fact]
    public void Should_Throw_When_Fewer_Values_Than_Parameters()
    {
        var error = Should.Throw<DuckDbException>(() => _connection.Scalar<int>("SELECT $1 + $2", 1));

        error.Message.ShouldBe("Invalid Input Error: Values were not provided for the following prepared statement parameters: 2");
    }

    [Fact]
    public void Should_Throw_When_More_Values_Than_Parameters()
    {
        var error = Should.Throw<DuckDbException>(() => _connection.Scalar<int>("SELECT $1", 1, 2));

        error.Message.ShouldBe("Invalid Input Error: Can not bind to parameter number 2, statement only has 1 parameter(s)");
    }

    [Fact]
    public void Should_Throw_When_Named_Parameter_Has_No_Value()
    {
        // Given
        using var command = new DuckDbCommand("SELECT $a + $b", _connection);
        command.Parameters.AddWithValue("a", 1);

        // When
        var error = Should.Throw<DuckDbException>(() => command.ExecuteScalar());

        // Then
        error.Message.ShouldEndWith("parameters: b");
    }

    [Fact]
    public void Should_Throw_From_Read_When_Query_Fails_While_Streaming()
    {
        // Given: the cast fails only once the stream reaches row 5000
        using var command = new DuckDbCommand(
            "SELECT CASE WHEN i < 5000 THEN i::VARCHAR ELSE 'x' END::INTEGER AS v FROM range(100000) t(i)", _connection);

        // When
        var error = Should.Throw<DuckDbException>(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
            }
        });

        // Then
        error.Message.ShouldStartWith("Conversion Error:");
        _connection.Scalar<int>("SELECT 42").ShouldBe(42);
    }

    [Fact]
    public void Should_Roll_Back_Cleanly_When_A_Statement_Fails_Inside_A_Transaction()
    {
        // Given
        _connection.Exec("CREATE TABLE t(id INT PRIMARY KEY)");
        using var transaction = _connection.BeginTransaction();
        _connection.Exec("INSERT INTO t VALUES (1)");

        // When
        Should.Throw<DuckDbException>(() => _connection.Exec("INSERT INTO t VALUES (1)"));
        transaction.Rollback();

        // Then
        _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(0);
    }

    [Fact]
    public void Should_Throw_NotSupported_When_Parameter_Type_Is_Unknown()
    {
        var error = Should.Throw<NotSupportedException>(() => _connection.Scalar<int>("SELECT $1", new Uri("http://example.invalid")));

        error.Message.ShouldContain("System.Uri");
    }

    [Fact]
    public void Should_Throw_With_DuckDb_Message_When_File_Cannot_Be_Opened()
    {
        using var connection = new DuckDbConnection("Data Source=/nonexistent-folder/x.duckdb");

        var error = Should.Throw<DuckDbException>(connection.Open);

        error.Message.ShouldStartWith("IO Error: Cannot open file");
    }
}
