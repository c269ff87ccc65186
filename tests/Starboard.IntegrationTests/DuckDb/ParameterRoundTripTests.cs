using System.Globalization;
using Starboard.DuckDb;

namespace Starboard.IntegrationTests.DuckDb;

/// <summary>Values bound as parameters, stored in a typed column and read back must come back unchanged.</summary>
public sealed class ParameterRoundTripTests : IDisposable
{
    private readonly DuckDbConnection _connection = DuckDbTestHelpers.OpenInMemory();

    public void Dispose() => _connection.Dispose();

    public static TheoryData<string> Texts => new()
    {
        string.Empty,
        "plain ascii",
        "漢字とかなカナ、中文，한국어",
        "emoji 👩‍👩‍👧‍👦🚀🏳️‍🌈",
        "combining e\u0301 a\u0308 Z\u0351\u0352",
        "RTL مرحبا بالعالم שלום עולם",
        "abcdefghijkl",      // exactly 12 bytes: the longest inlined duckdb_string_t
        "abcdefghijklm",     // 13 bytes: the shortest pointer string
        "ééééé\u00e9",       // 12 bytes of 2-byte characters
        "😀😀😀",            // 12 bytes of 4-byte characters
        "😀😀😀x",           // 13 bytes
        "tab\tnewline\nquote'\"backslash\\",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Should_Return_Same_Text_When_Varchar_Bound_As_Parameter(string text)
    {
        // Given / When
        var stored = RoundTrip("VARCHAR", text);

        // Then
        stored.ShouldBe(text);
        _connection.Scalar<long>("SELECT strlen(v) FROM rt").ShouldBe(System.Text.Encoding.UTF8.GetByteCount(text));
    }

    [Fact]
    public void Should_Return_Same_Text_When_String_Is_One_Megabyte()
    {
        // Given
        var text = string.Concat(Enumerable.Repeat("0123456789abcdef漢😀", 1 << 16));

        // When
        var stored = RoundTrip("VARCHAR", text);

        // Then
        stored.Length.ShouldBe(text.Length);
        stored.ShouldBe(text);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Should_Return_Same_Bigint_When_Bound_As_Parameter(long value) => RoundTrip("BIGINT", value).ShouldBe(value);

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Should_Return_Same_Integer_When_Bound_As_Parameter(int value) => RoundTrip("INTEGER", value).ShouldBe(value);

    [Fact]
    public void Should_Return_Same_Small_Integers_When_Bound_As_Parameters()
    {
        RoundTrip("SMALLINT", short.MinValue).ShouldBe(short.MinValue);
        RoundTrip("TINYINT", sbyte.MinValue).ShouldBe(sbyte.MinValue);
        RoundTrip("UTINYINT", byte.MaxValue).ShouldBe(byte.MaxValue);
        RoundTrip("UBIGINT", ulong.MaxValue).ShouldBe(ulong.MaxValue);
        RoundTrip("HUGEINT", Int128.MinValue).ShouldBe(Int128.MinValue);
    }

    [Theory]
    [InlineData("DECIMAL(4,2)", "-12.34")]
    [InlineData("DECIMAL(4,2)", "99.99")]
    [InlineData("DECIMAL(9,4)", "-99999.9999")]
    [InlineData("DECIMAL(18,6)", "123456789012.123456")]
    [InlineData("DECIMAL(18,6)", "-0.000001")]
    [InlineData("DECIMAL(38,8)", "123456789012345678901.12345678")]
    [InlineData("DECIMAL(38,8)", "-123456789012345678901.12345678")]
    [InlineData("DECIMAL(38,8)", "0.00000001")]
    [InlineData("DECIMAL(38,0)", "79228162514264337593543950335")]
    [InlineData("DECIMAL(38,10)", "0")]
    public void Should_Return_Exact_Decimal_When_Bound_As_Parameter(string sqlType, string text)
    {
        // Given
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);

        // When
        var stored = RoundTrip(sqlType, value);

        // Then: equal in value, carrying the column's scale, and rendered exactly as DuckDB renders it
        var columnScale = int.Parse(sqlType.Split(',', ')')[1], CultureInfo.InvariantCulture);
        stored.ShouldBe(value);
        ((int)stored.Scale).ShouldBe(columnScale);
        stored.ToString(CultureInfo.InvariantCulture).ShouldBe(_connection.Scalar<string>("SELECT v::VARCHAR FROM rt"));
    }

    [Fact]
    public void Should_Keep_Precision_And_Scale_When_Decimal_Is_Selected_Directly()
    {
        // Given / When
        var value = _connection.Scalar<decimal>("SELECT $1", 1.2300m);
        var type = _connection.Scalar<string>("SELECT typeof($1)", 1.2300m);

        // Then
        value.ShouldBe(1.2300m);
        ((int)value.Scale).ShouldBe(4);
        type.ShouldBe("DECIMAL(5,4)");
        _connection.Scalar<decimal>("SELECT $1", decimal.MaxValue).ShouldBe(decimal.MaxValue);
        _connection.Scalar<decimal>("SELECT $1", decimal.MinValue).ShouldBe(decimal.MinValue);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(0.1)]
    [InlineData(-1234.5678e-90)]
    public void Should_Return_Same_Double_When_Bound_As_Parameter(double value) => RoundTrip("DOUBLE", value).ShouldBe(value);

    [Fact]
    public void Should_Return_Same_Float_When_Bound_As_Parameter() => RoundTrip("REAL", 3.25f).ShouldBe(3.25f);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_Return_Same_Boolean_When_Bound_As_Parameter(bool value) => RoundTrip("BOOLEAN", value).ShouldBe(value);

    public static TheoryData<DateTime> Timestamps => new()
    {
        new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_560), // .123456
        new DateTime(1901, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(6_543_210),
        new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
        new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Should_Return_Same_Timestamp_To_The_Microsecond_When_Bound_As_Parameter(DateTime value)
    {
        // Given / When
        var stored = RoundTrip("TIMESTAMP", value);

        // Then
        stored.ShouldBe(value);
        stored.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Fact]
    public void Should_Store_Utc_Instant_When_DateTimeOffset_Is_Bound()
    {
        // Given
        var value = new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.FromHours(5.5)).AddTicks(10);

        // When
        var stored = RoundTrip("TIMESTAMP", value);
        var asText = _connection.Scalar<string>("SELECT v::VARCHAR FROM rt");

        // Then
        stored.ShouldBe(value);
        asText.ShouldBe("2024-03-10 06:30:00.000001");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1969, 12, 31)]
    [InlineData(2024, 2, 29)]
    [InlineData(9999, 12, 31)]
    public void Should_Return_Same_Date_When_DateOnly_Is_Bound(int year, int month, int day)
    {
        // Given
        var value = new DateOnly(year, month, day);

        // When
        var stored = RoundTrip("DATE", value);

        // Then
        stored.ShouldBe(value);
        _connection.Scalar<DateTime>("SELECT v FROM rt").ShouldBe(value.ToDateTime(TimeOnly.MinValue));
    }

