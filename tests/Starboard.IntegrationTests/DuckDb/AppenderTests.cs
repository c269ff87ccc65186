using System.Globalization;
using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

public sealed class AppenderTests : IDisposable
{
    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Should_Store_Every_Value_Exactly_When_Appended()
    {
        // Given
        _connection.Exec("""
            CREATE TABLE everything(
                b BOOLEAN, i INTEGER, l BIGINT, d DOUBLE, m DECIMAL(38,8), m2 DECIMAL(9,2), s VARCHAR,
                ts TIMESTAMP, dt DATE, blob BLOB, id UUID, sm SMALLINT)
            """);
        var guid = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef", CultureInfo.InvariantCulture);
        var ts = new DateTime(1901, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1_234_560);
        var text = "混合 text 👩‍👩‍👧‍👦 e\u0301 שלום " + new string('x', 5000);

        // When
        using (var appender = _connection.CreateAppender("everything"))
        {
            appender.AppendValue(true).AppendValue(int.MinValue).AppendValue(long.MaxValue).AppendValue(double.NaN)
                .AppendValue(-123456789012345678901.12345678m).AppendValue(-1234567.89m).AppendValue(text)
                .AppendValue(ts).AppendValue(new DateOnly(1969, 12, 31)).AppendValue(new byte[] { 0, 1, 255 })
                .AppendValue(guid).AppendValue((short)-7).EndRow();
            appender.AppendValue(false).AppendValue(int.MaxValue).AppendValue(long.MinValue).AppendValue(double.NegativeInfinity)
                .AppendValue(0.00000001m).AppendValue(0m).AppendValue("abcdefghijkl")
                .AppendValue(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc)).AppendValue(new DateOnly(9999, 12, 31))
                .AppendValue(Array.Empty<byte>()).AppendValue(Guid.Empty).AppendValue(short.MaxValue).EndRow();
            for (var column = 0; column < appender.ColumnCount; column++)
            {
                appender.AppendNull();
            }

            appender.EndRow();
        }

        // Then
        using var reader = new DuckDbCommand("SELECT * FROM everything", _connection).ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetBoolean(0).ShouldBeTrue();
        reader.GetInt32(1).ShouldBe(int.MinValue);
        reader.GetInt64(2).ShouldBe(long.MaxValue);
        reader.GetDouble(3).ShouldBe(double.NaN);
        reader.GetDecimal(4).ShouldBe(-123456789012345678901.12345678m);
        reader.GetDecimal(5).ShouldBe(-1234567.89m);
        reader.GetString(6).ShouldBe(text);
        reader.GetDateTime(7).ShouldBe(ts);
        reader.GetFieldValue<DateOnly>(8).ShouldBe(new DateOnly(1969, 12, 31));
        reader.GetFieldValue<byte[]>(9).ShouldBe(new byte[] { 0, 1, 255 });
        reader.GetGuid(10).ShouldBe(guid);
        reader.GetInt16(11).ShouldBe((short)-7);

        reader.Read().ShouldBeTrue();
        reader.GetBoolean(0).ShouldBeFalse();
        reader.GetInt32(1).ShouldBe(int.MaxValue);
        reader.GetInt64(2).ShouldBe(long.MinValue);
        reader.GetDouble(3).ShouldBe(double.NegativeInfinity);
        reader.GetDecimal(4).ShouldBe(0.00000001m);
        reader.GetDecimal(5).ShouldBe(0m);
        reader.GetString(6).ShouldBe("abcdefghijkl");
        reader.GetDateTime(7).ShouldBe(new DateTime(9999, 12, 31, 23, 59, 59));
        reader.GetFieldValue<DateOnly>(8).ShouldBe(new DateOnly(9999, 12, 31));
        reader.GetFieldValue<byte[]>(9).ShouldBeEmpty();
        reader.GetGuid(10).ShouldBe(Guid.Empty);
        reader.GetInt16(11).ShouldBe(short.MaxValue);

