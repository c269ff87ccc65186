namespace Starboard.Core.Ingest;

/// <summary>
/// Splits a byte stream into lines without decoding it (so invalid UTF-8 reaches the validator, which names it).
/// Holds one buffer that grows to the longest line; memory stays constant whatever the file size.
/// </summary>
public sealed class LineSplitter(Stream stream)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed up to the end of the last line returned.</summary>
    public long Position { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline - _start));
                Position += newline + 1 - _start;
                _start = newline + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    Position += _end - _start;
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                line = default;
                return false;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }

    private ReadOnlySpan<byte> Trim(Span<byte> line)
    {
        if (LineNumber == 0 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            line = line[3..];
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }
}
