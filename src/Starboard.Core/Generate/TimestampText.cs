namespace Starboard.Core.Generate;

/// <summary>
/// Writes timestamps as ISO-8601 UTF-8 text. Most records use `2026-03-05T14:22:31.123Z`; a few express the same
/// instant with a non-zero offset, and a few carry no offset at all (UTC implied), because real feeds mix them
/// and the ingester must normalize them. The style is a pure function of the record's id, so a re-sent
/// duplicate renders byte-identical to its original.
/// </summary>
internal static class TimestampText
{
    public const int MaxLength = 29; // 2026-03-05T14:22:31.123+05:30

    private static readonly int[] OffsetMinutes = [120, 330, -300, 540, -180, 60];

    /// <summary>0 means Z; 1..n an offset from <see cref="OffsetMinutes"/>; -1 no offset.</summary>
    public static int StyleFor(string key)
    {
        // FNV-1a: cheap, stable across runtimes (unlike string.GetHashCode, which is randomized per process).
        uint hash = 2166136261;
        foreach (char c in key)
            hash = (hash ^ c) * 16777619;
        hash ^= hash >> 15;
        uint bucket = hash % 1000;
        if (bucket < 950)
            return 0;
        if (bucket < 985)
            return 1 + (int)(hash / 1000 % (uint)OffsetMinutes.Length);
        return -1;
    }

    public static int Format(DateTime utc, int style, Span<byte> destination)
    {
        int offset = style > 0 ? OffsetMinutes[style - 1] : 0;
        var local = utc.AddMinutes(offset);
        WriteDigits(destination, 0, local.Year, 4);
        destination[4] = (byte)'-';
        WriteDigits(destination, 5, local.Month, 2);
        destination[7] = (byte)'-';
        WriteDigits(destination, 8, local.Day, 2);
        destination[10] = (byte)'T';
        WriteDigits(destination, 11, local.Hour, 2);
        destination[13] = (byte)':';
        WriteDigits(destination, 14, local.Minute, 2);
        destination[16] = (byte)':';
        WriteDigits(destination, 17, local.Second, 2);
        destination[19] = (byte)'.';
        WriteDigits(destination, 20, local.Millisecond, 3);
        if (style < 0)
            return 23;
        if (style == 0)
        {
            destination[23] = (byte)'Z';
            return 24;
        }
        destination[23] = offset < 0 ? (byte)'-' : (byte)'+';
        int abs = Math.Abs(offset);
        WriteDigits(destination, 24, abs / 60, 2);
        destination[26] = (byte)':';
        WriteDigits(destination, 27, abs % 60, 2);
        return 29;
    }

    public static int FormatDate(DateOnly date, Span<byte> destination)
    {
        WriteDigits(destination, 0, date.Year, 4);
        destination[4] = (byte)'-';
        WriteDigits(destination, 5, date.Month, 2);
        destination[7] = (byte)'-';
        WriteDigits(destination, 8, date.Day, 2);
        return 10;
    }

    public static string ToText(DateTime utc, int style = 0)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(utc, style, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    private static void WriteDigits(Span<byte> destination, int start, int value, int width)
    {
        for (int i = start + width - 1; i >= start; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
