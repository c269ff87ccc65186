using System.Data;
using System.Data.Common;
using Starboard.DuckDb;
using Starboard.DuckDb.Native;

namespace Starboard.IntegrationTests.DuckDb;

public sealed class ConnectionTests
{
    [Theory]
    [InlineData("")]
    [InlineData(":memory:")]
    [InlineData("Data Source=:memory:")]
    [InlineData("DataSource=:memory:;threads=1")]
    public void Should_Open_Private_In_Memory_Database_When_Connection_String_Names_Memory(string connectionString)
    {
        // Given
        using var first = DuckDbTestHelpers.OpenInMemory(connectionString);
        using var second = DuckDbTestHelpers.OpenInMemory(connectionString);

        // When
        first.Exec("CREATE TABLE only_here(i INT)");

        // Then
        second.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'").ShouldBe(0);
        first.DataSource.ShouldBe(":memory:");
        first.Database.ShouldBe("memory");
    }

    [Fact]
    public void Should_Share_Named_In_Memory_Database_When_Names_Match()
    {
        // Given
        var name = $":memory:shared-{Guid.NewGuid():N}";
        using var first = DuckDbTestHelpers.OpenInMemory($"Data Source={name}");
        using var second = DuckDbTestHelpers.OpenInMemory($"Data Source={name}");

        // When
        first.Exec("CREATE TABLE shared(i INT); INSERT INTO shared VALUES (7)");

        // Then
        second.Scalar<int>("SELECT i FROM shared").ShouldBe(7);
    }

    [Fact]
    public void Should_Persist_Data_When_File_Database_Is_Reopened()
    {
        // Given
        using var file = new DuckDbTestHelpers.TempDatabaseFile();
        using (var writer = new DuckDbConnection($"Data Source={file.Path}"))
        {
            writer.Open();
            writer.Exec("CREATE TABLE kept(v VARCHAR); INSERT INTO kept VALUES ('persisted ✓')");
        }

        // When: a bare path is accepted as the data source too
        using var reader = new DuckDbConnection(file.Path);
        reader.Open();

        // Then
        reader.Scalar<string>("SELECT v FROM kept").ShouldBe("persisted ✓");
        reader.Database.ShouldBe("test");
    }

    [Fact]
    public void Should_Share_One_Instance_When_Two_Connections_Open_The_Same_File()
    {
        // Given
        using var file = new DuckDbTestHelpers.TempDatabaseFile();
        var key = Path.GetFullPath(file.Path);
        using var first = DuckDbTestHelpers.OpenInMemory($"Data Source={file.Path}");

        // When: a second duckdb_open of the file would fail on its lock; sharing the instance cannot
        using var second = DuckDbTestHelpers.OpenInMemory($"Data Source={file.Path}");
        first.Exec("CREATE TABLE seen(i INT); INSERT INTO seen VALUES (1)");

        // Then
        DatabaseRegistry.OpenCount(key).ShouldBe(2);
        second.Scalar<long>("SELECT count(*) FROM seen").ShouldBe(1);
        first.Close();
        DatabaseRegistry.OpenCount(key).ShouldBe(1);
        second.Close();
        DatabaseRegistry.OpenCount(key).ShouldBe(0);
    }

    [Fact]
    public void Should_Refuse_Writes_When_Opened_Read_Only()
    {
        // Given
        using var file = new DuckDbTestHelpers.TempDatabaseFile();
        using (var writer = DuckDbTestHelpers.OpenInMemory($"Data Source={file.Path}"))
        {
            writer.Exec("CREATE TABLE r(i INT); INSERT INTO r VALUES (1)");
        }

        using var readOnly = DuckDbTestHelpers.OpenInMemory($"Data Source={file.Path};ReadOnly=true");

        // When
        var error = Should.Throw<DuckDbException>(() => readOnly.Exec("INSERT INTO r VALUES (2)"));

        // Then
        error.Message.ShouldContain("read-only mode");
        readOnly.Scalar<long>("SELECT count(*) FROM r").ShouldBe(1);
        Should.Throw<DuckDbException>(() => DuckDbTestHelpers.OpenInMemory($"Data Source={file.Path}"))
            .Message.ShouldContain("different options");
    }

