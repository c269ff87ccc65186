using Dapper;
using Starboard.Core.Schema;
using Starboard.Core.Sql;

namespace Starboard.IntegrationTests.Schema;

/// <summary>
/// The expression macros behind model SQL, run on each real engine: surrogate keys must be the same number on
/// every engine (and equal to HashKeys.Of in C#), and dates, epochs, integer division, string and JSON helpers
/// must give the same values, so the models mean the same wherever they run.
/// </summary>
public abstract class MacroAgreementTests
{
    protected abstract string Dialect { get; }

    [Fact]
    public void Should_Compute_The_Same_Values_As_Every_Other_Engine()
    {
        using var db = ServerDatabase.Open(Dialect);
        var d = db.Dialect;
        string Cast(string literal, string type) => $"CAST('{literal}' AS {d.TypeName(ColumnType.Parse(type))})";
        object? One(string expression) =>
            db.Connection.ExecuteScalar(SqlTemplate.RenderForDisplay($"SELECT {expression}", d));

        Convert.ToInt64(One("{{ hash_key('u-1') }}")).ShouldBe(HashKeys.Of("u-1"));
        Convert.ToInt64(One("{{ hash_key('plan', 'pro') }}")).ShouldBe(HashKeys.Of("plan", "pro"));
        Convert.ToInt64(One("{{ hash_key('a', NULL, 'é') }}")).ShouldBe(HashKeys.Of("a", null, "é"));
        Convert.ToInt64(One("{{ hash_key(42) }}")).ShouldBe(HashKeys.Of("42"));
        Convert.ToInt64(One($"{{{{ date_key({Cast("2024-03-05", "date")}) }}}}")).ShouldBe(20240305);
        Date(One("{{ date_from_key(20240229) }}")).ShouldBe(new DateOnly(2024, 2, 29));
        Date(One($"{{{{ add_days({Cast("2024-02-28", "date")}, 2) }}}}")).ShouldBe(new DateOnly(2024, 3, 1));
        Convert.ToInt64(One($"{{{{ days_between({Cast("2023-12-31", "date")}, {Cast("2024-03-01", "date")}) }}}}")).ShouldBe(61);
        Convert.ToInt64(One($"{{{{ epoch_micros({Cast("2024-03-05 01:02:03.456789", "timestamp")}) }}}}"))
            .ShouldBe((new DateTime(2024, 3, 5, 1, 2, 3, DateTimeKind.Utc).AddTicks(4567890) - DateTime.UnixEpoch).Ticks / 10);
        Convert.ToInt64(One("{{ int_div(-7, 2) }}")).ShouldBe(-3);
        Convert.ToString(One("{{ split_part('3.12.1', '.', 2) }}")).ShouldBe("12");
        Convert.ToString(One("""{{ json_text('{"sku":"SKU-1","quantity":2}', 'sku') }}""")).ShouldBe("SKU-1");
        Convert.ToDecimal(One("""{{ json_decimal('{"sku":"SKU-1","unit_price":4.99}', 'unit_price') }}""")).ShouldBe(4.99m);
        One("""{{ json_decimal('{"sku":"SKU-1"}', 'unit_price') }}""").ShouldBeOneOf(null, DBNull.Value);
        var rows = db.Connection.Query(SqlTemplate.RenderForDisplay("""
            SELECT i.line_no AS line_no, {{ json_text(i.value, 'sku') }} AS sku
            FROM (SELECT '[{"sku":"A"},{"sku":"B"},{"sku":"C"}]' AS items) AS o
            CROSS JOIN {{ json_array_rows(o.items, i) }}
            ORDER BY line_no
            """, d)).Select(r => $"{Convert.ToInt64(r.line_no)}:{r.sku}").ToList();
        rows.ShouldBe(["1:A", "2:B", "3:C"]);
    }

    private static DateOnly Date(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidCastException($"not a date: {value}"),
    };
}

public sealed class DuckDbMacroTests : MacroAgreementTests
{
    protected override string Dialect => "duckdb";
}

public sealed class PostgresMacroTests : MacroAgreementTests
{
    protected override string Dialect => "postgres";
}

public sealed class MySqlMacroTests : MacroAgreementTests
{
    protected override string Dialect => "mysql";
}
