using System.Globalization;
using System.Text;

namespace Emulator.Host.Gdb;

/// <summary>Encodings of the GDB remote serial protocol: checksums, hex, binary escapes.</summary>
public static class GdbProtocol
{
    /// <summary>The largest packet payload the stub accepts (announced as qSupported's PacketSize).</summary>
    public const int MaxPacketSize = 0x4000;

    /// <summary>The modulo-256 sum of the payload's bytes, as a packet's two-digit checksum carries it.</summary>
    public static byte Checksum(ReadOnlySpan<byte> payload)
    {
        byte sum = 0;
        foreach (byte b in payload)
            sum += b;
        return sum;
    }

    /// <summary>A framed packet: $payload#cc, with '$', '#', '}' and '*' in the payload escaped.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var escaped = new List<byte>(payload.Length + 4);
        foreach (byte b in payload)
        {
            if (b is (byte)'$' or (byte)'#' or (byte)'}' or (byte)'*')
            {
                escaped.Add((byte)'}');
                escaped.Add((byte)(b ^ 0x20));
            }
            else
            {
                escaped.Add(b);
            }
        }
        byte sum = Checksum(escaped.ToArray());
        var packet = new byte[escaped.Count + 4];
        packet[0] = (byte)'$';
        escaped.CopyTo(packet, 1);
        packet[^3] = (byte)'#';
        packet[^2] = (byte)HexDigit(sum >> 4);
        packet[^1] = (byte)HexDigit(sum & 15);
        return packet;
    }

    /// <summary>Removes the '}' escapes of binary data (X packets, qXfer): the byte after '}' is XORed with 0x20. False for a trailing '}'.</summary>
    public static bool TryUnescape(ReadOnlySpan<byte> data, out byte[] bytes)
    {
        var list = new List<byte>(data.Length);
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == (byte)'}')
            {
                if (++i >= data.Length)
                {
                    bytes = [];
                    return false;
                }
                list.Add((byte)(data[i] ^ 0x20));
            }
            else
            {
                list.Add(data[i]);
            }
        }
        bytes = [.. list];
        return true;
    }

    public static char HexDigit(int nibble) => "0123456789abcdef"[nibble & 15];

    public static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    public static string ToHex(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes)
            sb.Append(HexDigit(b >> 4)).Append(HexDigit(b));
        return sb.ToString();
    }

    /// <summary>Decodes pairs of hex digits; false for an odd length or a non-hex character.</summary>
    public static bool TryFromHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 2 != 0)
            return false;
        var result = new byte[text.Length / 2];
        for (int i = 0; i < result.Length; i++)
        {
            int hi = HexValue((byte)text[2 * i]), lo = HexValue((byte)text[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return false;
            result[i] = (byte)(hi << 4 | lo);
        }
        bytes = result;
        return true;
    }

    /// <summary>A hex number of at most 16 digits (no prefix), as addresses and lengths are sent.</summary>
    public static bool TryParseHex(string text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && text.Length is > 0 and <= 16;

    /// <summary>A value's bytes in target (little-endian) order, as hex.</summary>
    public static string LittleEndianHex(ulong value, int bytes)
    {
        Span<byte> b = stackalloc byte[8];
        global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return ToHex(b[..bytes]);
    }
}
