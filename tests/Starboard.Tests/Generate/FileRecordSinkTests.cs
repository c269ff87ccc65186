using System.Text;
using Starboard.Core.Contract;
using Starboard.Core.Generate;

namespace Starboard.Tests.Generate;

public sealed class FileRecordSinkTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starboard-tests", $"sink-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Should_Write_An_Empty_Line_After_Every_100000_Lines_When_A_File_Grows()
    {
        // Given
        var rate = new FxRateRecord(new DateOnly(2026, 1, 1), "EUR", 1.1m);

        // When
        using (var sink = new FileRecordSink(_folder, OutputFormat.Jsonl))
        {
            for (int i = 0; i < 100_001; i++)
                sink.Write(rate);
        }

        // Then
        var lines = File.ReadAllLines(Path.Combine(_folder, "fx_rates.jsonl"));
        lines.Length.ShouldBe(100_002);
        lines[100_000].ShouldBeEmpty();
        lines.Count(string.IsNullOrEmpty).ShouldBe(1);
    }

    [Fact]
    public void Should_Put_A_Dirty_Payment_In_The_Feed_Of_The_Payment_Before_It_When_Writing()
    {
        // Given
        var payment = new PaymentRecord("p-1-1", "u-1", new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc), 9.99m, "USD",
            "succeeded", null, null, "apple_pay", "ios");
        var dirty = new DirtyRecord(RecordTypes.Payment, DirtyKind.NegativeAmount, "{\"type\":\"payment\"}"u8.ToArray(),
            "payment"u8.ToArray());

        // When
        using (var sink = new FileRecordSink(_folder, OutputFormat.Csv))
        {
            sink.Write(payment);
            sink.WriteDirty(dirty);
        }

        // Then
        var ios = File.ReadAllLines(Path.Combine(_folder, "payments_ios.csv"), Encoding.UTF8);
        ios.ShouldBe(
        [
            "type,payment_id,user_id,ts,amount,currency,status,updated_at,order_id,method,source,properties",
            "payment,p-1-1,u-1,2026-01-01T10:00:00.000Z,9.99,USD,succeeded,,,apple_pay,ios,",
            "payment",
        ]);
        File.ReadAllLines(Path.Combine(_folder, "payments_web.csv")).Length.ShouldBe(1);
    }

    [Fact]
    public void Should_Quote_Cells_With_Commas_And_Quotes_When_Writing_Csv()
    {
        // Given
        var error = new ErrorRecord("err-1-1", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "E_X", "error", null, null,
            "a \"quoted\", message", null, null, """{"k":"v"}""");

        // When
        using (var sink = new FileRecordSink(_folder, OutputFormat.Csv))
            sink.Write(error);

        // Then
        File.ReadAllLines(Path.Combine(_folder, "errors.csv"))[1]
            .ShouldBe("error,err-1-1,2026-01-01T00:00:00.000Z,E_X,error,,,\"a \"\"quoted\"\", message\",,,\"{\"\"k\"\":\"\"v\"\"}\"");
    }
}
