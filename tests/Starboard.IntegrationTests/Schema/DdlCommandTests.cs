namespace Starboard.IntegrationTests.Schema;

/// <summary>`starboard ddl` as a user runs it.</summary>
public sealed class DdlCommandTests
{
    [Theory]
    [InlineData("postgres", "source", 11)]
    [InlineData("mysql", "warehouse", 0)]
    [InlineData("clickhouse", "all", 11)]
    public void Should_Print_A_Script_For_The_Chosen_Layer(string dialect, string layer, int sourceTables)
    {
        var (code, output) = PublishedDdlTests.Cli("ddl", "--dialect", dialect, "--layer", layer);
        code.ShouldBe(0);
        output.ShouldStartWith($"-- Starboard schema for {dialect}, layer {layer}:");
        System.Text.RegularExpressions.Regex.Matches(output, @"CREATE TABLE IF NOT EXISTS [`""]app_").Count.ShouldBe(sourceTables);
        output.Contains("fact_event").ShouldBe(layer != "source");
    }

    [Fact]
    public void Should_Print_The_Schema_Reference_As_Markdown()
    {
        var (code, output) = PublishedDdlTests.Cli("ddl", "--format", "markdown");
        code.ShouldBe(0);
        output.ShouldStartWith("# Schema reference");
        output.ShouldContain("```mermaid\nerDiagram");
        output.ShouldContain("### fact_subscription_event");
    }

    [Theory]
    [InlineData("starboard: --dialect is required (duckdb, postgres, mysql, clickhouse)", "ddl")]
    [InlineData("starboard: Argument 'oracle' not recognized.", "ddl", "--dialect", "oracle")]
    public void Should_Explain_A_Missing_Or_Unknown_Dialect(string expected, params string[] args)
    {
        var (code, output) = PublishedDdlTests.Cli(args);
        code.ShouldBe(2);
        output.ShouldStartWith(expected);
    }
}
