using System.IO.Compression;
using System.Text;
using Starboard.Core.Contract;
using Starboard.Core.Ingest;

namespace Starboard.Tests.Ingest;

public sealed class InputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("starboard-input-").FullName;

    [Theory]
    [InlineData("a/events.jsonl", InputFormat.Jsonl, false)]
    [InlineData("events.ndjson", InputFormat.Jsonl, false)]
    [InlineData("events.JSONL.GZ", InputFormat.Jsonl, true)]
    [InlineData("payments_web.csv", InputFormat.Csv, false)]
    [InlineData("payments_web.csv.gz", InputFormat.Csv, true)]
    public void Should_Tell_The_Format_From_The_Name(string path, InputFormat format, bool gzip)
    {
        InputFile.IsInput(path).ShouldBeTrue();
        var file = InputFile.For(path);
        (file.Format, file.Gzip, file.Source).ShouldBe((format, gzip, Path.GetFileName(path)));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("archive.gz")]
    [InlineData("events.jsonl.zip")]
    public void Should_Not_Take_Other_Files_For_Input(string path) => InputFile.IsInput(path).ShouldBeFalse();

    [Fact]
    public void Should_Read_A_Compressed_File_And_Hash_It_As_Stored()
    {
        // Given a gzip-compressed JSONL file
        var path = Path.Combine(_folder, "events.jsonl.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("""{"type":"alias","distinct_id":"a","user_id":"u"}""" + "\n"));

        // When it is read to the end
        using var input = InputFile.For(path).Open(1 << 20, null);
        var record = new RawRecord();
        input.Reader.Read(record).ShouldBeTrue();
        record.Spec!.Type.ShouldBe("alias");
        input.Reader.Read(record).ShouldBeFalse();

        // Then its hash is the hash of the compressed bytes
        input.FileHash().ShouldBe(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(File.ReadAllBytes(path))));
    }

    [Fact]
    public void Should_Load_What_Precedes_The_Cut_Of_A_Truncated_Compressed_File()
    {
        // Given a compressed file cut in half
        var path = Path.Combine(_folder, "aliases.jsonl.gz");
        var lines = string.Concat(Enumerable.Range(0, 20_000).Select(i => $$"""{"type":"alias","distinct_id":"a{{i * 7919 % 100_003}}","user_id":"u{{i}}"}""" + "\n"));
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(lines));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        // When it is read
        using var input = InputFile.For(path).Open(1 << 20, null);
        var record = new RawRecord();
        var codes = new List<string?>();
        while (input.Reader.Read(record))
            codes.Add(record.Error?.Code);

        // Then the records before the cut are read, and the cut line is one bad record at the end
        codes.Count(c => c is null).ShouldBeGreaterThan(1000);
        codes[..^1].Count(c => c != null).ShouldBe(0);
        codes[^1].ShouldBe("malformed");
    }

    [Fact]
    public void Should_Report_An_Undecodable_Compressed_File_As_One_Unreadable_Record()
    {
        var path = Path.Combine(_folder, "aliases.jsonl.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("""{"type":"alias","distinct_id":"a","user_id":"u"}""" + "\n"));
        var bytes = File.ReadAllBytes(path);
        bytes[3] = 0xE0; // reserved header flags
        File.WriteAllBytes(path, bytes);

        using var input = InputFile.For(path).Open(1 << 20, null);
        var record = new RawRecord();
        input.Reader.Read(record).ShouldBeTrue();
        record.Error!.Value.Code.ShouldBe("unreadable");
        record.Line.ShouldBe(1);
        input.Reader.Read(record).ShouldBeFalse();
    }

    [Fact]
    public void Should_Spool_A_Stream_To_A_File_Named_By_Its_Content()
    {
        var content = Encoding.UTF8.GetBytes("""{"type":"alias","distinct_id":"a","user_id":"u"}""");
        var first = InputFile.Spool(new MemoryStream(content), _folder, InputFormat.Jsonl);
        var again = InputFile.Spool(new MemoryStream(content), _folder, InputFormat.Jsonl);
        first.Path.ShouldBe(again.Path);
        first.Source.ShouldBe("stdin");
        File.ReadAllBytes(first.Path).ShouldBe(content);
        Directory.GetFiles(_folder).Length.ShouldBe(1);
    }

    [Fact]
    public void Should_Derive_One_Raw_Table_Per_Payment_Feed()
    {
        var payment = InputContract.Find("payment")!;
        payment.RawTables.ShouldBe(["raw_payments_web", "raw_payments_ios", "raw_payments_android", "raw_payments_other"]);
        RawTables.All(payment).Select(t => t.Columns.Count).Distinct().Single().ShouldBe(RawTables.MetadataColumns.Count + payment.Fields.Count);
        InputContract.Find("event")!.RawTables.ShouldBe(["raw_events"]);
    }

    [Theory]
    [InlineData("payments_ios.jsonl", "raw_payments_ios")]
    [InlineData("2026-01-01-android-payments.csv.gz", "raw_payments_android")]
    [InlineData("payments.jsonl", null)]
    public void Should_Route_Payments_Without_A_Source_By_The_File_Name(string file, string? table) =>
        RecordProducer.FeedFromFileName(InputContract.Find("payment")!, file).ShouldBe(table);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
