using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>Property filters, counted as daily active persons on 1 March 2026 (one like each).</summary>
public sealed class FilterTests(FilterTests.Data data) : IClassFixture<FilterTests.Data>
{
    private readonly InsightApp _app = data;

    /// <summary>The app, loaded once for the class.</summary>
    public sealed class Data() : InsightApp(
        User("u1", "2026-01-01T00:00:00Z", "\"plan\":\"pro\",\"properties\":{\"beta\":true}"),
        User("u2", "2026-01-01T00:00:00Z", "\"plan\":\"free\",\"properties\":{\"beta\":false,\"company\":\"Acme\"}"),
        Event("e1", "u1", "like", "2026-03-01T10:00:00Z", """{"n":1,"tag":"Red Apple"}""", "\"platform\":\"ios\""),
        Event("e2", "u2", "like", "2026-03-01T10:00:00Z", """{"n":"2","tag":"green"}""", "\"platform\":\"web\""),
        Event("e3", "u3", "like", "2026-03-01T10:00:00Z", """{"n":3.5}"""),
        Event("e4", "u4", "like", "2026-03-01T10:00:00Z"),
        Event("e5", "u5", "like", "2026-03-01T10:00:00Z", """{"flag":true,"platform":"android"}"""),
        Event("e6", "u6", "share", "2026-03-01T10:00:00Z", """{"n":1}"""));

    private long Count(string filter, string where = "series")
    {
        var series = where == "series" ? $$"""{"event": "like", "properties": [{{filter}}]}""" : """{"event": "like"}""";
        var global = where == "series" ? "" : $$""", "filters": [{{filter}}]""";
        var result = _app.Run($$"""
            {"kind": "trends", "date_from": "2026-03-01", "date_to": "2026-03-01", "series": [{{series[..^1]}}, "math": "dau"}]{{global}}}
            """);
        return Longs(result["data"])[0];
    }

    [Theory]
    [InlineData("""{"key": "n", "operator": "exact", "value": "1"}""", 1)]        // the number 1 reads as "1"
    [InlineData("""{"key": "n", "operator": "exact", "value": 1}""", 1)]
    [InlineData("""{"key": "n", "operator": "exact", "value": ["1", "2"]}""", 2)] // a list means any of them
    [InlineData("""{"key": "n", "operator": "exact", "value": 3.5}""", 1)]
    [InlineData("""{"key": "n", "operator": "is_not", "value": "1"}""", 4)]       // a missing property is not "1"
    [InlineData("""{"key": "n", "operator": "is_not", "value": ["1", "2"]}""", 3)]
    [InlineData("""{"key": "tag", "operator": "icontains", "value": "APPLE"}""", 1)]
    [InlineData("""{"key": "tag", "operator": "not_icontains", "value": "apple"}""", 4)]
    [InlineData("""{"key": "n", "operator": "gt", "value": 1.5}""", 2)]            // "2" and 3.5 compare as numbers
    [InlineData("""{"key": "n", "operator": "gt", "value": "2"}""", 1)]
    [InlineData("""{"key": "n", "operator": "lt", "value": 3}""", 2)]
    [InlineData("""{"key": "tag", "operator": "is_set"}""", 2)]
    [InlineData("""{"key": "flag", "operator": "exact", "value": true}""", 1)]
    [InlineData("""{"key": "platform", "value": "ios"}""", 1)]                      // a typed column; exact is the default
    [InlineData("""{"key": "platform", "operator": "exact", "value": "android"}""", 1)] // falls back to the JSON property
    [InlineData("""{"type": "person", "key": "plan", "value": "pro"}""", 1)]       // the person's typed attribute
    [InlineData("""{"type": "person", "key": "beta", "value": "false"}""", 1)]     // a person property from the JSON
    [InlineData("""{"type": "person", "key": "company", "operator": "icontains", "value": "acme"}""", 1)]
    [InlineData("""{"type": "person", "key": "plan", "operator": "is_not", "value": "pro"}""", 4)] // persons without a record too
    public void Should_Match_Events_By_Their_Properties(string filter, long expected)
    {
        Count(filter).ShouldBe(expected);
        Count(filter, "global").ShouldBe(expected);
    }

    [Theory]
    [InlineData("a.b", "1")]
    [InlineData("x/y", "2")]
    [InlineData("q\\\"t", "3")]
    [InlineData("t~1", "4")]
    public void Should_Read_Any_Json_Key_With_Dots_Slashes_Quotes_And_Tildes(string key, string value)
    {
        using var app = new InsightApp(
            Event("e1", "u1", "like", "2026-03-01T10:00:00Z", """{"a.b":1,"x/y":"2","q\"t":3,"t~1":4,"a":{"b":9},"x":{"y":9}}"""),
            Event("e2", "u2", "like", "2026-03-01T10:00:00Z", """{"t~1":40}"""));
        var keyFilter = $"\"{key}\"";
        var result = app.Run($$"""
            {"kind": "trends", "date_from": "2026-03-01", "date_to": "2026-03-01",
             "series": [{"event": "like", "math": "dau", "properties": [{"key": {{keyFilter}}, "value": "{{value}}"}]}]}
            """);
        Longs(result["data"]).ShouldBe([1]);
    }

    [Fact]
    public void Should_Require_Every_Filter_Of_A_Matcher_And_The_Query_Filters()
    {
        var result = _app.Run("""
            {"kind": "trends", "date_from": "2026-03-01", "date_to": "2026-03-01",
             "series": [{"event": null, "math": "dau", "properties": [{"key": "n", "operator": "lt", "value": 3}]}],
             "filters": [{"key": "n", "operator": "is_not", "value": "2"}]}
            """);

        // Any event with n < 3 and n not "2": u1's like and u6's share.
        Longs(result["data"]).ShouldBe([2]);
    }

}
