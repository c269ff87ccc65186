namespace Starboard.Core.Ingest;

/// <summary>
/// The bytes of one input, read in large blocks into a buffer that readers scan in place. It knows the content
/// offset of what has been consumed, and hashes consumed bytes as it goes (<see cref="ContentHash"/>), so a checkpoint can name
/// the exact prefix it covers without the input being read a second time. The buffer grows only to the longest
/// record, up to a limit, so memory does not depend on the input's size.
/// </summary>
internal sealed class InputBuffer : IDisposable
{
    private const int BlockSize = 1 << 20;

    private readonly Stream _stream;
    private readonly ContentHash _hash = new();
    private byte[] _buffer = new byte[BlockSize];
    private int _start;
    private int _end;
    private int _hashedTo;
    private bool _eof;

    public InputBuffer(Stream stream, int maxRecordBytes)
    {
        _stream = stream;
        MaxRecordBytes = maxRecordBytes;
    }

    /// <summary>Longest record kept whole; the buffer never grows beyond about this.</summary>
    public int MaxRecordBytes { get; }

    /// <summary>Content offset of the first unconsumed byte.</summary>
    public long Position { get; private set; }

    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> AvailableMemory => _buffer.AsMemory(_start, _end - _start);

    public bool AtEnd => _eof && _start == _end;

    public bool IsEndOfInput => _eof;

    /// <summary>Why the input ended early (a corrupt compressed stream), until a reader takes it to report.</summary>
    public string? Error { get; private set; }

    public string? TakeError()
    {
        var error = Error;
        Error = null;
        return error;
    }

    public void Consume(int count)
    {
        _start += count;
        Position += count;
    }

    /// <summary>
    /// Reads more input after what is available, keeping it; false at the end of the input, or when the
    /// unconsumed bytes already fill <see cref="MaxRecordBytes"/> (the caller then cuts the record).
    /// </summary>
    public bool Fill()
    {
        if (_eof)
            return false;
        if (_start > 0)
        {
            HashConsumed();
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
            _hashedTo = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes + BlockSize)
                return false;
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            // A corrupt or truncated compressed file: what came before still counts; the rest is one reject.
            Error = e.Message;
            read = 0;
        }
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        return true;
    }

    /// <summary>The hash of the content before <see cref="Position"/>: the prefix a checkpoint covers (or the whole content at the end).</summary>
    public byte[] PrefixHash()
    {
        HashConsumed();
        return _hash.Current();
    }

    /// <summary>Consumes (and hashes) the content up to <paramref name="offset"/> without reading records: how a resumed load skips what is committed.</summary>
    public bool SkipTo(long offset)
    {
        while (Position < offset)
        {
            if (_start == _end && !Fill())
                return false;
            var step = (int)Math.Min(offset - Position, _end - _start);
            Consume(step);
        }
        return true;
    }

    /// <summary>Drops a buffer that grew for one long record, once the reader is past it.</summary>
    public void Shrink()
    {
        if (_buffer.Length > BlockSize * 4 && _end - _start < BlockSize)
        {
            HashConsumed();
            var smaller = new byte[BlockSize * 2];
            Buffer.BlockCopy(_buffer, _start, smaller, 0, _end - _start);
            _end -= _start;
            _start = 0;
            _hashedTo = 0;
            _buffer = smaller;
        }
    }

    private void HashConsumed()
    {
        if (_start > _hashedTo)
        {
            _hash.Append(_buffer.AsSpan(_hashedTo, _start - _hashedTo));
            _hashedTo = _start;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
    }
}
