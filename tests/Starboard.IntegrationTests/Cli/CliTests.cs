using Spectre.Console;
using Starboard.Cli;

namespace Starboard.IntegrationTests.Cli;

/// <summary>The `starboard` command run in-process against a recording console, as a user would run it.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("starboard-cli-").FullName;

    private (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var code = StarboardCli.Run([.. args, "--data-dir", _dataDir], console, writer);
        return (code, writer.ToString());
    }

    [Theory]
    [InlineData("starboard: Unrecognized command or argument '--bogus'.", "run", "--bogus")]
    [InlineData("starboard: --date: 'yesterday' is not a date (expected YYYY-MM-DD)", "run", "--date", "yesterday")]
    [InlineData("starboard: --users: must be at least 1, got 0", "generate", "--users", "0")]
    [InlineData("starboard: no KPI named 'nope' (see `starboard kpis`)", "explain", "nope")]
    [InlineData("starboard: --warehouse: unsupported warehouse 'oracle:' (supported: duckdb:PATH)", "run", "--warehouse", "oracle://x")]
    public void Should_Print_One_Clear_Line_And_Exit_2_On_Bad_Arguments(string expected, params string[] args)
    {
        var (code, output) = Run(args);
        code.ShouldBe(2);
        output.ShouldStartWith(expected);
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public void Should_Name_An_Unreadable_Path()
    {
        var (code, output) = Run("ingest", "/no/such/file.jsonl");
        code.ShouldBe(2);
        output.Trim().ShouldBe("starboard: cannot read '/no/such/file.jsonl': no such file or folder");
    }

    [Fact]
    public void Should_Run_The_Chain_From_The_Command_Line()
    {
        // Given a small generated app
        var source = Path.Combine(_dataDir, "src");
        Run("generate", "--users", "300", "--days", "30", "--out", source).Code.ShouldBe(0);

        // When it is ingested twice and built
        var (ingested, first) = Run("ingest", source);
        var (again, second) = Run("ingest", source);
        var (built, run) = Run("run");

        // Then the second ingest adds nothing, and the KPIs can be listed, explained and queried
        ingested.ShouldBe(0);
        again.ShouldBe(0);
        second.ShouldContain("already loaded");
        built.ShouldBe(0, run);
        run.ShouldContain("models built");
        Run("kpis").Output.ShouldContain("arpu");
        Run("explain", "arpu").Output.ShouldContain("kpi_arpu AS (");
        var (queried, rows) = Run("query", "SELECT count(*) AS n FROM fact_kpi_daily WHERE value > 0", "--format", "csv");
        queried.ShouldBe(0);
        long.Parse(rows.Split('\n')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Should_Run_The_Demo_Twice_With_The_Same_Kpis()
    {
        // When the demo runs twice on the same data folder
        var (first, once) = Run("demo", "--users", "200", "--days", "20", "--no-serve");
        var (second, twice) = Run("demo", "--users", "200", "--days", "20", "--no-serve");

        // Then both succeed, show rejects with reasons and non-zero KPIs, and the KPI tables are the same
        first.ShouldBe(0, once);
        second.ShouldBe(0, twice);
        static string Kpis(string output) => output[output.IndexOf("KPIs on ", StringComparison.Ordinal)..];
        Kpis(twice).ShouldBe(Kpis(once));
        once.ShouldContain("Daily active users");
        once.ShouldContain("ts.bad_timestamp");
        System.Text.RegularExpressions.Regex.IsMatch(Kpis(once), @"Daily active users\s+│\s+[1-9]").ShouldBeTrue(Kpis(once));
    }

    [Fact]
    public void Should_Report_A_Failing_Query_As_An_Execution_Error()
    {
        Run("generate", "--users", "50", "--days", "5", "--out", Path.Combine(_dataDir, "src"));
        Run("ingest", Path.Combine(_dataDir, "src"));
        var (code, output) = Run("query", "SELECT * FROM no_such_table");
        code.ShouldBe(3);
        output.ShouldStartWith("starboard: the query failed on duckdb: Catalog Error: Table with name no_such_table does not exist!");
    }

    [Fact]
    public void Should_Explain_A_Column_Type_It_Cannot_Print()
    {
        Run("run").Code.ShouldBe(0);
        var (code, output) = Run("query", "SELECT [1, 2] AS xs");
        code.ShouldBe(3);
        output.ShouldContain("cast it in SQL");
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
