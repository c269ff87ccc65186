using Spectre.Console;
using Starboard.Cli;

return StarboardCli.Run(args, AnsiConsole.Console);
