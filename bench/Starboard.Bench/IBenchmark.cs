namespace Starboard.Bench;

/// <summary>One macro benchmark, run by name from the command line.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    int Run(string[] args);
}
