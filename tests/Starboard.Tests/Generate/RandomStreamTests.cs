using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

public class RandomStreamTests
{
    [Fact]
    public void Should_Give_The_Same_Numbers_When_Derived_From_The_Same_Key()
    {
        // Given
        var first = RandomStream.For(42, StreamPurpose.User, 17);
        var second = RandomStream.For(42, StreamPurpose.User, 17);

        // When
        var a = Enumerable.Range(0, 100).Select(_ => first.NextUInt64()).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => second.NextUInt64()).ToList();

        // Then
        a.ShouldBe(b);
    }

    [Fact]
    public void Should_Keep_Its_Known_Output_When_The_Runtime_Changes()
    {
        // Given: generated files are a contract, so the algorithm's output is pinned
        var random = RandomStream.For(42, StreamPurpose.User, 0);

        // When
        var values = Enumerable.Range(0, 3).Select(_ => random.NextUInt64()).ToArray();

        // Then
        values.ShouldBe(KnownValues);
    }

    [Fact]
    public void Should_Give_Independent_Streams_When_Index_Or_Purpose_Differ()
    {
        // Given
        var streams = new[]
        {
            RandomStream.For(42, StreamPurpose.User, 0), RandomStream.For(42, StreamPurpose.User, 1),
            RandomStream.For(42, StreamPurpose.Dirty, 0), RandomStream.For(43, StreamPurpose.User, 0),
        };

        // When
        var firsts = streams.Select(s => s.NextUInt64()).ToList();

        // Then
        firsts.Distinct().Count().ShouldBe(streams.Length);
    }

    [Fact]
    public void Should_Match_Distribution_Means_When_Sampled_Often()
    {
        // Given
        var random = RandomStream.For(1, StreamPurpose.Background, 0);
        const int n = 200_000;

        // When
        double uniform = Enumerable.Range(0, n).Average(_ => random.NextDouble());
        double poisson = Enumerable.Range(0, n).Average(_ => random.Poisson(3.5));
        double exponential = Enumerable.Range(0, n).Average(_ => random.Exponential(10));
        double below = Enumerable.Range(0, n).Average(_ => random.NextInt(10) < 3 ? 1.0 : 0.0);

        // Then
        uniform.ShouldBe(0.5, 0.005);
        poisson.ShouldBe(3.5, 0.03);
        exponential.ShouldBe(10, 0.1);
        below.ShouldBe(0.3, 0.005);
    }

    private static readonly ulong[] KnownValues = [9281394652345853009UL, 68455898803240269UL, 6179410772137949219UL];
}
