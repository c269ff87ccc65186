using System.Buffers;
using System.Text;

namespace Starboard.DuckDb.Native;

/// <summary>
/// A string encoded as UTF-8 into a pooled array, optionally NUL-terminated for the C API's <c>const char*</c>
/// parameters. Renting avoids a fresh byte[] per command or per bound string.
/// </summary>
internal readonly struct PooledUtf8 : IDisposable
{
    private readonly byte[] _array;

    private PooledUtf8(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>Number of encoded bytes, without the terminating NUL.</summary>
    public int Length { get; }

    public byte[] Array => _array;

    public static PooledUtf8 Encode(string text, bool nulTerminate)
    {
        var array = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
        var length = Encoding.UTF8.GetBytes(text, array);
        if (nulTerminate)
        {
            array[length] = 0;
        }

        return new PooledUtf8(array, length);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}
