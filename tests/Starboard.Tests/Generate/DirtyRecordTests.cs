using System.Text;
using System.Text.Json;
using Starboard.Core.Contract;
using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

public class DirtyRecordTests
{
    private readonly SpecLineValidator _validator = new(GeneratedSamples.AppOptions.EndDate);

    [Fact]
    public void Should_Keep_Dirty_Share_Near_Target_When_Generating()
    {
        // Given
        var summary = GeneratedSamples.AppSummary;

        // When
        double share = (double)summary.DirtyLines / (summary.CleanLines + summary.DirtyLines);

        // Then
        share.ShouldBe(GeneratedSamples.AppOptions.DirtyShare, 0.001);
        summary.DirtyLines.ShouldBe(GeneratedSamples.App.Dirty.Count);
    }

    [Fact]
    public void Should_Produce_Every_Dirty_Kind_When_Generating_A_Small_App()
    {
        // Given
        var dirty = GeneratedSamples.App.Dirty;

        // When
        var kinds = dirty.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count());

        // Then
        foreach (var kind in Enum.GetValues<DirtyKind>())
            kinds.GetValueOrDefault(kind).ShouldBeGreaterThanOrEqualTo(5, $"{kind}");
        GeneratedSamples.AppSummary.Dirty.ShouldBe(kinds.ToDictionary(k => k.Key, k => (long)k.Value), ignoreOrder: true);
    }

    [Theory]
    [InlineData(DirtyKind.Truncated, "not JSON", "cells for")]
    [InlineData(DirtyKind.NotAnObject, "not an object", "cells for")]
    [InlineData(DirtyKind.UnknownType, "unknown type", "unknown type")]
    [InlineData(DirtyKind.MissingRequiredField, "missing", "missing")]
    [InlineData(DirtyKind.WrongType, "is not a", "is not a")]
    [InlineData(DirtyKind.NegativeAmount, "negative", "negative")]
    [InlineData(DirtyKind.UnknownCurrency, "ISO 4217", "ISO 4217")]
    [InlineData(DirtyKind.UnparseableTimestamp, "is not a", "is not a")]
    [InlineData(DirtyKind.TimestampBefore2000, "out of range", "out of range")]
    [InlineData(DirtyKind.TimestampInFuture, "out of range", "out of range")]
    [InlineData(DirtyKind.BadEnum, "not in enum", "not in enum")]
    [InlineData(DirtyKind.InvalidUtf8, "invalid UTF-8", "invalid UTF-8")]
    public void Should_Break_The_Rule_Of_Its_Kind_When_Rendered_In_Either_Format(DirtyKind kind, string jsonReason, string csvReason)
    {
        // Given
        var dirty = GeneratedSamples.App.Dirty.Where(d => d.Kind == kind).ToList();

        foreach (var record in dirty)
        {
            // When
            var jsonReasons = _validator.ValidateJson(record.JsonLine);
            var header = SpecContract.WithProperties(record.RecordType).Select(f => f.Name).Prepend("type").ToArray();
            var csvReasons = _validator.ValidateCsvLine(header, record.CsvLine);

            // Then
            string.Join("; ", jsonReasons).ShouldContain(jsonReason, Case.Sensitive, record.ToString());
            string.Join("; ", csvReasons).ShouldContain(csvReason, Case.Sensitive, Encoding.UTF8.GetString(record.CsvLine));
        }
        dirty.ShouldNotBeEmpty();
    }

    [Fact]
    public void Should_Use_Fresh_Ids_When_Writing_Dirty_Lines()
    {
        // Given
        var app = GeneratedSamples.App;
        var cleanIds = app.Events.Select(e => e.EventId).Concat(app.Users.Select(u => u.UserId))
            .Concat(app.Sessions.Select(s => s.SessionId)).Concat(app.Orders.Select(o => o.OrderId))
            .Concat(app.Payments.Select(p => p.PaymentId)).Concat(app.Refunds.Select(r => r.RefundId))
            .Concat(app.Subscriptions.Select(s => s.SubscriptionId)).Concat(app.Errors.Select(e => e.ErrorId))
            .Concat(app.Aliases.Select(a => a.DistinctId)).Concat(app.Campaigns.Select(c => c.CampaignId))
            .ToHashSet();
        var keys = new Dictionary<string, string>
        {
            [RecordTypes.User] = "user_id",
            [RecordTypes.Alias] = "distinct_id",
            [RecordTypes.Session] = "session_id",
            [RecordTypes.Event] = "event_id",
            [RecordTypes.Order] = "order_id",
            [RecordTypes.Payment] = "payment_id",
            [RecordTypes.Refund] = "refund_id",
            [RecordTypes.Subscription] = "subscription_id",
            [RecordTypes.Error] = "error_id",
            [RecordTypes.Campaign] = "campaign_id",
            [RecordTypes.AdSpend] = "campaign_id",
        };
        int checkedIds = 0;

        // When
        foreach (var record in app.Dirty.Where(d => d.Kind is not (DirtyKind.Truncated or DirtyKind.InvalidUtf8 or DirtyKind.NotAnObject)))
        {
            using var json = JsonDocument.Parse(record.JsonLine);
            if (!keys.TryGetValue(record.RecordType, out var key) || !json.RootElement.TryGetProperty(key, out var id))
                continue;

            // Then
            cleanIds.ShouldNotContain(id.GetString()!);
            checkedIds++;
        }
        checkedIds.ShouldBeGreaterThan(app.Dirty.Count / 2);
    }

    [Fact]
    public void Should_Route_Unknown_Types_To_The_Events_File_When_Injecting()
    {
        // Given
        var unknown = GeneratedSamples.App.Dirty.Where(d => d.Kind == DirtyKind.UnknownType);

        // When
        var files = unknown.Select(d => d.RecordType).Distinct();

        // Then
        files.ShouldBe([RecordTypes.Event]);
    }
}
