using System.Text;
using Starboard.Core.Ingest;
using Starboard.IntegrationTests.Pipeline;

namespace Starboard.IntegrationTests.Ingest;

/// <summary>The ingestion API behind `POST /v1/batch`: a JSON array of records, with the same validation and guarantees as a file.</summary>
public sealed class BatchApiTests : IDisposable
{
    private readonly TestWarehouse _w = new();

    private BatchResult Post(string body, BatchLimits? limits = null) =>
        new Ingester(_w.Warehouse, TimeProvider.System).IngestBatch(Encoding.UTF8.GetBytes(body), "api", limits);

    [Fact]
    public void Should_Load_A_Batch_And_Say_Which_Records_Were_Refused_And_Why()
    {
        var result = Post("""
            [
              {"type":"event","event_id":"e1","user_id":"u1","name":"open","ts":"2026-01-01T10:00:00Z"},
              {"type":"payment","payment_id":"p1","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":-1,"currency":"XYZ","status":"succeeded"},
              [1, 2],
              {"type":"payment","payment_id":"p2","user_id":"u1","ts":"2026-01-01T10:00:00Z","amount":1,"currency":"EUR","status":"succeeded","source":"android"}
            ]
            """);

        (result.Received, result.Loaded, result.Rejected, result.Duplicate).ShouldBe((4L, 2L, 2L, false));
        result.Rejects.Select(r => r.Index).ShouldBe([2L, 3L]);
        result.Rejects[0].Codes.ShouldBe(["amount.negative", "currency.unknown_currency"]);
        result.Rejects[1].Codes.ShouldBe(["not_an_object"]);
        _w.Strings("SELECT payment_id FROM raw_payments_android").ShouldBe(["p2"]);
        _w.Query<(long, string, string)>("SELECT line, source, raw FROM rejects ORDER BY line")[1].ShouldBe((3L, "api", "[1, 2]"));
        _w.Scalar<bool>("SELECT bool_and(balanced) FROM load_reconciliation").ShouldBeTrue();
    }

    [Fact]
    public void Should_Accept_A_Retried_Batch_Once()
    {
        const string body = """[{"type":"alias","distinct_id":"a1","user_id":"u1"}]""";
        var first = Post(body);
        var retry = Post(body);

        retry.Duplicate.ShouldBeTrue();
        (retry.LoadId, retry.Loaded).ShouldBe((first.LoadId, 1L));
        _w.Count("raw_aliases").ShouldBe(1);
        _w.Count("loads").ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"type":"alias"}""", BatchProblem.NotAnArray, "the batch must be a JSON array of records")]
    [InlineData("""[{"type":"alias"}""", BatchProblem.Malformed, "the batch is not valid JSON: ")]
    [InlineData("""[{"type":"alias"}] []""", BatchProblem.Malformed, "the batch is not valid JSON: ")]
    [InlineData("""[1,2,3,4]""", BatchProblem.TooManyRecords, "the batch has 4 records; at most 3 are accepted")]
    [InlineData("""[             "long"             ]""", BatchProblem.TooManyBytes, "the batch is 34 bytes; at most 32 are accepted")]
    public void Should_Refuse_A_Whole_Batch_That_Is_Too_Large_Or_Not_An_Array(string body, BatchProblem problem, string message)
    {
        var e = Should.Throw<BatchException>(() => Post(body, new BatchLimits(MaxRecords: 3, MaxBytes: 32)));

        e.Problem.ShouldBe(problem);
        e.Message.ShouldStartWith(message);
        _w.Count("information_schema.tables", "table_name = 'loads'").ShouldBe(0);
    }

    [Fact]
    public void Should_Accept_An_Empty_Batch() => Post("[]").Received.ShouldBe(0);

    public void Dispose() => _w.Dispose();
}
