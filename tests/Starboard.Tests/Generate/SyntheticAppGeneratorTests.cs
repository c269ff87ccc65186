using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

public class SyntheticAppGeneratorTests
{
    private static readonly GeneratorOptions Tiny = new() { Users = 50, Days = 10 };

    [Fact]
    public void Should_Report_Progress_Once_Per_Day_When_Generating()
    {
        // Given
        var reports = new List<GenerateProgress>();
        var progress = new SynchronousProgress(reports.Add);

        // When
        var summary = SyntheticAppGenerator.Generate(Tiny, new MemoryRecordSink(), progress, TestContext.Current.CancellationToken);

        // Then
        reports.Select(r => r.DaysDone).ShouldBe(Enumerable.Range(1, Tiny.Days));
        reports.ShouldAllBe(r => r.Days == Tiny.Days);
        reports[^1].LinesWritten.ShouldBe(summary.CleanLines + summary.DirtyLines - summary.LateEvents);
    }

    [Fact]
    public void Should_Stop_With_OperationCanceledException_When_Cancelled()
    {
        // Given
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // When
        var generate = () => SyntheticAppGenerator.Generate(Tiny, new MemoryRecordSink(), cancellationToken: cancelled.Token);

        // Then
        generate.ShouldThrow<OperationCanceledException>();
    }

    [Theory]
    [InlineData(0, 10, 0.01)]
    [InlineData(10, 0, 0.01)]
    [InlineData(10, 10, -0.1)]
    [InlineData(10, 10, 0.9)]
    public void Should_Reject_Options_When_Out_Of_Range(int users, int days, double dirtyShare)
    {
        // Given
        var options = new GeneratorOptions { Users = users, Days = days, DirtyShare = dirtyShare };

        // When
        var generate = () => SyntheticAppGenerator.Generate(options, new MemoryRecordSink());

        // Then
        generate.ShouldThrow<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Should_Generate_A_Single_Day_When_Days_Is_One()
    {
        // Given
        var options = new GeneratorOptions { Users = 30, Days = 1 };
        var sink = new MemoryRecordSink();

        // When
        SyntheticAppGenerator.Generate(options, sink, cancellationToken: TestContext.Current.CancellationToken);

        // Then
        sink.Users.Select(u => u.UserId).Distinct().Count().ShouldBe(30);
        sink.Events.ShouldAllBe(e => DateOnly.FromDateTime(e.Ts) == options.EndDate);
        sink.FxRates.Count.ShouldBe(7);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, on the calling thread.</summary>
    private sealed class SynchronousProgress(Action<GenerateProgress> report) : IProgress<GenerateProgress>
    {
        public void Report(GenerateProgress value) => report(value);
    }
}
