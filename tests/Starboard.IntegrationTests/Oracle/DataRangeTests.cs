using Starboard.Core.Generate;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Oracle;

/// <summary>
/// data_range against SPEC section 5's words, worked out from the generated records in C#: from the earliest to
/// the latest date of any user (signup), session, event, order, payment, refund, subscription, error or ad-spend
/// record, in the reporting time zone (ad spend by its date as reported).
/// </summary>
public sealed class DataRangeTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Pacific/Auckland")]
    public void Should_Span_Every_Kind_Of_Record(string timezone)
    {
        // Given a generated app, in memory for the oracle and as files for the warehouse
        var options = new GeneratorOptions { Users = 300, Days = 20, Seed = 5, EndDate = new DateOnly(2026, 2, 28) };
        var memory = new MemoryRecordSink();
        SyntheticAppGenerator.Generate(options, memory, cancellationToken: TestContext.Current.CancellationToken);
        using var w = new TestWarehouse(new Core.Project.StarboardSettings { Timezone = timezone });
        using (var files = new FileRecordSink(w.Folder, OutputFormat.Jsonl))
            SyntheticAppGenerator.Generate(options, files, cancellationToken: TestContext.Current.CancellationToken);

        // When it is built
        w.Ingest(w.Folder);
        w.Run(new Core.Run.RunOptions { Select = "+data_range" });

        // Then the range is the earliest and latest day of any record
        var app = new ReferenceApp(memory, w.Settings);
        var days = app.Versions.Keys.Select(app.SignupDay)
            .Concat(app.SessionRecords.Select(s => app.Day(s.StartedAt)))
            .Concat(app.Events.Select(e => app.Day(e.Ts)))
            .Concat(app.Orders.Select(o => app.Day(o.Ts)))
            .Concat(app.Payments.Select(p => app.Day(p.Ts)))
            .Concat(app.Refunds.Select(r => app.Day(r.Ts)))
            .Concat(app.Subscriptions.Select(s => app.Day(s.Ts)))
            .Concat(app.Errors.Select(e => app.Day(e.Ts)))
            .Concat(app.AdSpend.Select(a => a.Date))
            .ToList();
        var range = w.Query<(DateTime First, DateTime Last)>("SELECT first_date, last_date FROM data_range").Single();
        (DateOnly.FromDateTime(range.First), DateOnly.FromDateTime(range.Last)).ShouldBe((days.Min(), days.Max()));
    }
}
