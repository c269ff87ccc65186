using System.Reflection;
using Starboard.Bench;

// Macro benchmarks: each measures Starboard against a baseline in the same run and prints the ratio.
// Run in Release: dotnet run -c Release --project bench/Starboard.Bench -- NAME [options]
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
if (args.Length == 0 || benchmarks.All(b => b.Name != args[0]))
{
    Console.WriteLine("usage: Starboard.Bench NAME [options]");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-12} {b.Description}");
    return args.Length == 0 ? 0 : 2;
}
#if DEBUG
Console.Error.WriteLine("warning: this is a Debug build; run with -c Release for figures worth recording");
#endif
return benchmarks.First(b => b.Name == args[0]).Run(args[1..]);