        reader.Read().ShouldBeTrue();
        Enumerable.Range(0, reader.FieldCount).ShouldAllBe(i => reader.IsDBNull(i));
        reader.Read().ShouldBeFalse();
    }

    [Theory]
    [InlineData("DECIMAL(4,2)", "-12.34")]
    [InlineData("DECIMAL(9,4)", "-99999.9999")]
    [InlineData("DECIMAL(18,6)", "123456789012.123456")]
    [InlineData("DECIMAL(38,8)", "123456789012345678901.12345678")]
    [InlineData("DECIMAL(38,8)", "-123456789012345678901.12345678")]
    [InlineData("DECIMAL(38,8)", "-0.00000001")]
    [InlineData("DECIMAL(38,0)", "-79228162514264337593543950335")]
    public void Should_Store_Exact_Decimal_When_Appended(string sqlType, string text)
    {
        // Given
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        _connection.Exec($"CREATE TABLE d(v {sqlType})");

        // When
        using (var appender = _connection.CreateAppender("d"))
        {
            appender.AppendValue(value).EndRow();
        }

        // Then
        var stored = _connection.Scalar<decimal>("SELECT v FROM d");
        stored.ShouldBe(value);
        stored.ToString(CultureInfo.InvariantCulture).ShouldBe(_connection.Scalar<string>("SELECT v::VARCHAR FROM d"));
    }

    [Theory]
    [MemberData(nameof(ParameterRoundTripTests.Texts), MemberType = typeof(ParameterRoundTripTests))]
    public void Should_Store_Same_Text_When_Appended(string text)
    {
        // Given
        _connection.Exec("CREATE TABLE t(v VARCHAR, big VARCHAR)");
        var big = string.Concat(Enumerable.Repeat(text + "|1MB|", (1 << 20) / (text.Length + 5)));

        // When
        using (var appender = _connection.CreateAppender("t"))
        {
            appender.AppendValue(text).AppendValue(big).EndRow();
        }

        // Then
        _connection.Scalar<string>("SELECT v FROM t").ShouldBe(text);
        _connection.Scalar<string>("SELECT big FROM t").ShouldBe(big);
    }

    [Fact]
    public void Should_Insert_A_Million_Rows_With_Correct_Sums_When_Appending()
    {
        // Given
        _connection.Exec("CREATE TABLE events(id BIGINT, kind VARCHAR, amount DECIMAL(18,2), happened_at TIMESTAMP, ok BOOLEAN)");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] kinds = ["view", "click", "purchase-with-a-long-name"];

        // When
        using (var appender = _connection.CreateAppender("main", "events"))
        {
            for (var i = 0L; i < 1_000_000; i++)
            {
                appender.AppendValue(i).AppendValue(kinds[i % 3]).AppendValue((i % 1000) / 100m)
                    .AppendValue(start.AddSeconds(i)).AppendValue(i % 2 == 0).EndRow();
            }
        }

        // Then
        _connection.Scalar<long>("SELECT count(*) FROM events").ShouldBe(1_000_000);
        _connection.Scalar<decimal>("SELECT sum(id)::DECIMAL(38,0) FROM events").ShouldBe(499_999_500_000m);
        _connection.Scalar<decimal>("SELECT sum(amount) FROM events").ShouldBe(4_995_000m);
        _connection.Scalar<long>("SELECT count(*) FROM events WHERE kind = 'purchase-with-a-long-name'").ShouldBe(333_333);
        _connection.Scalar<long>("SELECT count(*) FROM events WHERE ok").ShouldBe(500_000);
        _connection.Scalar<DateTime>("SELECT max(happened_at) FROM events").ShouldBe(start.AddSeconds(999_999));
    }

    [Fact]
    public void Should_Throw_DuckDbException_When_Row_Has_Too_Few_Values()
    {
        // Given
        _connection.Exec("CREATE TABLE pairs(a INT, b INT)");
        using var appender = _connection.CreateAppender("pairs");

        // When
        var error = Should.Throw<DuckDbException>(() => appender.AppendValue(1).EndRow());

        // Then
        error.Message.ShouldContain("EndRow before all columns have been appended");
    }

    [Fact]
    public void Should_Throw_DuckDbException_When_Row_Has_Too_Many_Values()
    {
        // Given
        _connection.Exec("CREATE TABLE pairs(a INT, b INT)");
        var appender = _connection.CreateAppender("pairs");

        // When
        var error = Should.Throw<DuckDbException>(() => appender.AppendValue(1).AppendValue(2).AppendValue(3).EndRow());

        // Then: DuckDB will not flush a half-appended row either, and still frees the appender
        error.Message.ShouldNotBeNullOrWhiteSpace();
        Should.Throw<DuckDbException>(appender.Dispose).Message.ShouldContain("incomplete append to row");
        Should.Throw<ObjectDisposedException>(() => appender.AppendValue(1));
    }

    [Fact]
    public void Should_Throw_DuckDbException_When_Not_Null_Column_Gets_Null()
    {
        // Given
        _connection.Exec("CREATE TABLE required(a INT NOT NULL, b VARCHAR)");
        var appender = _connection.CreateAppender("required");
        appender.AppendNull().AppendValue("x").EndRow();

        // When
        var error = Should.Throw<DuckDbException>(appender.Dispose);

        // Then: reported, the native appender is gone, and the connection still works
        error.Message.ShouldContain("NOT NULL constraint failed");
        Should.Throw<ObjectDisposedException>(() => appender.AppendValue(1));
        _connection.Scalar<long>("SELECT count(*) FROM required").ShouldBe(0);
    }

    [Fact]
    public void Should_Throw_DuckDbException_When_Table_Does_Not_Exist()
    {
        var error = Should.Throw<DuckDbException>(() => _connection.CreateAppender("nope"));

        error.Message.ShouldContain("nope");
    }

    [Fact]
    public void Should_Make_Rows_Visible_When_Flushed()
    {
        // Given
        _connection.Exec("CREATE TABLE f(a INT)");
        using var appender = _connection.CreateAppender("f");
        appender.AppendValue(1).EndRow();

        // When
        appender.Flush();

        // Then
        _connection.Scalar<long>("SELECT count(*) FROM f").ShouldBe(1);
    }
}
