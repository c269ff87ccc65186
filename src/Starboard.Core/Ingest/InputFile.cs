using System.IO.Compression;

namespace Starboard.Core.Ingest;

public enum InputFormat { Jsonl, Csv }

/// <summary>
/// One input file: where it is, what it holds (JSONL or CSV, maybe gzip-compressed, told by its name) and the
/// name its records are recorded under. Opening it gives a record reader over its content, with the file's own
/// bytes counted (for progress) and, when compressed, hashed (the content hash names the file as stored).
/// </summary>
public sealed record InputFile(string Path, string Source, InputFormat Format, bool Gzip)
{
    private static readonly string[] JsonExtensions = [".jsonl", ".ndjson", ".json"];

    public static bool IsInput(string path) => Detect(path) is not null;

    /// <summary>The input at <paramref name="path"/>, named <paramref name="source"/> (default: the file name).</summary>
    public static InputFile For(string path, string? source = null)
    {
        var (format, gzip) = Detect(path) ?? (InputFormat.Jsonl, false);
        return new InputFile(System.IO.Path.GetFullPath(path), source ?? System.IO.Path.GetFileName(path), format, gzip);
    }

    private static (InputFormat, bool)? Detect(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        var gzip = name.EndsWith(".gz", StringComparison.Ordinal);
        var ext = System.IO.Path.GetExtension(gzip ? name[..^3] : name);
        if (ext == ".csv")
            return (InputFormat.Csv, gzip);
        return JsonExtensions.Contains(ext) ? (InputFormat.Jsonl, gzip) : null;
    }

    internal OpenInput Open(int maxRecordBytes, Action<long>? bytesRead)
    {
        var file = new CountingStream(File.OpenRead(Path), hash: Gzip, bytesRead);
        Stream content = Gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new InputBuffer(content, maxRecordBytes);
        IRecordReader reader = Format == InputFormat.Csv ? new CsvRecordReader(buffer, Path) : new JsonLinesReader(buffer);
        return new OpenInput(reader, file, Gzip);
    }

    /// <summary>The content hash of the file as stored (read once, nothing parsed).</summary>
    public string HashFile()
    {
        using var stream = File.OpenRead(Path);
        return ContentHash.Of(stream);
    }

    /// <summary>
    /// Copies standard input (or any stream) into <paramref name="folder"/>, named by its content hash, so it is
    /// loaded like a file: hashed, resumable after a crash (the same input lands at the same path) and skipped
    /// when it was loaded before. Returns the spooled file.
    /// </summary>
    public static InputFile Spool(Stream input, string folder, InputFormat format, string source = "stdin")
    {
        Directory.CreateDirectory(folder);
        var partial = System.IO.Path.Combine(folder, $"{source}-{Guid.NewGuid():N}.partial");
        string hash;
        var hasher = new ContentHash();
        using (var file = File.Create(partial))
        {
            var block = new byte[1 << 20];
            int read;
            while ((read = input.Read(block, 0, block.Length)) > 0)
            {
                hasher.Append(block.AsSpan(0, read));
                file.Write(block, 0, read);
            }
            hash = ContentHash.Hex(hasher.Current());
        }
        var path = System.IO.Path.Combine(folder, $"{source}-{hash[..16]}{(format == InputFormat.Csv ? ".csv" : ".jsonl")}");
        File.Move(partial, path, overwrite: true);
        return new InputFile(path, source, format, Gzip: false);
    }
}

/// <summary>An opened input: the record reader, and the file stream under it.</summary>
internal sealed class OpenInput(IRecordReader reader, CountingStream file, bool compressed) : IDisposable
{
    public IRecordReader Reader => reader;

    /// <summary>The content hash of the file as stored, once the content has been read to its end.</summary>
    public string FileHash()
    {
        if (!compressed)
            return ContentHash.Hex(reader.PrefixHash());
        file.DrainToEnd();
        return file.Hash();
    }

    public void Dispose() => reader.Dispose();
}

/// <summary>Counts (and optionally hashes) the bytes read through it.</summary>
internal sealed class CountingStream(Stream inner, bool hash, Action<long>? report) : Stream
{
    private readonly ContentHash? _hash = hash ? new ContentHash() : null;
    private long _read;
    private long _reported;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        _hash?.Append(buffer.AsSpan(offset, n));
        _read += n;
        if (report is not null && (_read - _reported >= 1 << 20 || n == 0))
        {
            _reported = _read;
            report(_read);
        }
        return n;
    }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash?.Append(buffer[..n]);
        _read += n;
        if (report is not null && (_read - _reported >= 1 << 20 || n == 0))
        {
            _reported = _read;
            report(_read);
        }
        return n;
    }

    /// <summary>Reads what the decompressor left (trailing bytes), so the hash covers the whole file.</summary>
    public void DrainToEnd()
    {
        var block = new byte[1 << 16];
        while (Read(block, 0, block.Length) > 0) { }
    }

    public string Hash() => ContentHash.Hex(_hash!.Current());

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
