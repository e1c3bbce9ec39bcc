using System.Globalization;

namespace Emulator.Host.Cli;

/// <summary>
/// Sizes as QEMU takes them: a number with an optional K, M, G or T suffix (binary multiples,
/// an optional trailing "B" or "iB"); a bare number means megabytes for --memory, as with -m.
/// Hexadecimal numbers (0x...) are bytes.
/// </summary>
public static class SizeParser
{
    public static bool TryParse(string text, ulong defaultUnit, out ulong bytes)
    {
        bytes = 0;
        string s = text.Trim();
        if (s.Length == 0)
            return false;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes);
        if (s.EndsWith("iB", StringComparison.OrdinalIgnoreCase))
            s = s[..^2];
        else if (s.Length > 1 && (s[^1] is 'B' or 'b') && char.IsLetter(s[^2]))
            s = s[..^1];
        ulong unit = defaultUnit;
        char last = char.ToUpperInvariant(s[^1]);
        if (char.IsLetter(last))
        {
            unit = last switch
            {
                'K' => 1UL << 10,
                'M' => 1UL << 20,
                'G' => 1UL << 30,
                'T' => 1UL << 40,
                _ => 0,
            };
            if (unit == 0)
                return false;
            s = s[..^1];
        }
        if (s.Length == 0 || !s.All(char.IsAsciiDigit) || !ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            return false;
        if (value > ulong.MaxValue / unit)
            return false;
        bytes = value * unit;
        return true;
    }

    public static bool TryParseAddress(string text, out ulong address)
    {
        string s = text.Trim().Replace("_", string.Empty);
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address);
        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out address);
    }

    public static string Format(ulong bytes) => bytes switch
    {
        _ when bytes >= 1UL << 30 && bytes % (1UL << 30) == 0 => $"{bytes >> 30}G",
        _ when bytes >= 1UL << 20 && bytes % (1UL << 20) == 0 => $"{bytes >> 20}M",
        _ when bytes >= 1UL << 10 && bytes % (1UL << 10) == 0 => $"{bytes >> 10}K",
        _ => $"{bytes}",
    };
}
