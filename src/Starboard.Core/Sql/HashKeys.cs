using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Starboard.Core.Sql;

/// <summary>
/// Surrogate keys as stable hashes of natural keys: the first 60 bits of the MD5 of the parts joined by U+001F.
/// Every engine computes the same number (the dialects' `hash_key` macro), so a key never depends on load order
/// and facts can compute dimension keys without a lookup.
/// </summary>
public static class HashKeys
{
    public static long Of(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? ""));
        var hex = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
        return long.Parse(hex.AsSpan(0, 15), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
