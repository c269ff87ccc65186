using System.Text;
using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>The chunk appender writes values straight into DuckDB's vectors: each type exactly, nulls, many chunks.</summary>
public sealed class ChunkAppenderTests : IDisposable
{
    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Should_Store_Every_Supported_Type_Exactly()
    {
        // Given
        _connection.Exec("""
            CREATE TABLE t(b BOOLEAN, ti TINYINT, sm SMALLINT, i INTEGER, l BIGINT, f FLOAT, d DOUBLE, m DECIMAL(18,6),
                           m4 DECIMAL(4,1), m38 DECIMAL(38,10), s VARCHAR, j JSON, dt DATE, ts TIMESTAMP)
            """);
        var ts = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_234_560);
        const string text = "混合 text 👩‍👩‍👧‍👦 and a longer tail past twelve bytes";

        // When
        using (var a = _connection.CreateChunkAppender("t"))
        {
            a.AppendValue(true).AppendValue(-7L).AppendValue(short.MinValue).AppendValue(int.MaxValue).AppendValue(long.MinValue)
                .AppendValue(1.5).AppendValue(double.NaN).AppendValue(-123456789012.123456m).AppendValue(99.95m).AppendValue(-1234567890123456.0123456789m)
                .AppendValue(text).AppendUtf8("""{"a":[1,2]}"""u8).AppendValue(new DateOnly(1, 1, 1)).AppendValue(ts).EndRow();
            for (var c = 0; c < a.ColumnCount; c++)
                a.AppendNull();
            a.EndRow();
            a.AppendValue(false).AppendValue(127L).AppendValue(1L).AppendValue(2L).AppendValue(3L).AppendValue(4L).AppendValue(5L).AppendValue(6L)
                .AppendValue(7L).AppendValue(8L).AppendValue("").AppendValue("{}").AppendValue(new DateTime(2026, 3, 1, 23, 0, 0, DateTimeKind.Utc))
                .AppendValue(new DateOnly(2026, 3, 1)).EndRow();
        }

        // Then
        using var reader = new DuckDbCommand("SELECT * FROM t", _connection).ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetBoolean(0).ShouldBeTrue();
        reader.GetFieldValue<sbyte>(1).ShouldBe((sbyte)-7);
        reader.GetInt16(2).ShouldBe(short.MinValue);
        reader.GetInt32(3).ShouldBe(int.MaxValue);
        reader.GetInt64(4).ShouldBe(long.MinValue);
        reader.GetFloat(5).ShouldBe(1.5f);
        reader.GetDouble(6).ShouldBe(double.NaN);
        reader.GetDecimal(7).ShouldBe(-123456789012.123456m);
        reader.GetDecimal(8).ShouldBe(100.0m); // rounded half away from zero to the column's scale
        reader.GetDecimal(9).ShouldBe(-1234567890123456.0123456789m);
        reader.GetString(10).ShouldBe(text);
        reader.GetString(11).ShouldBe("""{"a":[1,2]}""");
        reader.GetFieldValue<DateOnly>(12).ShouldBe(new DateOnly(1, 1, 1));
        reader.GetDateTime(13).ShouldBe(ts);
        reader.Read().ShouldBeTrue();
        Enumerable.Range(0, reader.FieldCount).ShouldAllBe(i => reader.IsDBNull(i));
        reader.Read().ShouldBeTrue();
        reader.GetDecimal(7).ShouldBe(6m);
        reader.GetFieldValue<DateOnly>(12).ShouldBe(new DateOnly(2026, 3, 1));
        reader.GetDateTime(13).ShouldBe(new DateTime(2026, 3, 1, 0, 0, 0));
    }

    [Fact]
    public void Should_Append_Many_Chunks_With_Nulls_Anywhere()
    {
        _connection.Exec("CREATE TABLE t(id BIGINT, name VARCHAR)");
        using (var a = _connection.CreateChunkAppender("t"))
        {
            for (var i = 0; i < 10_000; i++)
            {
                a.AppendValue((long)i);
                if (i % 7 == 0)
                    a.AppendNull();
                else
                    a.AppendUtf8(Encoding.UTF8.GetBytes($"name-{i}"));
                a.EndRow();
            }
        }

        _connection.Scalar<long>("SELECT count(*) FROM t").ShouldBe(10_000);
        _connection.Scalar<long>("SELECT count(*) FROM t WHERE name IS NULL").ShouldBe(1429);
        _connection.Scalar<long>("SELECT count(*) FROM t WHERE name = 'name-' || id").ShouldBe(10_000 - 1429);
    }

    [Fact]
    public void Should_Refuse_What_It_Cannot_Store()
    {
        _connection.Exec("CREATE TABLE t(i INTEGER, m DECIMAL(4,1), s VARCHAR)");
        using var a = _connection.CreateChunkAppender("t");

        Should.Throw<InvalidCastException>(() => a.AppendValue(long.MaxValue)).Message.ShouldBe($"{long.MaxValue} does not fit column 0 (Integer).");
        Should.Throw<InvalidCastException>(() => a.AppendValue(1000m)).Message.ShouldBe("1000 does not fit column 1 (DECIMAL(4,1)).");
        Should.Throw<ArgumentException>(() => a.AppendUtf8([0x61, 0xFF])).Message.ShouldStartWith("Column 2 is given text that is not valid UTF-8.");
        Should.Throw<InvalidOperationException>(() => a.EndRow());
        _connection.Exec("CREATE TABLE u(id UUID)");
        Should.Throw<NotSupportedException>(() => _connection.CreateChunkAppender("u"));
    }
}
