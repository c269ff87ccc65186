using System.CommandLine;
using Spectre.Console;
using Starboard.Cli.Commands;
using Starboard.Core;

namespace Starboard.Cli;

/// <summary>
/// The `starboard` command: parses, hands each verb to its command, and turns every failure into one clear line
/// and an exit code (0 ok, 1 failing checks, 2 usage or project error, 3 execution error). Never a stack trace.
/// </summary>
public static class StarboardCli
{
    public const int Ok = 0, ChecksFailed = 1, UsageError = 2, ExecutionError = 3;

    /// <summary>Runs one command line. Errors go to <paramref name="errors"/> (standard error by default) as plain, unwrapped text.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter? errors = null)
    {
        errors ??= Console.Error;
        var root = Build(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            errors.WriteLine($"starboard: {parsed.Errors[0].Message}");
            errors.WriteLine("Run 'starboard --help' for usage.");
            return UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer });
        }
        catch (Exception e) when (Classify(e) is { } code)
        {
            errors.WriteLine($"starboard: {OneLine(e.Message)}");
            if (e is ExecutionException { Sql: { } sql } && Environment.GetEnvironmentVariable("STARBOARD_DEBUG") is not null)
                errors.WriteLine(sql);
            return code;
        }
    }

    private static int? Classify(Exception e) => e switch
    {
        UsageException or ProjectException or GraphException => UsageError,
        ExecutionException => ExecutionError,
        StarboardException => ExecutionError,
        IOException or UnauthorizedAccessException => UsageError,
        _ => null,
    };

    private static string OneLine(string message) => message.Split('\n')[0].Trim();

    public static RootCommand Build(IAnsiConsole console)
    {
        var root = new RootCommand("Starboard: a self-hosted KPI warehouse and dashboard for event-driven apps.");
        foreach (var option in GlobalOptions.All)
            root.Options.Add(option);
        root.Subcommands.Add(InitCommand.Create(console));
        root.Subcommands.Add(GenerateCommand.Create(console));
        root.Subcommands.Add(IngestCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(KpisCommand.Create(console));
        root.Subcommands.Add(ExplainCommand.Create(console));
        root.Subcommands.Add(QueryCommand.Create(console));
        root.Subcommands.Add(InsightCommand.Create(console));
        root.Subcommands.Add(DdlCommand.Create(console));
        return root;
    }
}
