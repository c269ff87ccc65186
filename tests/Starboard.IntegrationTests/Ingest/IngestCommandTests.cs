using System.Diagnostics;
using Spectre.Console;
using Starboard.Cli;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>`starboard ingest` as a user runs it: files and folders, standard input, the printed reconciliation.</summary>
public sealed class IngestCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("starboard-ingest-cli-").FullName;

    private (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var code = StarboardCli.Run([.. args, "--data-dir", _dataDir], console, writer);
        return (code, writer.ToString());
    }

    [Fact]
    public void Should_Print_Each_Load_And_Its_Reconciliation()
    {
        var file = Path.Combine(_dataDir, "events.jsonl");
        File.WriteAllLines(file,
        [
            """{"type":"event","event_id":"e1","user_id":"u1","name":"open","ts":"2026-01-01T10:00:00Z"}""",
            """{"type":"event","event_id":"e1","user_id":"u1","name":"open","ts":"2026-01-01T10:00:00Z"}""",
            """{"type":"event","event_id":"e2","user_id":"u1","name":"open","ts":"yesterday"}""",
        ]);

        var (code, output) = Run("ingest", file, "--chunk-records", "1");

        code.ShouldBe(0, output);
        output.ShouldContain("Reconciliation: received = staged + rejected + duplicates");
        output.ShouldMatch(@"events\.jsonl\s+│\s+event\s+│\s+3\s+│\s+1\s+│\s+1\s+│\s+1\s+│\s+2\s+│\s+0\s+│\s+ok");
        Run("ingest", file).Output.ShouldContain("already loaded (1)");
    }

    [Fact]
    public void Should_Refuse_A_Chunk_Size_Below_One() =>
        Run("ingest", _dataDir, "--chunk-records", "0").ShouldBe((2, "starboard: --chunk-records: must be at least 1, got 0\n"));

    [Theory]
    [InlineData("jsonl", """{"type":"alias","distinct_id":"a1","user_id":"u1"}""" + "\n")]
    [InlineData("csv", "type,distinct_id,user_id\r\nalias,a1,u1\r\n")]
    public void Should_Load_Standard_Input_Once(string format, string input)
    {
        var first = RunChild(input, "--format", format);
        var again = RunChild(input, "--format", format);

        first.Code.ShouldBe(0, first.Output);
        first.Output.ShouldContain("stdin");
        first.Output.ShouldMatch(@"stdin\s+│\s+1\s+│\s+1\s+│\s+1\s+│\s+0");
        again.Output.ShouldContain("already loaded (1)");
        Directory.GetFiles(Path.Combine(_dataDir, "spool")).ShouldBeEmpty();
    }

    private (int Code, string Output) RunChild(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "starboard.dll"), "ingest", "-", "--data-dir", _dataDir },
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(1)).ShouldBeTrue();
        return (process.ExitCode, output);
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
