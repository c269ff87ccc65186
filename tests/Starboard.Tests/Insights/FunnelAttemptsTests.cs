using Starboard.Core.Insights;

namespace Starboard.Tests.Insights;

/// <summary>A person's funnel attempt, on events given as (minute, steps matched, exclusions matched).</summary>
public sealed class FunnelAttemptsTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static FunnelEvent E(double minute, uint steps, uint exclusions = 0) => new(T0.AddMinutes(minute), steps, exclusions);

    private static FunnelPath? Best(FunnelEvent[] events, int steps = 3, FunnelExclusion[]? exclusions = null, TimeSpan? window = null) =>
        FunnelAttempts.Best(events, steps, exclusions ?? [], window ?? Hour, T0.AddDays(-1), T0.AddDays(1));

    private const uint A = 1, B = 2, C = 4;

    [Fact]
    public void Should_Take_The_Earliest_Event_Of_Each_Step_In_Order()
    {
        var path = Best([E(0, A), E(5, C), E(10, B), E(12, B), E(20, C)])!;
        path.Reached.ShouldBe(2);
        path.Times.ShouldBe([T0, T0.AddMinutes(10), T0.AddMinutes(20)]);
    }

    [Fact]
    public void Should_Not_Use_One_Event_For_Two_Steps()
    {
        Best([E(0, A | B)], steps: 2)!.Reached.ShouldBe(0);
        Best([E(0, A | B), E(1, A | B)], steps: 2)!.Reached.ShouldBe(1);
    }

    [Fact]
    public void Should_Accept_Steps_At_The_Same_Time_In_Any_Stored_Order()
    {
        // The cart is stored before the view (same second); it still follows it.
        Best([E(0, B), E(0, A), E(0, C)])!.Reached.ShouldBe(2);
    }

    [Fact]
    public void Should_Count_A_Step_Exactly_At_The_End_Of_The_Window_From_Step_Zero()
    {
        Best([E(0, A), E(30, B), E(60, C)])!.Reached.ShouldBe(2);
        Best([E(0, A), E(30, B), E(60.001, C)])!.Reached.ShouldBe(1);
    }

    [Fact]
    public void Should_Ignore_Step_Zero_Outside_The_Range()
    {
        FunnelAttempts.Best([E(0, A), E(5, B)], 2, [], Hour, T0.AddMinutes(1), T0.AddDays(1)).ShouldBeNull();
        FunnelAttempts.Best([E(0, A), E(5, B)], 2, [], Hour, T0, T0.AddMinutes(1))!.Reached.ShouldBe(1);
    }

    [Fact]
    public void Should_Prefer_The_Furthest_Attempt_Then_The_First_To_Get_There_Then_The_Latest_Start()
    {
        // Two views before one cart: both attempts reach the cart at the same time; the later view is the shorter.
        var path = Best([E(0, A), E(10, A), E(20, B)], steps: 2)!;
        path.Times[0].ShouldBe(T0.AddMinutes(10));

        // The first attempt stops at the cart (the buy is out of its window); the second converts.
        var second = Best([E(0, A), E(10, B), E(70, A), E(75, B), E(80, C)])!;
        second.Reached.ShouldBe(2);
        second.Times[0].ShouldBe(T0.AddMinutes(70));
    }

    [Fact]
    public void Should_Void_An_Attempt_With_The_Exclusion_Between_Its_From_And_To_Steps()
    {
        FunnelExclusion[] x = [new("x", 1, 2)];
        Best([E(0, A), E(10, B), E(15, 0, 1), E(20, C)], exclusions: x).ShouldBeNull();
        Best([E(0, A), E(10, B), E(20, C), E(25, 0, 1)], exclusions: x)!.Reached.ShouldBe(2);
        Best([E(0, A), E(5, 0, 1), E(10, B), E(20, C)], exclusions: x)!.Reached.ShouldBe(2);
        // At the very time of the from step it is not after it.
        Best([E(0, A), E(10, B), E(10, 0, 1), E(20, C)], exclusions: x)!.Reached.ShouldBe(2);
    }

    [Fact]
    public void Should_Void_An_Unfinished_Attempt_With_The_Exclusion_Anywhere_In_The_Window()
    {
        FunnelExclusion[] x = [new("x", 1, 2)];
        Best([E(0, A), E(10, B), E(60, 0, 1)], exclusions: x).ShouldBeNull();     // at the window's end: inside
        Best([E(0, A), E(10, B), E(60.5, 0, 1)], exclusions: x)!.Reached.ShouldBe(1);
        // Never reaching the from step, the exclusion does not apply.
        Best([E(0, A), E(10, 0, 1)], exclusions: x)!.Reached.ShouldBe(0);
    }

    [Fact]
    public void Should_Count_A_Later_Clean_Attempt_And_Keep_The_Person_Out_When_None_Is_Clean()
    {
        FunnelExclusion[] x = [new("x", 0, 1)];
        // The first attempt is voided; the later one reaches only step 0 but is clean.
        Best([E(0, A), E(5, 0, 1), E(10, B), E(120, A)], steps: 2, exclusions: x)!.Times[0].ShouldBe(T0.AddMinutes(120));
        Best([E(0, A), E(5, 0, 1), E(10, B), E(120, A), E(125, 0, 1)], steps: 2, exclusions: x).ShouldBeNull();
    }
}
