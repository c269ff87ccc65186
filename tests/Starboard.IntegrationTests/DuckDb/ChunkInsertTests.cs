using System.Collections.Concurrent;
using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>
/// InsertChunks: DuckDB pulls rows from a .NET callback on its own threads. Every row lands exactly once, every type
/// exactly, on several threads at once; a failing callback fails the statement with its own exception and leaves
/// nothing behind; the insert joins the connection's transaction; the order setting it changes is put back.
/// </summary>
public sealed class ChunkInsertTests : IDisposable
{
    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Should_Insert_Every_Row_Once_On_Several_Threads()
    {
        // Given
        _connection.Exec("SET threads = 2");
        _connection.Exec("CREATE TABLE t(id BIGINT, name VARCHAR, half BOOLEAN)");
        const int total = 100_000;
        var next = 0;
        var threads = new ConcurrentDictionary<int, bool>();

        // When
        var inserted = _connection.InsertChunks("t", chunk =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            Thread.Sleep(1); // keeps a call busy long enough that DuckDB's other thread takes the next chunk
            var start = Interlocked.Add(ref next, 1000) - 1000;
            for (var id = start; id < Math.Min(total, start + 1000); id++)
                chunk.AppendValue((long)id).AppendValue(id % 7 == 0 ? null : $"name {id} ✓").AppendValue(id % 2 == 0).EndRow();
            return chunk.RowCount > 0;
        });

