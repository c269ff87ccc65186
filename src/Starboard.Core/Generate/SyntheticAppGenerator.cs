using System.Collections.Concurrent;
using System.Diagnostics;
using Starboard.Core.Contract;

namespace Starboard.Core.Generate;

/// <summary>
/// Generates a deterministic synthetic app (users, sessions, events, commerce, subscriptions, errors, marketing,
/// fx rates, with duplicates, late arrivals and dirty lines) and streams it into a sink, day by day.
/// </summary>
/// <remarks>
/// Days run in order; within a day, blocks of users are simulated in parallel into their own batches, and a
/// single writer drains the batches in block order while the next day is being simulated. Each user draws from
/// a random stream derived from (seed, user), so the output is the same for any thread count.
/// </remarks>
public static class SyntheticAppGenerator
{
    private const int UsersPerBlock = 512;
    private const int DaysInFlight = 3;

    public static GenerateSummary Generate(GeneratorOptions options, IRecordSink sink,
        IProgress<GenerateProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int threads = options.Threads ?? Environment.ProcessorCount;

        var plan = new AcquisitionPlan(options);
        var global = new GlobalActors(options, plan, new FxRateWalk(options));
        var users = new SimulatedUser[options.Users];
        Parallel.For(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => users[i] = UserFactory.Create(i, options, plan));

        var injector = new DirtyInjector(sink, options.DirtyShare, RandomStream.For(options.Seed, StreamPurpose.Dirty, 0));
        var late = new List<EventRecord>();
        long resentEvents = 0, resentPayments = 0;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<DayBatch[]>(DaysInFlight);
        var producer = Task.Run(() =>
        {
            try
            {
                for (int d = 0; d < options.Days; d++)
                    queue.Add(SimulateDay(new SimDay(options, d), users, global, threads, stop.Token), stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token);

        try
        {
            int daysDone = 0;
            foreach (var batches in queue.GetConsumingEnumerable(stop.Token))
            {
                foreach (var batch in batches)
                {
                    batch.WriteTo(injector);
                    late.AddRange(batch.LateEvents);
                    resentEvents += batch.ResentEvents.Count;
                    resentPayments += batch.ResentPayments.Count;
                }
                progress?.Report(new GenerateProgress(++daysDone, options.Days, injector.LinesWritten));
            }
            producer.GetAwaiter().GetResult();
        }
        catch
        {
            stop.Cancel(); // stop the producer before leaving, whatever went wrong on this side
            try { producer.Wait(); } catch (AggregateException) { }
            throw;
        }

        // Late events are held back until everything else is out, as if they arrived after the run.
        foreach (var record in late)
            injector.WriteLate(record);

        return new GenerateSummary(
            injector.CountsByType(),
            new Dictionary<string, long> { [RecordTypes.Event] = resentEvents, [RecordTypes.Payment] = resentPayments },
            injector.LateEvents,
            injector.DirtyByKind(),
            injector.Files,
            clock.Elapsed);
    }

    private static DayBatch[] SimulateDay(SimDay day, SimulatedUser[] users, GlobalActors global, int threads,
        CancellationToken cancellationToken)
    {
        // Users are numbered in signup order, so only a prefix can be active (anonymous visits start up to 3 days early).
        int started = UpperBound(users, day.Index + 3);
        int blocks = (started + UsersPerBlock - 1) / UsersPerBlock;
        var batches = new DayBatch[blocks + 2];
        batches[0] = global.Head(day);
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            b =>
            {
                var batch = new DayBatch();
                int end = Math.Min(started, (b + 1) * UsersPerBlock);
                for (int i = b * UsersPerBlock; i < end; i++)
                    UserSimulator.SimulateDay(users[i], day, batch);
                batches[b + 1] = batch;
            });
        batches[^1] = global.Tail(day);
        return batches;
    }

    /// <summary>The number of users whose signup day is at most the given day.</summary>
    private static int UpperBound(SimulatedUser[] users, int day)
    {
        int lo = 0, hi = users.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (users[mid].SignupDay <= day)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
