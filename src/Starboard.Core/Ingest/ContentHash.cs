using System.IO.Hashing;

namespace Starboard.Core.Ingest;

/// <summary>
/// How a load names content (a file as stored, a posted batch, the prefix a checkpoint covers): XXH128, as 32 hex
/// digits. It tells content loaded before from new content and checks that a resumed file is the one that was
/// being read; nothing trusts it against a forger, so it need not be cryptographic, and at about ten times the
/// speed of SHA-256 it no longer costs the reading thread a twentieth of a load's CPU.
/// </summary>
internal sealed class ContentHash
{
    private readonly XxHash128 _hash = new();

    public void Append(ReadOnlySpan<byte> bytes) => _hash.Append(bytes);

    /// <summary>The hash of everything appended so far (appending may go on).</summary>
    public byte[] Current() => _hash.GetCurrentHash();

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    public static string Of(ReadOnlySpan<byte> bytes) => Hex(XxHash128.Hash(bytes));

    public static string Of(Stream stream)
    {
        var hash = new XxHash128();
        hash.Append(stream);
        return Hex(hash.GetCurrentHash());
    }
}
