using System.Text.Json.Nodes;
using Starboard.Core.Engine;
using Starboard.Core.Insights;
using Starboard.Core.Project;

namespace Starboard.IntegrationTests.Insights;

/// <summary>
/// A tiny app for hand-worked insight tests: JSONL records are written to a temp file, loaded the way
/// `starboard insight --input` loads them (ingest, then only the staging models), and queried.
/// </summary>
public class InsightApp : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("starboard-insight-").FullName;
    private readonly Warehouse _warehouse;

    public InsightApp(params string[] lines)
    {
        var file = Path.Combine(_folder, "app.jsonl");
        File.WriteAllLines(file, lines);
        var project = StarboardProject.Load(new StarboardSettings(), _folder);
        _warehouse = InsightWarehouse.FromFiles(project, [file], Clock, out var ingested);
        ingested.Rejected.ShouldBe(0, "every test record should be valid");
    }

    /// <summary>An app from a generator: <paramref name="write"/> fills the folder with source files.</summary>
    public InsightApp(Action<string> write)
    {
        write(_folder);
        var project = StarboardProject.Load(new StarboardSettings(), _folder);
        _warehouse = InsightWarehouse.FromFiles(project, [_folder], Clock, out _);
    }

    public Warehouse Warehouse => _warehouse;

    /// <summary>Ingestion rejects timestamps in the future, so the tests' clock sits after all their data.</summary>
    public static TimeProvider Clock { get; } = new FixedClock(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));

    public JsonObject Run(string queryJson) => InsightRunner.Run(_warehouse, queryJson, Clock);

    public static string Event(string id, string user, string name, string ts, string? properties = null, string? extra = null) =>
        $$"""{"type":"event","event_id":"{{id}}","user_id":"{{user}}","name":"{{name}}","ts":"{{ts}}"{{(properties is null ? "" : ",\"properties\":" + properties)}}{{(extra is null ? "" : "," + extra)}}}""";

    public static string User(string id, string createdAt, string? extra = null) =>
        $$"""{"type":"user","user_id":"{{id}}","created_at":"{{createdAt}}"{{(extra is null ? "" : "," + extra)}}}""";

    public static string Alias(string distinctId, string userId) =>
        $$"""{"type":"alias","distinct_id":"{{distinctId}}","user_id":"{{userId}}"}""";

    public static long[] Longs(JsonNode? node) => node!.AsArray().Select(x => x!.GetValue<long>()).ToArray();

    public static string[] Strings(JsonNode? node) => node!.AsArray().Select(x => x!.GetValue<string>()).ToArray();

    public static long[][] Matrix(JsonNode? node) => node!.AsArray().Select(Longs).ToArray();

    public static double?[] Doubles(JsonNode? node) => node!.AsArray().Select(x => x is null ? (double?)null : x.GetValue<double>()).ToArray();

    public void Dispose()
    {
        _warehouse.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