        // Then
        inserted.ShouldBe(total);
        _connection.Scalar<long>("SELECT count(DISTINCT id) FROM t").ShouldBe(total);
        _connection.Scalar<long>("SELECT sum(id) FROM t").ShouldBe((long)total * (total - 1) / 2);
        _connection.Scalar<long>("SELECT count(*) FROM t WHERE name IS NULL").ShouldBe((total + 6) / 7);
        _connection.Scalar<string>("SELECT name FROM t WHERE id = 99998").ShouldBe("name 99998 ✓");
        _connection.Scalar<long>("SELECT count(*) FROM t WHERE half").ShouldBe(total / 2);
        threads.Count.ShouldBeGreaterThan(1, "DuckDB should call the source from more than one thread");
    }

    [Fact]
    public void Should_Store_Every_Supported_Type_Exactly()
    {
        // Given
        _connection.Exec("CREATE TABLE t(b BOOLEAN, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(18,6), s VARCHAR, j JSON, dt DATE, ts TIMESTAMP)");
        var ts = new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc).AddTicks(1_234_560);
        var done = 0;

        // When
        _connection.InsertChunks("t", chunk =>
        {
            if (Interlocked.Exchange(ref done, 1) == 1)
                return false;
            chunk.AppendValue(true).AppendValue(-7L).AppendValue(long.MaxValue).AppendValue(2.5).AppendValue(-12.345678m)
                .AppendValue("混合 👩‍👩‍👧 text").AppendUtf8("""{"k":[1]}"""u8).AppendValue(new DateOnly(1999, 12, 31)).AppendValue(ts).EndRow();
            for (var c = 0; c < chunk.ColumnCount; c++)
                chunk.AppendNull();
            chunk.EndRow();
            return true;
        });

        // Then
        using var reader = new DuckDbCommand("SELECT * FROM t ORDER BY b NULLS LAST", _connection).ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetBoolean(0).ShouldBeTrue();
        reader.GetInt32(1).ShouldBe(-7);
        reader.GetInt64(2).ShouldBe(long.MaxValue);
        reader.GetDouble(3).ShouldBe(2.5);
        reader.GetDecimal(4).ShouldBe(-12.345678m);
        reader.GetString(5).ShouldBe("混合 👩‍👩‍👧 text");
        reader.GetString(6).ShouldBe("""{"k":[1]}""");
        reader.GetFieldValue<DateOnly>(7).ShouldBe(new DateOnly(1999, 12, 31));
        reader.GetDateTime(8).ShouldBe(ts);
        reader.Read().ShouldBeTrue();
        Enumerable.Range(0, reader.FieldCount).ShouldAllBe(i => reader.IsDBNull(i));
        reader.Read().ShouldBeFalse();
    }

    [Fact]
    public void Should_Fail_With_The_Callbacks_Exception_And_Insert_Nothing()
    {
        // Given
        _connection.Exec("CREATE TABLE t(id BIGINT)");
        var calls = 0;

        // When
        var error = Should.Throw<FormatException>(() => _connection.InsertChunks("t", chunk =>
        {
            if (Interlocked.Increment(ref calls) > 3)
                throw new FormatException("line 7: not a number");
            chunk.AppendValue(1L).EndRow();
            return true;
        }));

        // Then
        error.Message.ShouldBe("line 7: not a number");
        _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(0);
        _connection.Scalar<bool>("SELECT CAST(current_setting('preserve_insertion_order') AS BOOLEAN)").ShouldBeTrue();
        _connection.Exec("INSERT INTO t VALUES (1)").ShouldBe(1);
    }

    [Fact]
    public void Should_Refuse_A_Chunk_Overfilled_Or_Claimed_Without_Rows()
    {
        // Given
        _connection.Exec("CREATE TABLE t(id BIGINT)");

        // When
        var overfilled = Should.Throw<InvalidOperationException>(() => _connection.InsertChunks("t", chunk =>
        {
            for (var i = 0; i <= chunk.Capacity; i++)
                chunk.AppendValue((long)i).EndRow();
            return true;
        }));
        var empty = Should.Throw<InvalidOperationException>(() => _connection.InsertChunks("t", _ => true));

        // Then
        overfilled.Message.ShouldContain("full");
        empty.Message.ShouldContain("without writing a row");
        _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(0);
    }

    [Fact]
    public void Should_Join_The_Transaction_And_Roll_Back_With_It()
    {
        // Given
        _connection.Exec("CREATE TABLE t(id BIGINT)");
        var done = 0;

        // When
        using (var transaction = _connection.BeginTransaction())
        {
            _connection.InsertChunks("t", chunk =>
            {
                if (Interlocked.Exchange(ref done, 1) == 1)
                    return false;
                chunk.AppendValue(42L).EndRow();
                return true;
            }).ShouldBe(1);
            _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(1);
            transaction.Rollback();
        }

        // Then
        _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(0);
    }

    [Fact]
    public void Should_Name_A_Missing_Table()
    {
        var error = Should.Throw<DuckDbException>(() => _connection.InsertChunks("nope", _ => false));
        error.Message.ShouldContain("nope");
    }

    [Fact]
    public void Should_Put_Back_The_Memory_Limit_After_Loading_Into_A_File()
    {
        // Given a database file with a generous memory limit
        var folder = Directory.CreateTempSubdirectory("starboard-chunks-").FullName;
        try
        {
            using (var file = DuckDbTestHelpers.OpenInMemory($"Data Source={Path.Combine(folder, "w.duckdb")}"))
            {
                file.Exec("SET memory_limit = '3GiB'");
                file.Exec("CREATE TABLE t(id BIGINT)");

                // When rows are loaded through chunks
                var next = 0;
                file.InsertChunks("t", chunk =>
                {
                    var start = Interlocked.Add(ref next, 1000) - 1000;
                    for (var id = start; id < Math.Min(300_000, start + 1000); id++)
                        chunk.AppendValue((long)id).EndRow();
                    return chunk.RowCount > 0;
                }).ShouldBe(300_000);

                // Then every row landed and the limit is as it was
                file.Scalar<long>("SELECT count(DISTINCT id) FROM t").ShouldBe(300_000);
                file.Scalar<string>("SELECT current_setting('memory_limit')").ShouldBe("3.0 GiB");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Should_Insert_After_A_Reader_Was_Closed_Before_Its_End()
    {
        // Given a query read only in part (its transaction still open in DuckDB), outside any transaction
        _connection.Exec("CREATE TABLE t(id BIGINT)");
        using (var reader = new DuckDbCommand("SELECT * FROM range(10000)", _connection).ExecuteReader())
            reader.Read().ShouldBeTrue();

        // When rows are inserted through chunks
        var done = 0;
        _connection.InsertChunks("t", chunk => Interlocked.Exchange(ref done, 1) == 0 && chunk.AppendValue(7L).EndRow().RowCount > 0).ShouldBe(1);

        // Then the function was found and the row is there (the insert committed)
        _connection.Scalar<long>("SELECT sum(id) FROM t").ShouldBe(7);
    }

    [Fact]
    public void Should_Hold_The_Memory_Limit_For_A_Whole_Load_And_Put_It_Back()
    {
        // Given a database file with a generous memory limit
        var folder = Directory.CreateTempSubdirectory("starboard-chunks-").FullName;
        try
        {
            using var file = DuckDbTestHelpers.OpenInMemory($"Data Source={Path.Combine(folder, "w.duckdb")}");
            file.Exec("SET memory_limit = '3GiB'; SET threads = 2");
            file.Exec("CREATE TABLE t(id BIGINT)");

            // When a load session runs two inserts and a query between them
            string during, between;
            using (file.LimitMemoryForBulkLoad())
            {
                using (file.LimitMemoryForBulkLoad()) // a nested session changes nothing
                    during = file.Scalar<string>("SELECT current_setting('memory_limit')");
                var done = 0;
                file.InsertChunks("t", chunk => Interlocked.Exchange(ref done, 1) == 0 && chunk.AppendValue(1L).EndRow().RowCount > 0);
                between = file.Scalar<string>("SELECT current_setting('memory_limit')");
            }

            // Then the limit was (threads + 1) × 64 MiB throughout, and is back afterwards
            during.ShouldBe("192.0 MiB");
            between.ShouldBe("192.0 MiB");
            file.Scalar<string>("SELECT current_setting('memory_limit')").ShouldBe("3.0 GiB");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Column-at-a-time fills of an inserted chunk: every column kind, nulls, and what is refused.</summary>
public sealed class ChunkColumnTests : IDisposable
{
    private static readonly DateTime BeforeEpoch = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_234_565);

    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Should_Store_Whole_Columns_Exactly()
    {
        // Given
        _connection.Exec("CREATE TABLE t(id BIGINT, ok BOOLEAN, ts TIMESTAMP, d DATE, m DECIMAL(18,2), s VARCHAR)");
        var ts = new DateTime(2026, 10, 25, 0, 59, 59, DateTimeKind.Utc).AddTicks(9_990);
        var text = "ab€😀"u8.ToArray();
        var done = 0;

        // When
        _connection.InsertChunks("t", chunk =>
        {
            if (Interlocked.Exchange(ref done, 1) == 1)
                return false;
            bool[] nulls = [false, true, false];
            chunk.SetInt64Column(0, [1, 2, 3], nulls);
            chunk.SetInt64Column(1, [1, 0, 0], nulls);
            chunk.SetTimestampTicksColumn(2, [ts.Ticks, 0, BeforeEpoch.Ticks], nulls);
            chunk.SetDayNumberColumn(3, [new DateOnly(2024, 2, 29).DayNumber, 0, new DateOnly(1, 1, 1).DayNumber], nulls);
            chunk.SetDecimalColumn(4, [12.345m, 0m, -0.005m], nulls);
            chunk.SetValidatedUtf8Column(5, text, [0, 0, 2], [2, 0, text.Length - 2], nulls);
            chunk.SetRowCount(3);
            return true;
        }).ShouldBe(3);

        // Then
        using var reader = new DuckDbCommand("SELECT * FROM t ORDER BY id NULLS LAST", _connection).ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(1);
        reader.GetBoolean(1).ShouldBeTrue();
        reader.GetDateTime(2).ShouldBe(ts.AddTicks(-(ts.Ticks % 10)));
        reader.GetFieldValue<DateOnly>(3).ShouldBe(new DateOnly(2024, 2, 29));
        reader.GetDecimal(4).ShouldBe(12.35m);
        reader.GetString(5).ShouldBe("ab");
        reader.Read().ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(3);
        reader.GetBoolean(1).ShouldBeFalse();
        reader.GetDateTime(2).ShouldBe(BeforeEpoch.AddTicks(-5)); // floored to the microsecond, as AppendValue stores it
        reader.GetFieldValue<DateOnly>(3).ShouldBe(new DateOnly(1, 1, 1));
        reader.GetDecimal(4).ShouldBe(-0.01m);
        reader.GetString(5).ShouldBe("€😀");
        reader.Read().ShouldBeTrue();
        Enumerable.Range(0, reader.FieldCount).ShouldAllBe(i => reader.IsDBNull(i));
        reader.Read().ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("u-123456789")]
    [InlineData("u-1234567890")]
    [InlineData("u-12345678901")]
    [InlineData("s-1234-56789-€")]
    public void Should_Write_Strings_That_Compare_And_Group_Like_Duckdbs_Own(string value)
    {
        // Given: strings of up to 12 bytes are written into the vector element itself, longer ones through DuckDB's heap
        _connection.Exec("CREATE TABLE t(s VARCHAR); SET threads = 1");
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        var garbage = "zzzzzzzzzzzzzzzzzzzzzzzz"u8.ToArray();
        var calls = 0;

        // When: written into a chunk whose elements held 12 bytes before (DuckDB reuses it), then made by SQL
        _connection.InsertChunks("t", chunk =>
        {
            switch (calls++)
            {
                case 0:
                    chunk.SetValidatedUtf8Column(0, garbage, [0, 0], [12, 24], [false, false]);
                    break;
                case 1:
                    chunk.SetValidatedUtf8Column(0, [.. garbage, .. bytes], [garbage.Length, garbage.Length], [bytes.Length, bytes.Length], [false, false]);
                    break;
                default:
                    return false;
            }
            chunk.SetRowCount(2);
            return true;
        }).ShouldBe(4);
        using (var insert = new DuckDbCommand("INSERT INTO t VALUES ($v)", _connection))
        {
            insert.Parameters.Add(new DuckDbParameter("v", value));
            insert.ExecuteNonQuery();
        }

        // Then: one group of three, equal to the literal, hashing alike in a join
        using var command = new DuckDbCommand(
            "SELECT count(*), count(DISTINCT s), min(length(s)), (SELECT count(*) FROM t a JOIN t b USING (s) WHERE a.s = $v) FROM t WHERE s = $v GROUP BY s", _connection);
        command.Parameters.Add(new DuckDbParameter("v", value));
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(3);
        reader.GetInt64(1).ShouldBe(1);
        reader.GetInt64(2).ShouldBe(value.Length);
        reader.GetInt64(3).ShouldBe(9);
        reader.Read().ShouldBeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9 << 20)] // past the size that goes into the heap in one piece
    public void Should_Store_Short_Long_And_Null_Values_Of_A_Column_Exactly(int longLength)
    {
        // Given: a column mixing inline values, values for the string heap and nulls, in every order
        _connection.Exec("CREATE TABLE t(i BIGINT, s VARCHAR)");
        string?[] values =
        [
            "short", null, "twenty bytes exactly", "thirteen byte", "", "ünïcödé long enough to go to the heap 😀",
            new string('x', longLength), null, "x", new string('y', Math.Max(13, longLength)),
        ];
        var text = new List<byte>();
        var starts = new int[values.Length];
        var lengths = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(values[i] ?? "");
            (starts[i], lengths[i]) = (text.Count, bytes.Length);
            text.AddRange(bytes);
        }
        var done = 0;

        // When
        _connection.InsertChunks("t", chunk =>
        {
            if (Interlocked.Exchange(ref done, 1) == 1)
                return false;
            chunk.SetInt64Column(0, [.. Enumerable.Range(0, values.Length).Select(i => (long)i)], new bool[values.Length]);
            chunk.SetValidatedUtf8Column(1, text.ToArray(), starts, lengths, [.. values.Select(v => v is null)]);
            chunk.SetRowCount(values.Length);
            return true;
        }).ShouldBe(values.Length);

        // Then
        using var reader = new DuckDbCommand("SELECT s FROM t ORDER BY i", _connection).ExecuteReader();
        foreach (var value in values)
        {
            reader.Read().ShouldBeTrue();
            (reader.IsDBNull(0) ? null : reader.GetString(0)).ShouldBe(value);
        }
    }

    [Fact]
    public void Should_Write_A_Short_String_As_Duckdb_Does_Whatever_The_Element_Held()
    {
        // DuckDB compares inline strings as two 8-byte words, so the bytes after the string must be zero.
        var element = "zzzzzzzzzzzzzzzz"u8.ToArray();

        Starboard.DuckDb.Native.DuckDbStringT.TryWriteInline(element, "ab"u8).ShouldBeTrue();
        Starboard.DuckDb.Native.DuckDbStringT.TryWriteInline(element, "0123456789abc"u8).ShouldBeFalse();

        element.ShouldBe(new byte[] { 2, 0, 0, 0, (byte)'a', (byte)'b', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
    }

    [Fact]
    public void Should_Refuse_A_Wrong_Type_A_Bad_Slice_And_A_Chunk_Already_Written()
    {
        // Given
        _connection.Exec("CREATE TABLE t(id BIGINT, s VARCHAR)");

        // When
        Exception Run(Action<DuckDbChunkWriter> fill) => Should.Throw<Exception>(() => _connection.InsertChunks("t", chunk =>
        {
            fill(chunk);
            return false;
        }));

        // Then
        Run(c => c.SetTimestampTicksColumn(0, [1], [false])).ShouldBeOfType<InvalidCastException>();
        Run(c => c.SetValidatedUtf8Column(1, "abc"u8, [2], [5], [false])).ShouldBeOfType<ArgumentOutOfRangeException>();
        Run(c => c.SetInt64Column(0, [1, 2], [false])).ShouldBeOfType<ArgumentOutOfRangeException>();
        Run(c =>
        {
            c.AppendValue(1L).AppendValue("x").EndRow();
            c.SetInt64Column(0, [1], [false]);
        }).ShouldBeOfType<InvalidOperationException>();
        _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(0);
    }

    [Theory]
    [InlineData("19.2 GiB", 2, false, 192L << 20)]
    [InlineData("19.2 GiB", 2, true, null)]
    [InlineData("128.0 MiB", 2, false, null)]
    [InlineData("8.0 GB", 7, false, 512L << 20)]
    [InlineData("unlimited", 2, false, null)]
    public void Should_Lower_The_Memory_Limit_Of_A_Load_Only_Into_A_File_And_Never_Raise_It(string current, long threads, bool inMemory, long? expected) =>
        BulkLoadMemory.InsertMemoryLimit(current, threads, inMemory).ShouldBe(expected);
}
