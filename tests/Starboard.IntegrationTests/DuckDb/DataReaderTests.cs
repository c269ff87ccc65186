using System.Data;
using System.Numerics;
using Dapper;
using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>Reading DuckDB's types straight out of SQL literals, streaming, and mapping with Dapper.</summary>
public sealed class DataReaderTests : IDisposable
{
    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Should_Map_Every_Supported_Type_When_Reading_Literals()
    {
        // Given
        const string sql = """
            SELECT true AS b, -8::TINYINT AS i8, -16::SMALLINT AS i16, -32::INTEGER AS i32, -64::BIGINT AS i64,
                   8::UTINYINT AS u8, 16::USMALLINT AS u16, 32::UINTEGER AS u32, 18446744073709551615::UBIGINT AS u64,
                   (-170141183460469231731687303715884105727::HUGEINT - 1) AS huge, 1.5::REAL AS f, 2.25::DOUBLE AS d,
                   12.5::DECIMAL(4,1) AS dec16, 1234.5678::DECIMAL(9,4) AS dec32, -1.5::DECIMAL(18,1) AS dec64,
                   'short' AS s, 'a string longer than twelve bytes' AS long_s, '{"k": [1, 2]}'::JSON AS j,
                   '\xAA\xBB'::BLOB AS blob, DATE '2024-02-29' AS dt, TIME '13:14:15.123456' AS tm,
                   TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, TIMESTAMPTZ '2024-02-29 13:14:15.123456+00' AS tstz,
                   TIMESTAMP_S '2024-02-29 13:14:15' AS ts_s, TIMESTAMP_MS '2024-02-29 13:14:15.123' AS ts_ms,
                   TIMESTAMP_NS '2024-02-29 13:14:15.1234567' AS ts_ns, INTERVAL '1 day 2 hours' AS iv,
                   'fedcba98-7654-3210-fedc-ba9876543210'::UUID AS id, 'b'::ENUM('a', 'b') AS e
            """;
        using var command = new DuckDbCommand(sql, _connection);

        // When
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();

        // Then
        reader.GetBoolean(reader.GetOrdinal("b")).ShouldBeTrue();
        reader.GetValue(reader.GetOrdinal("i8")).ShouldBe((sbyte)-8);
        reader.GetInt16(reader.GetOrdinal("i16")).ShouldBe((short)-16);
        reader.GetInt32(reader.GetOrdinal("i32")).ShouldBe(-32);
        reader.GetInt64(reader.GetOrdinal("i64")).ShouldBe(-64L);
        reader.GetInt32(reader.GetOrdinal("u8")).ShouldBe(8);
        reader.GetValue(reader.GetOrdinal("u16")).ShouldBe((ushort)16);
        reader.GetInt64(reader.GetOrdinal("u32")).ShouldBe(32L);
        reader.GetValue(reader.GetOrdinal("u64")).ShouldBe(ulong.MaxValue);
        reader.GetFieldValue<Int128>(reader.GetOrdinal("huge")).ShouldBe(Int128.MinValue);
        reader.GetFieldValue<BigInteger>(reader.GetOrdinal("huge")).ShouldBe((BigInteger)Int128.MinValue);
        reader.GetFloat(reader.GetOrdinal("f")).ShouldBe(1.5f);
        reader.GetDouble(reader.GetOrdinal("d")).ShouldBe(2.25);
        reader.GetDecimal(reader.GetOrdinal("dec16")).ShouldBe(12.5m);
        reader.GetDecimal(reader.GetOrdinal("dec32")).ShouldBe(1234.5678m);
        reader.GetDecimal(reader.GetOrdinal("dec64")).ShouldBe(-1.5m);
        reader.GetString(reader.GetOrdinal("s")).ShouldBe("short");
        reader.GetString(reader.GetOrdinal("long_s")).ShouldBe("a string longer than twelve bytes");
        reader.GetString(reader.GetOrdinal("j")).ShouldBe("""{"k": [1, 2]}""");
        reader.GetDataTypeName(reader.GetOrdinal("j")).ShouldBe("JSON");
        reader.GetFieldValue<byte[]>(reader.GetOrdinal("blob")).ShouldBe(new byte[] { 0xAA, 0xBB });
        reader.GetDateTime(reader.GetOrdinal("dt")).ShouldBe(new DateTime(2024, 2, 29));
        reader.GetFieldValue<DateOnly>(reader.GetOrdinal("dt")).ShouldBe(new DateOnly(2024, 2, 29));
        reader.GetFieldValue<TimeOnly>(reader.GetOrdinal("tm")).ShouldBe(new TimeOnly(13, 14, 15, 123, 456));
        var expected = new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc).AddTicks(1_234_560);
        reader.GetDateTime(reader.GetOrdinal("ts")).ShouldBe(expected);
        reader.GetDateTime(reader.GetOrdinal("tstz")).ShouldBe(expected);
        reader.GetDateTime(reader.GetOrdinal("tstz")).Kind.ShouldBe(DateTimeKind.Utc);
        reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("tstz")).ShouldBe(new DateTimeOffset(expected));
        reader.GetDateTime(reader.GetOrdinal("ts_s")).ShouldBe(new DateTime(2024, 2, 29, 13, 14, 15));
        reader.GetDateTime(reader.GetOrdinal("ts_ms")).ShouldBe(new DateTime(2024, 2, 29, 13, 14, 15, 123));
        reader.GetDateTime(reader.GetOrdinal("ts_ns")).ShouldBe(new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1_234_567));
        reader.GetValue(reader.GetOrdinal("iv")).ShouldBe(TimeSpan.FromHours(26));
        reader.GetGuid(reader.GetOrdinal("id")).ShouldBe(Guid.Parse("fedcba98-7654-3210-fedc-ba9876543210"));
        reader.GetString(reader.GetOrdinal("e")).ShouldBe("b");
        reader.GetFieldType(reader.GetOrdinal("dec64")).ShouldBe(typeof(decimal));
        reader.GetFieldType(reader.GetOrdinal("ts")).ShouldBe(typeof(DateTime));
        reader.Read().ShouldBeFalse();
        reader.NextResult().ShouldBeFalse();
    }

    [Fact]
    public void Should_Throw_NotSupported_Naming_The_Type_When_Reading_A_List()
    {
        // Given
        using var command = new DuckDbCommand("SELECT [1, 2] AS l, {'a': 1} AS s, 7 AS fine", _connection);
        using var reader = command.ExecuteReader();
        reader.Read();

        // When
        var list = Should.Throw<NotSupportedException>(() => reader.GetValue(0));
        var structure = Should.Throw<NotSupportedException>(() => reader.GetValue(1));

        // Then: other columns of the row stay readable
        list.Message.ShouldContain("LIST");
        structure.Message.ShouldContain("STRUCT");
        reader.GetInt32(2).ShouldBe(7);
    }

    [Fact]
    public void Should_Stream_In_Many_Chunks_And_Sum_Correctly_When_Reading_A_Million_Rows()
    {
        // Given
        using var command = new DuckDbCommand("SELECT i, i::VARCHAR AS s FROM range(1000000) t(i)", _connection);

        // When
        using var reader = command.ExecuteReader();
        long sum = 0, rows = 0, textLength = 0;
        while (reader.Read())
        {
            sum += reader.GetInt64(0);
            textLength += reader.GetString(1).Length;
            rows++;
        }

        // Then
        rows.ShouldBe(1_000_000);
        sum.ShouldBe(499_999_500_000L);
        textLength.ShouldBe(5_888_890L);
        reader.ChunksRead.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Should_Report_Rows_When_Result_Has_Them()
    {
        using (var empty = new DuckDbCommand("SELECT 1 WHERE false", _connection).ExecuteReader())
        {
            empty.HasRows.ShouldBeFalse();
            empty.Read().ShouldBeFalse();
        }

        using var some = new DuckDbCommand("SELECT 1", _connection).ExecuteReader();
        some.HasRows.ShouldBeTrue();
    }

    [Fact]
    public void Should_Return_Last_Statement_Result_And_Total_Changes_When_Command_Has_Several_Statements()
    {
        // Given
        using var command = new DuckDbCommand(
            "CREATE TABLE m(i INT); INSERT INTO m SELECT * FROM range(5); UPDATE m SET i = i + 1 WHERE i < 2; SELECT sum(i) FROM m",
            _connection);

        // When
        using var reader = command.ExecuteReader();

        // Then
        reader.Read().ShouldBeTrue();
        reader.GetInt64(0).ShouldBe(12L);
        reader.RecordsAffected.ShouldBe(7);
    }

    [Fact]
    public void Should_Map_Rows_To_Records_When_Queried_With_Dapper()
    {
        // Given
        _connection.Exec("CREATE TABLE kpis(id BIGINT, name VARCHAR, amount DECIMAL(18,2), recorded_at TIMESTAMP, active BOOLEAN, score DOUBLE)");
        var at = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        _connection.Execute(
            "INSERT INTO kpis VALUES ($id, $name, $amount, $at, $active, $score)",
            new { id = 1L, name = "revenue", amount = 12.34m, at, active = true, score = (double?)0.5 });
        _connection.Execute(
            "INSERT INTO kpis VALUES ($id, $name, $amount, $at, $active, $score)",
            new { id = 2L, name = "orders 📦", amount = -1m, at, active = false, score = (double?)null });

        // When
        var rows = _connection.Query<KpiRow>(
            "SELECT id AS Id, name AS Name, amount AS Amount, recorded_at AS RecordedAt, active AS Active, score AS Score FROM kpis WHERE id >= $min ORDER BY id",
            new { min = 1 }).ToList();
        var count = _connection.ExecuteScalar<int>("SELECT count(*) FROM kpis");
        var names = _connection.Query<NamedKpi>("SELECT id, name FROM kpis ORDER BY id").ToList();

        // Then
        rows.ShouldBe([
            new KpiRow(1, "revenue", 12.34m, at, true, 0.5),
            new KpiRow(2, "orders 📦", -1.00m, at, false, null),
        ]);
        count.ShouldBe(2);
        names.Select(n => $"{n.Id}:{n.Name}").ShouldBe(["1:revenue", "2:orders 📦"]);
    }

    [Fact]
    public void Should_Close_Connection_When_Reader_Was_Opened_With_CloseConnection()
    {
        // Given
        using var connection = DuckDbTestHelpers.OpenInMemory();
        using var command = new DuckDbCommand("SELECT 1", connection);

        // When
        using (var reader = command.ExecuteReader(CommandBehavior.CloseConnection))
        {
            reader.Read();
        }

        // Then
        connection.State.ShouldBe(ConnectionState.Closed);
    }

    [Fact]
    public void Should_Refuse_Second_Command_When_A_Reader_Is_Open()
    {
        // Given
        using var reader = new DuckDbCommand("SELECT * FROM range(10)", _connection).ExecuteReader();

        // When
        var error = Should.Throw<InvalidOperationException>(() => _connection.Exec("SELECT 1"));

        // Then
        error.Message.ShouldContain("open DuckDbDataReader");
    }

    public sealed record KpiRow(long Id, string Name, decimal Amount, DateTime RecordedAt, bool Active, double? Score);

    public sealed class NamedKpi
    {
        public int Id { get; set; }

        public string Name { get; set; } = string.Empty;
    }
}
