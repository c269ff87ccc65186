using Starboard.Core;
using Starboard.Core.Dialects.DuckDb;
using Starboard.Core.Sql;

namespace Starboard.Tests.Sql;

public class SqlTemplateTests
{
    private static readonly DuckDbDialect Dialect = new();

    [Fact]
    public void Should_Quote_References_And_Bind_Vars_As_Parameters()
    {
        // Given
        const string sql = "SELECT * FROM {{ ref('stg_events') }} WHERE ts > {{ var('since') }}";

        // When
        var rendered = SqlTemplate.Render(sql, Dialect, new Dictionary<string, object?> { ["since"] = "x'; DROP TABLE t; --" });

        // Then
        rendered.Text.ShouldBe("SELECT * FROM \"stg_events\" WHERE ts > $since");
        rendered.Parameters["since"].ShouldBe("x'; DROP TABLE t; --");
    }

    [Fact]
    public void Should_List_Each_Reference_Once()
    {
        var refs = SqlTemplate.References("{{ ref('a') }} JOIN {{ source(\"raw_b\") }} JOIN {{ ref('a') }}");
        refs.ShouldBe(["a", "raw_b"]);
    }

    [Fact]
    public void Should_Expand_Nested_Macro_Arguments()
    {
        var rendered = SqlTemplate.Render("{{ date_key(add_days(var('start_date'), -29)) }}", Dialect,
            new Dictionary<string, object?> { ["start_date"] = new DateOnly(2026, 1, 31) });
        rendered.Text.ShouldContain("$start_date");
        rendered.Text.ShouldContain("-29");
        rendered.Parameters.Keys.ShouldBe(["start_date"]);
    }

    [Fact]
    public void Should_Refuse_An_Unset_Var()
    {
        var e = Should.Throw<ProjectException>(() => SqlTemplate.Render("{{ var('nope') }}", Dialect, new Dictionary<string, object?>()));
        e.Message.ShouldContain("var('nope')");
    }

    [Fact]
    public void Should_Name_An_Unknown_Macro()
    {
        var e = Should.Throw<ProjectException>(() => SqlTemplate.Render("{{ frobnicate(x) }}", Dialect, new Dictionary<string, object?>()));
        e.Message.ShouldContain("frobnicate");
    }

    [Fact]
    public void Should_Refuse_An_Unclosed_Call() =>
        Should.Throw<ProjectException>(() => SqlTemplate.References("SELECT {{ ref('a') "));

    [Fact]
    public void Should_Compute_The_Same_Hash_Key_For_The_Same_Parts_Only()
    {
        HashKeys.Of("u1").ShouldBe(HashKeys.Of("u1"));
        HashKeys.Of("a", "bc").ShouldNotBe(HashKeys.Of("ab", "c"));
        HashKeys.Of("u1").ShouldBeGreaterThan(0);
        HashKeys.Of("u1").ShouldBeLessThan(1L << 60);
    }
}
