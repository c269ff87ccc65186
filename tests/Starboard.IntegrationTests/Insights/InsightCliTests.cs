using System.Text.Json.Nodes;
using Spectre.Console;
using Starboard.Cli;
using static Starboard.IntegrationTests.Insights.InsightApp;

namespace Starboard.IntegrationTests.Insights;

/// <summary>`starboard insight` run in-process, as a user would run it.</summary>
public sealed class InsightCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("starboard-insight-cli-").FullName;

    /// <summary>Runs a command line; the output holds standard output, then standard error.</summary>
    private (int Code, string Output) Run(params string[] args) => RunAt(200, args);

    private (int Code, string Output) RunAt(int width, params string[] args)
    {
        var (code, output, errors) = RunSplit(width, args);
        return (code, output + errors);
    }

    private (int Code, string Output, string Errors) RunSplit(int width, params string[] args)
    {
        var writer = new StringWriter();
        var errors = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        var code = StarboardCli.Run([.. args, "--data-dir", Path.Combine(_dir, "data")], console, errors);
        return (code, writer.ToString(), errors.ToString());
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Should_Load_Input_Files_And_Print_The_Result_As_Json()
    {
        // Given events in two files, one of them CSV, and an alias that merges anon-1 into u1
        var events = Write("events.jsonl",
            Alias("anon-1", "u1"),
            Event("e1", "anon-1", "signup", "2026-03-01T10:00:00Z"),
            Event("e2", "u1", "app_open", "2026-03-02T10:00:00Z"),
            Event("e3", "u2", "signup", "2026-03-01T11:00:00Z"));
        var more = Write("more.csv", "type,event_id,user_id,name,ts", "event,e4,u2,app_open,2026-03-03T10:00:00Z");
        var query = Write("retention.json", """
            {"kind": "retention", "date_to": "2026-03-03", "total_intervals": 3,
             "target": {"event": "signup"}, "returning": {"event": "app_open"}}
            """);

        // When
        var (code, output, errors) = RunSplit(40, "insight", query, "--input", events, more);

        // Then the merged person returns on the 2nd and u2 on the 3rd; long lines are not wrapped
        code.ShouldBe(0, errors);
        var result = JsonNode.Parse(output)!;
        Matrix(result["values"]).ShouldBe(new long[][] { [2, 1, 1], [0, 0, 0], [0, 0, 0] });
        var (_, compact, _) = RunSplit(40, "insight", query, "--input", events, more, "--compact");
        compact.Trim().ShouldBe(result.ToJsonString());
    }

    [Fact]
    public void Should_Read_The_Configured_Warehouse_Without_Input()
    {
        var source = Path.Combine(_dir, "src");
        Run("generate", "--users", "40", "--days", "10", "--end", "2026-03-10", "--out", source).Code.ShouldBe(0);
        Run("ingest", source).Code.ShouldBe(0);
        Run("run").Code.ShouldBe(0);
        var query = Write("dau.json", """
            {"kind": "trends", "date_from": "2026-03-01", "date_to": "2026-03-10", "series": [{"event": null, "math": "dau"}]}
            """);

        var (code, output) = Run("insight", query);

        code.ShouldBe(0, output);
        var data = Longs(JsonNode.Parse(output)!["data"]);
        data.Length.ShouldBe(10);
        data.Sum().ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("""{"kind": "retention", "target": {"event": "a"}, "total_intervals": 0}""", "starboard: insight: total_intervals: must be a positive integer")]
    [InlineData("""{"kind": "funnel", "steps": []}""", "starboard: insight: steps: a funnel needs 2 to 32 steps, got 0")]
    [InlineData("not json", "starboard: insight: query: not valid JSON (")]
    public void Should_Print_One_Line_And_Exit_2_On_A_Bad_Query(string json, string expected)
    {
        var query = Write("bad.json", json);
        var events = Write("events.jsonl", Event("e1", "u1", "a", "2026-03-01T10:00:00Z"));

        var (code, output) = Run("insight", query, "--input", events);

        code.ShouldBe(2);
        output.ShouldStartWith(expected);
        output.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void Should_Name_A_Missing_Query_File()
    {
        var (code, output) = Run("insight", Path.Combine(_dir, "nope.json"));
        code.ShouldBe(2);
        output.Trim().ShouldBe($"starboard: cannot read '{Path.Combine(_dir, "nope.json")}': no such file");
    }

    [Fact]
    public void Should_Say_When_There_Is_Nothing_To_Query_Yet()
    {
        var query = Write("dau.json", """{"kind": "trends", "series": [{"event": null}]}""");
        Run("ingest", Write("one.jsonl", Event("e1", "u1", "a", "2026-03-01T10:00:00Z"))).Code.ShouldBe(0);

        var (code, output) = Run("insight", query);

        code.ShouldBe(2);
        output.Trim().ShouldBe("starboard: insight: the warehouse has no staged events yet: run `starboard ingest` and `starboard run` first, or pass --input FILE");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
