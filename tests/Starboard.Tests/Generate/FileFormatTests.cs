using System.Globalization;
using System.Text;
using System.Text.Json;
using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

public class FileFormatTests
{
    private static readonly string[] FileNames =
    [
        "users", "aliases", "sessions", "events", "events_late", "orders", "payments_web", "payments_ios",
        "payments_android", "refunds", "subscriptions", "errors", "campaigns", "ad_spend", "fx_rates",
    ];

    private static readonly Dictionary<string, string> TypeOfFile = new()
    {
        ["users"] = "user",
        ["aliases"] = "alias",
        ["sessions"] = "session",
        ["events"] = "event",
        ["events_late"] = "event",
        ["orders"] = "order",
        ["payments_web"] = "payment",
        ["payments_ios"] = "payment",
        ["payments_android"] = "payment",
        ["refunds"] = "refund",
        ["subscriptions"] = "subscription",
        ["errors"] = "error",
        ["campaigns"] = "campaign",
        ["ad_spend"] = "ad_spend",
        ["fx_rates"] = "fx_rate",
    };

    private readonly SpecLineValidator _validator = new(GeneratedSamples.FileOptions.EndDate);

    [Theory]
    [InlineData(OutputFormat.Jsonl, ".jsonl")]
    [InlineData(OutputFormat.Csv, ".csv")]
    public void Should_Write_One_File_Per_Record_Type_When_Writing_Files(OutputFormat format, string extension)
    {
        // Given
        var sample = format == OutputFormat.Csv ? GeneratedSamples.Csv : GeneratedSamples.Jsonl;

        // When
        var written = Directory.GetFiles(sample.Folder).Select(f => Path.GetFileName(f)).Order().ToList();

        // Then
        written.ShouldBe(FileNames.Select(n => n + extension).Order().ToList());
        sample.Summary.Files.Select(f => Path.GetFileName(f)).Order().ToList().ShouldBe(written);
    }

    [Fact]
    public void Should_Pass_Spec_Validation_For_Clean_Lines_Only_When_Reading_Jsonl()
    {
        // Given
        var sample = GeneratedSamples.Jsonl;
        var dirtyLines = GeneratedSamples.FileRecords.Dirty.Select(d => Convert.ToBase64String(d.JsonLine)).ToHashSet();
        int invalid = 0, valid = 0;

        // When
        foreach (string name in FileNames)
        {
            foreach (var line in Lines(sample.PathOf(name + ".jsonl")))
            {
                var reasons = _validator.ValidateJson(line);
                bool isDirty = dirtyLines.Contains(Convert.ToBase64String(line));

                // Then
                if (isDirty)
                {
                    reasons.ShouldNotBeEmpty($"dirty line in {name} passed: {Encoding.UTF8.GetString(line)}");
                    invalid++;
                    continue;
                }
                reasons.ShouldBeEmpty($"clean line in {name}: {Encoding.UTF8.GetString(line)}");
                using var json = JsonDocument.Parse(line.ToArray());
                json.RootElement.GetProperty("type").GetString().ShouldBe(TypeOfFile[name]);
                valid++;
            }
        }
        invalid.ShouldBe((int)sample.Summary.DirtyLines);
        valid.ShouldBe((int)sample.Summary.CleanLines);
    }

    [Fact]
    public void Should_Pass_Spec_Validation_For_Clean_Rows_Only_When_Reading_Csv_With_CsvHelper()
    {
        // Given
        var sample = GeneratedSamples.Csv;
        var dirtyRows = GeneratedSamples.FileRecords.Dirty.Select(d => Encoding.UTF8.GetString(d.CsvLine)).ToHashSet();
        int invalid = 0, valid = 0;

        // When
        foreach (string name in FileNames)
        {
            var rows = _validator.ValidateCsvFile(sample.PathOf(name + ".csv"), out var header);

            // Then
            string type = TypeOfFile[name];
            header.ShouldBe(SpecContract.WithProperties(type).Select(f => f.Name).Prepend("type").ToArray());
            foreach (var (raw, reasons) in rows)
            {
                if (dirtyRows.Contains(raw))
                {
                    reasons.ShouldNotBeEmpty($"dirty row in {name} passed: {raw}");
                    invalid++;
                    continue;
                }
                reasons.ShouldBeEmpty($"clean row in {name}: {raw}");
                raw.ShouldStartWith(type + ",");
                valid++;
            }
        }
        invalid.ShouldBe((int)sample.Summary.DirtyLines);
        valid.ShouldBe((int)sample.Summary.CleanLines);
    }

    [Fact]
    public void Should_Round_Trip_Event_Ids_And_Instants_When_Jsonl_Is_Parsed()
    {
        // Given
        var expected = GeneratedSamples.FileRecords.Events;
        var styles = new HashSet<string>();
        var parsed = new List<(string Id, DateTimeOffset Ts)>();

        // When
        foreach (var line in Lines(GeneratedSamples.Jsonl.PathOf("events.jsonl")))
        {
            if (_validator.ValidateJson(line).Count > 0)
                continue; // a dirty line
            using var json = JsonDocument.Parse(line.ToArray());
            string ts = json.RootElement.GetProperty("ts").GetString()!;
            styles.Add(ts.EndsWith('Z') ? "Z" : ts.Length == 23 ? "none" : "offset");
            var instant = DateTimeOffset.Parse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            parsed.Add((json.RootElement.GetProperty("event_id").GetString()!, instant));
        }

        // Then
        parsed.Select(p => p.Id).ShouldBe(expected.Select(e => e.EventId));
        parsed.Select(p => p.Ts.UtcDateTime).ShouldBe(expected.Select(e => e.Ts));
        styles.ShouldBe(["Z", "offset", "none"], ignoreOrder: true);
    }

    [Fact]
    public void Should_Split_Payments_By_Source_Feed_When_Writing_Files()
    {
        // Given
        var sample = GeneratedSamples.Jsonl;

        // When
        var sources = new[] { "web", "ios", "android" }.ToDictionary(feed => feed, feed =>
            Lines(sample.PathOf($"payments_{feed}.jsonl"))
                .Where(l => _validator.ValidateJson(l).Count == 0)
                .Select(l => JsonDocument.Parse(l.ToArray()).RootElement.GetProperty("source").GetString())
                .ToHashSet());

        // Then
        sources["ios"].ShouldBe(["ios"]);
        sources["android"].ShouldBe(["android"]);
        sources["web"].ShouldBe(["web", "other"], ignoreOrder: true);
    }

    [Fact]
    public void Should_Write_Order_Items_As_An_Array_Of_Objects_When_Writing_Jsonl()
    {
        // Given
        var line = Lines(GeneratedSamples.Jsonl.PathOf("orders.jsonl")).First(l => _validator.ValidateJson(l).Count == 0);

        // When
        using var json = JsonDocument.Parse(line.ToArray());
        var items = json.RootElement.GetProperty("items");

        // Then
        items.ValueKind.ShouldBe(JsonValueKind.Array);
        items[0].EnumerateObject().Select(p => p.Name).ShouldBe(["sku", "quantity", "unit_price"]);
    }

    /// <summary>The non-empty lines of a file as raw bytes (empty lines are allowed and skipped).</summary>
    private static IEnumerable<byte[]> Lines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != (byte)'\n')
                continue;
            if (i > start)
                yield return bytes[start..i];
            start = i + 1;
        }
    }
}