    [Fact]
    public void Should_Undo_Changes_When_Transaction_Is_Rolled_Back_Or_Disposed()
    {
        // Given
        using var connection = DuckDbTestHelpers.OpenInMemory();
        connection.Exec("CREATE TABLE t(i INT)");

        // When
        using (var transaction = connection.BeginTransaction())
        {
            connection.Exec("INSERT INTO t VALUES (1)");
            transaction.Commit();
        }

        using (var transaction = connection.BeginTransaction())
        {
            connection.Exec("INSERT INTO t VALUES (2)");
            transaction.Rollback();
        }

        using (connection.BeginTransaction())
        {
            connection.Exec("INSERT INTO t VALUES (3)");
        }

        // Then
        connection.Scalar<long>("SELECT sum(i) FROM t").ShouldBe(1);
        using var open = connection.BeginTransaction();
        Should.Throw<InvalidOperationException>(() => connection.BeginTransaction());
        open.IsolationLevel.ShouldBe(IsolationLevel.Snapshot);
    }

    [Fact]
    public void Should_Create_Working_Objects_When_Using_Provider_Factory()
    {
        // Given
        DbProviderFactory factory = DuckDbProviderFactory.Instance;
        using var connection = factory.CreateConnection()!;
        connection.ConnectionString = "Data Source=:memory:";
        connection.Open();
        using var command = factory.CreateCommand()!;
        command.Connection = connection;
        command.CommandText = "SELECT $1 * 2";
        var parameter = factory.CreateParameter()!;
        parameter.Value = 21;
        command.Parameters.Add(parameter);

        // When
        var result = command.ExecuteScalar();

        // Then
        result.ShouldBe(42);
        connection.GetType().ShouldBe(typeof(DuckDbConnection));
    }

    [Fact]
    public void Should_Not_Interfere_When_Connections_Are_Used_From_Several_Threads()
    {
        // Given
        var name = $":memory:threads-{Guid.NewGuid():N}";
        using var anchor = DuckDbTestHelpers.OpenInMemory($"Data Source={name}");
        anchor.Exec("CREATE TABLE hits(worker INT, n INT)");

        // When
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            using var connection = DuckDbTestHelpers.OpenInMemory($"Data Source={name}");
            for (var n = 0; n < 250; n++)
            {
                connection.Exec("INSERT INTO hits VALUES ($1, $2)", worker, n);
                connection.Scalar<long>("SELECT count(*) FROM hits WHERE worker = $1", worker).ShouldBe(n + 1);
            }
        });

        // Then
        anchor.Scalar<long>("SELECT count(*) FROM hits").ShouldBe(1000);
    }

    [Fact]
    public void Should_Load_Native_Library_From_Output_Folder_When_No_Override_Is_Set()
    {
        // Given
        using var connection = DuckDbTestHelpers.OpenInMemory();

        // When
        var loadedFrom = NativeLibraryResolver.LoadedFrom;

        // Then
        if (Environment.GetEnvironmentVariable(NativeLibraryResolver.EnvironmentVariable) is { Length: > 0 } overridePath)
        {
            loadedFrom.ShouldBe(overridePath);
        }
        else
        {
            Path.GetDirectoryName(loadedFrom).ShouldBe(Path.GetDirectoryName(typeof(DuckDbConnection).Assembly.Location));
        }

        connection.ServerVersion.ShouldStartWith("v1.");
    }

    [Fact]
    public void Should_Close_Open_Reader_When_Connection_Closes()
    {
        // Given
        var connection = DuckDbTestHelpers.OpenInMemory();
        var reader = new DuckDbCommand("SELECT * FROM range(100000)", connection).ExecuteReader();
        reader.Read();

        // When
        connection.Close();

        // Then
        reader.IsClosed.ShouldBeTrue();
        connection.State.ShouldBe(ConnectionState.Closed);
    }

    [Fact]
    public void Should_Close_Cleanly_When_Connection_Closes_Under_A_CloseConnection_Reader()
    {
        // Given
        var connection = DuckDbTestHelpers.OpenInMemory();
        var reader = new DuckDbCommand("SELECT 1", connection).ExecuteReader(CommandBehavior.CloseConnection);

        // When
        connection.Close();

        // Then
        reader.IsClosed.ShouldBeTrue();
        connection.State.ShouldBe(ConnectionState.Closed);
        connection.Open();
        connection.Scalar<int>("SELECT 2").ShouldBe(2);
        connection.Dispose();
    }
}
