namespace Starboard.Core.Ingest;

/// <summary>
/// Parses ISO-8601 timestamps (`2026-03-05T14:22:31.123Z`, `…+02:00`, `…` with no offset, a space instead of
/// `T`) and dates (`YYYY-MM-DD`) by hand, straight from UTF-8: strict, allocation-free, and faster than the
/// BCL's general parsers. The text overloads exist for callers that hold strings.
/// </summary>
public static class Iso8601
{
    private const int MaxLength = 64;

    /// <summary>Parses a timestamp to UTC; <paramref name="hadOffset"/> is false when UTC was assumed.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> s, out DateTime utc, out bool hadOffset)
    {
        utc = default;
        hadOffset = false;
        if (s.Length < 19 || !TryDate(s, out var date) || (s[10] != 'T' && s[10] != ' ' && s[10] != 't'))
            return false;
        if (!Two(s, 11, out var hh) || s[13] != ':' || !Two(s, 14, out var mi) || s[16] != ':' || !Two(s, 17, out var ss))
            return false;
        if (hh > 23 || mi > 59 || ss > 59)
            return false;
        var i = 19;
        long ticks = 0;
        if (i < s.Length && (s[i] == '.' || s[i] == ','))
        {
            i++;
            var digits = 0;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit((char)s[i]))
            {
                if (digits < 7)
                {
                    scale /= 10;
                    ticks += (s[i] - '0') * scale;
                }
                digits++;
                i++;
            }
            if (digits == 0)
                return false;
        }
        var offsetMinutes = 0;
        if (i < s.Length)
        {
            if ((s[i] == 'Z' || s[i] == 'z') && i == s.Length - 1)
                hadOffset = true;
            else if ((s[i] == '+' || s[i] == '-') && TryOffset(s[(i + 1)..], out var off))
            {
                offsetMinutes = s[i] == '+' ? off : -off;
                hadOffset = true;
            }
            else
                return false;
        }
        var local = date.DayNumber * TimeSpan.TicksPerDay + hh * TimeSpan.TicksPerHour + mi * TimeSpan.TicksPerMinute
            + ss * TimeSpan.TicksPerSecond + ticks - offsetMinutes * TimeSpan.TicksPerMinute;
        if (local < 0 || local > DateTime.MaxValue.Ticks)
            return false;
        utc = new DateTime(local, DateTimeKind.Utc);
        return true;
    }

    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out DateTime utc, out bool hadOffset)
    {
        Span<byte> bytes = stackalloc byte[MaxLength];
        if (TryNarrow(s, bytes, out var length))
            return TryParseTimestamp(bytes[..length], out utc, out hadOffset);
        utc = default;
        hadOffset = false;
        return false;
    }

    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date) => s.Length == 10 ? TryDate(s, out date) : Fail(out date);

    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        Span<byte> bytes = stackalloc byte[MaxLength];
        return TryNarrow(s, bytes, out var length) ? TryParseDate(bytes[..length], out date) : Fail(out date);
    }

    private static bool TryNarrow(ReadOnlySpan<char> s, Span<byte> bytes, out int length)
    {
        length = s.Length;
        if (s.Length > bytes.Length)
            return false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] > 127)
                return false;
            bytes[i] = (byte)s[i];
        }
        return true;
    }

    private static bool TryDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (!Four(s, 0, out var y) || s[4] != '-' || !Two(s, 5, out var m) || s[7] != '-' || !Two(s, 8, out var d))
            return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    // +HH:MM, +HHMM or +HH, at most 18 hours
    private static bool TryOffset(ReadOnlySpan<byte> s, out int minutes)
    {
        minutes = 0;
        int h, m = 0;
        if (s.Length == 2 && Two(s, 0, out h)) { }
        else if (s.Length == 5 && s[2] == ':' && Two(s, 0, out h) && Two(s, 3, out m)) { }
        else if (s.Length == 4 && Two(s, 0, out h) && Two(s, 2, out m)) { }
        else return false;
        if (h > 18 || m > 59)
            return false;
        minutes = h * 60 + m;
        return true;
    }

    private static bool Fail(out DateOnly date)
    {
        date = default;
        return false;
    }

    private static bool Two(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 2 > s.Length || !char.IsAsciiDigit((char)s[at]) || !char.IsAsciiDigit((char)s[at + 1]))
            return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    }

    private static bool Four(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (!Two(s, at, out var hi) || !Two(s, at + 2, out var lo))
            return false;
        value = hi * 100 + lo;
        return true;
    }
}
