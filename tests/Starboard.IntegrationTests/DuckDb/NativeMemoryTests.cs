using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>Runs alone: it measures the whole process's resident memory, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(NativeMemoryCollection), DisableParallelization = true)]
public sealed class NativeMemoryCollection;

[Collection(nameof(NativeMemoryCollection))]
public sealed class NativeMemoryTests(ITestOutputHelper output)
{
    private const int Iterations = 2_000;
    private const long AllowedGrowthBytes = 48L * 1024 * 1024;

    [Fact]
    public void Should_Keep_Resident_Memory_Flat_When_Opening_Querying_And_Closing_Repeatedly()
    {
        // Given: half the iterations create and destroy a whole database, half connect to a shared one
        var shared = $":memory:leak-{Guid.NewGuid():N}";
        using var anchor = DuckDbTestHelpers.OpenInMemory($"Data Source={shared}");
        anchor.Exec("CREATE TABLE facts AS SELECT i, 'row ' || i AS label FROM range(5000) t(i)");
        for (var i = 0; i < 200; i++)
        {
            RunOnce(i, shared);
        }

        var before = Settle();

        // When
        for (var i = 0; i < Iterations; i++)
        {
            RunOnce(i, shared);
        }

        var after = Settle();

        // Then
        output.WriteLine($"RSS before {before / 1024 / 1024} MiB, after {after / 1024 / 1024} MiB over {Iterations} iterations");
        (after - before).ShouldBeLessThan(AllowedGrowthBytes);
    }

    private static void RunOnce(int iteration, string shared)
    {
        using var connection = DuckDbTestHelpers.OpenInMemory(iteration % 2 == 0 ? string.Empty : $"Data Source={shared}");

        // prepared statement + bound parameters + streamed reader over several chunks
        using (var command = new DuckDbCommand("SELECT i, label, $1::DECIMAL(18,2) AS d, $2 AS s FROM range(5000) t(i) CROSS JOIN (SELECT 'x' AS label)", connection))
        {
            command.Parameters.AddPositional(12.5m);
            command.Parameters.AddPositional("text longer than twelve bytes");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ = reader.GetString(1);
                _ = reader.GetDecimal(2);
            }
        }

        // a reader abandoned half way, a failing statement, an appender and a transaction
        using (var partial = new DuckDbCommand("SELECT * FROM range(100000)", connection).ExecuteReader())
        {
            partial.Read();
        }

        try
        {
            connection.Exec("SELECT * FROM missing_table");
        }
        catch (DuckDbException)
        {
        }

        connection.Exec("CREATE TEMP TABLE scratch(i INT, s VARCHAR)");
        using (var appender = connection.CreateAppender("scratch"))
        {
            for (var i = 0; i < 100; i++)
            {
                appender.AppendValue(i).AppendValue("appended value " + i).EndRow();
            }
        }

        using var transaction = connection.BeginTransaction();
        connection.Exec("INSERT INTO scratch VALUES ($1, $2)", 1, "in transaction");
        transaction.Rollback();
    }

    private static long Settle()
    {
        // Managed garbage is not what we measure; collect it so RSS reflects native allocations.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return DuckDbTestHelpers.ResidentBytes();
    }
}