    [Fact]
    public void Should_Return_Same_Time_And_Interval_When_Bound()
    {
        RoundTrip("TIME", new TimeOnly(23, 59, 59, 999, 999)).ShouldBe(new TimeOnly(23, 59, 59, 999, 999));
        RoundTrip("INTERVAL", TimeSpan.FromDays(3) + TimeSpan.FromTicks(12_345_670)).ShouldBe(TimeSpan.FromDays(3) + TimeSpan.FromTicks(12_345_670));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff")]
    [InlineData("01234567-89ab-cdef-0123-456789abcdef")]
    [InlineData("80000000-0000-0000-0000-000000000001")]
    public void Should_Return_Same_Guid_And_Text_When_Uuid_Bound(string text)
    {
        // Given
        var value = Guid.Parse(text, CultureInfo.InvariantCulture);

        // When
        var stored = RoundTrip("UUID", value);

        // Then: the same value and the same text, so the byte order is DuckDB's
        stored.ShouldBe(value);
        _connection.Scalar<string>("SELECT v::VARCHAR FROM rt").ShouldBe(text);
    }

    [Fact]
    public void Should_Return_Same_Bytes_When_Blob_Bound()
    {
        // Given
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = new byte[1 << 20];
        new Random(42).NextBytes(large);

        // When / Then
        RoundTrip("BLOB", Array.Empty<byte>()).ShouldBe(Array.Empty<byte>());
        RoundTrip("BLOB", everyByte).ShouldBe(everyByte);
        RoundTrip("BLOB", large).ShouldBe(large);
    }

    [Theory]
    [InlineData("BOOLEAN")]
    [InlineData("TINYINT")]
    [InlineData("SMALLINT")]
    [InlineData("INTEGER")]
    [InlineData("BIGINT")]
    [InlineData("UBIGINT")]
    [InlineData("HUGEINT")]
    [InlineData("REAL")]
    [InlineData("DOUBLE")]
    [InlineData("DECIMAL(4,1)")]
    [InlineData("DECIMAL(9,2)")]
    [InlineData("DECIMAL(18,3)")]
    [InlineData("DECIMAL(38,8)")]
    [InlineData("VARCHAR")]
    [InlineData("JSON")]
    [InlineData("BLOB")]
    [InlineData("DATE")]
    [InlineData("TIME")]
    [InlineData("TIMESTAMP")]
    [InlineData("TIMESTAMPTZ")]
    [InlineData("INTERVAL")]
    [InlineData("UUID")]
    public void Should_Read_DBNull_When_Null_Is_Bound_For_Any_Type(string sqlType)
    {
        // Given
        _connection.Exec($"CREATE OR REPLACE TEMP TABLE nulls(a {sqlType}, b {sqlType})");

        // When
        _connection.Exec("INSERT INTO nulls VALUES ($1, $2)", null, DBNull.Value);

        // Then
        using var command = new DuckDbCommand("SELECT a, b FROM nulls", _connection);
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.IsDBNull(0).ShouldBeTrue();
        reader.IsDBNull(1).ShouldBeTrue();
        reader.GetValue(0).ShouldBe(DBNull.Value);
        reader.GetFieldValue<object>(1).ShouldBe(DBNull.Value);
        reader.GetFieldValue<string?>(0).ShouldBeNull();
        reader.GetFieldValue<long?>(0).ShouldBeNull();
    }

    [Fact]
    public void Should_Bind_Named_Parameters_When_Names_Have_Any_Prefix()
    {
        // Given
        using var command = new DuckDbCommand("SELECT $first || '-' || $second || '-' || $first", _connection);
        command.Parameters.AddWithValue("first", "a");
        command.Parameters.AddWithValue("$SECOND", "b");

        // When
        var result = command.ExecuteScalar();

        // Then
        result.ShouldBe("a-b-a");
    }

    [Fact]
    public void Should_Bind_Question_Marks_By_Position_When_Parameters_Are_Unnamed()
    {
        _connection.Scalar<long>("SELECT ? * 10 + ?", 4, 2).ShouldBe(42);
    }

    private T RoundTrip<T>(string sqlType, T value)
    {
        _connection.Exec($"CREATE OR REPLACE TEMP TABLE rt(v {sqlType}); INSERT INTO rt VALUES ($1)", value);
        return _connection.Scalar<T>("SELECT v FROM rt");
    }
}
