using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

public class DeterminismTests
{
    private static readonly GeneratorOptions Small = new() { Users = 400, Days = 45, DirtyShare = 0.02 };

    [Theory]
    [InlineData(OutputFormat.Jsonl)]
    [InlineData(OutputFormat.Csv)]
    public void Should_Write_Identical_Bytes_When_Options_Are_The_Same_Whatever_The_Threads(OutputFormat format)
    {
        // Given
        var oneThread = Small with { Threads = 1 };
        var fourThreads = Small with { Threads = 4 };

        // When
        var first = WriteFiles(oneThread, format);
        var second = WriteFiles(fourThreads, format);

        // Then
        second.Keys.ShouldBe(first.Keys);
        foreach (var (name, bytes) in first)
            second[name].SequenceEqual(bytes).ShouldBeTrue($"{name} differs");
        first.Values.Sum(b => b.Length).ShouldBeGreaterThan(100_000);
    }

    [Fact]
    public void Should_Write_Different_Data_When_Seed_Differs()
    {
        // Given
        var other = Small with { Seed = Small.Seed + 1 };

        // When
        var first = WriteFiles(Small, OutputFormat.Jsonl);
        var second = WriteFiles(other, OutputFormat.Jsonl);

        // Then
        second["events.jsonl"].SequenceEqual(first["events.jsonl"]).ShouldBeFalse();
        second["users.jsonl"].SequenceEqual(first["users.jsonl"]).ShouldBeFalse();
    }

    [Fact]
    public void Should_Produce_Equal_Records_When_Run_Twice_In_Memory()
    {
        // Given
        var first = new MemoryRecordSink();
        var second = new MemoryRecordSink();

        // When
        var summary = SyntheticAppGenerator.Generate(Small, first, cancellationToken: TestContext.Current.CancellationToken);
        SyntheticAppGenerator.Generate(Small with { Threads = 3 }, second, cancellationToken: TestContext.Current.CancellationToken);

        // Then
        second.Events.ShouldBe(first.Events);
        second.Users.ShouldBe(first.Users);
        second.Payments.ShouldBe(first.Payments);
        second.Dirty.Select(d => d.JsonLine).ShouldBe(first.Dirty.Select(d => d.JsonLine));
        summary.Records["event"].ShouldBe(first.Events.Count);
    }

    private static Dictionary<string, byte[]> WriteFiles(GeneratorOptions options, OutputFormat format)
    {
        string folder = Path.Combine(Path.GetTempPath(), "starboard-tests", $"determinism-{Guid.NewGuid():N}");
        try
        {
            using (var sink = new FileRecordSink(folder, format))
                SyntheticAppGenerator.Generate(options, sink, cancellationToken: TestContext.Current.CancellationToken);
            return Directory.GetFiles(folder).Order(StringComparer.Ordinal)
                .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
