using Starboard.Core.Dialects.DuckDb;
using Starboard.Core.Sql;

namespace Starboard.Tests.Insights;

/// <summary>The dialect macros insights add, as model SQL can use them too.</summary>
public sealed class InsightMacroTests
{
    [Fact]
    public void Should_Render_The_Property_Macros_For_DuckDb()
    {
        var rendered = SqlTemplate.Render(
            "SELECT {{ json_text(properties, var('key')) }}, {{ to_number(v) }}, {{ contains_ci(a, 'x') }}, {{ month_number(d) }} FROM t",
            new DuckDbDialect(), new Dictionary<string, object?> { ["key"] = "a/b" });

        rendered.Text.ShouldBe(
            "SELECT json_extract_string(properties, '/' || replace(replace($key, '~', '~0'), '/', '~1')), TRY_CAST(v AS DOUBLE), " +
            "(POSITION(LOWER('x') IN LOWER(a)) > 0), (EXTRACT(YEAR FROM d) * 12 + EXTRACT(MONTH FROM d) - 1) FROM t");
        rendered.Parameters["key"].ShouldBe("a/b");
    }
}
