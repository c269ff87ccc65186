using System.Buffers;

namespace Starboard.DuckDb.Native;

/// <summary>
/// A pooled byte array kept between calls (text encoded to UTF-8 before it is handed to DuckDB), grown when a
/// value needs more. A mutable struct: hold it in a field, never copy it.
/// </summary>
internal struct ScratchBuffer
{
    private byte[]? _array;

    public Span<byte> Rent(int size)
    {
        if (_array is null || _array.Length < size)
        {
            Release();
            _array = ArrayPool<byte>.Shared.Rent(size);
        }

        return _array;
    }

    public void Release()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = null;
        }
    }
}
