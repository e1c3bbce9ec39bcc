using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Emulator.Devices.Vga;

/// <summary>
/// Conversion of VRAM scanlines to the display's pixel format: RGBA in a <see cref="uint"/>, R in
/// bits 7:0, G in 15:8, B in 23:16 and A = 0xFF in 31:24 (bytes R, G, B, A in memory on a
/// little-endian host). Source formats are those of QEMU's std VGA in a VBE mode:
/// <list type="bullet">
/// <item>8 bpp: an index into the DAC palette (already converted to RGBA by the caller);</item>
/// <item>15 bpp: x1r5g5b5 in a 16-bit word; 16 bpp: r5g6b5;</item>
/// <item>24 bpp: bytes b, g, r (big-endian framebuffer: r, g, b);</item>
/// <item>32 bpp: x8r8g8b8 in a 32-bit word, bytes b, g, r, x (big-endian framebuffer: x, r, g, b).</item>
/// </list>
/// With a big-endian framebuffer (QEMU extension register) the 16- and 32-bit words are stored
/// big-endian, as QEMU's <c>vga_draw_line*_be</c> read them. 5- and 6-bit channels are widened by
/// replicating their high bits, as pixman does when the UI converts QEMU's shared surface.
/// </summary>
public static class PixelFormats
{
    /// <summary>Opaque alpha, bits 31:24.</summary>
    public const uint Alpha = 0xFF00_0000;

    /// <summary>Whether <paramref name="bpp"/> is a depth the scanout converts (4 bpp planar is not).</summary>
    public static bool IsSupported(int bpp) => bpp is 8 or 15 or 16 or 24 or 32;

    /// <summary>Bytes per pixel in VRAM: 15 bpp takes two bytes (QEMU's <c>vbe_fixup_regs</c>).</summary>
    public static int BytesPerPixel(int bpp) => bpp == 15 ? 2 : (bpp + 7) >> 3;

    /// <summary>Packs 8-bit channels into the display format.</summary>
    public static uint Rgba(uint r, uint g, uint b) => Alpha | (b << 16) | (g << 8) | r;

    /// <summary>Widens a 5-bit channel to 8 bits by replicating its high bits.</summary>
    public static uint Expand5(uint c) => (c << 3) | (c >> 2);

    /// <summary>Widens a 6-bit channel to 8 bits by replicating its high bits.</summary>
    public static uint Expand6(uint c) => (c << 2) | (c >> 4);

    /// <summary>One x1r5g5b5 pixel.</summary>
    public static uint FromX1R5G5B5(uint v) =>
        Rgba(Expand5((v >> 10) & 0x1F), Expand5((v >> 5) & 0x1F), Expand5(v & 0x1F));

    /// <summary>One r5g6b5 pixel.</summary>
    public static uint FromR5G6B5(uint v) =>
        Rgba(Expand5((v >> 11) & 0x1F), Expand6((v >> 5) & 0x3F), Expand5(v & 0x1F));

    /// <summary>
    /// Converts the first <paramref name="destination"/>.Length pixels of one VRAM scanline.
    /// <paramref name="source"/> must hold at least that many pixels of <paramref name="bpp"/>
    /// bits; <paramref name="palette"/> (256 RGBA entries) is used for 8 bpp only. Allocates nothing.
    /// </summary>
    public static void ConvertRow(ReadOnlySpan<byte> source, Span<uint> destination, int bpp, bool bigEndian,
        ReadOnlySpan<uint> palette)
    {
        int n = destination.Length;
        switch (bpp)
        {
            case 8:
                ConvertIndexed(source[..n], destination, palette);
                break;
            case 15:
            case 16:
                Convert16(source[..(2 * n)], destination, bpp == 15, bigEndian);
                break;
            case 24:
                Convert24(source[..(3 * n)], destination, bigEndian);
                break;
            case 32:
                Convert32(MemoryMarshal.Cast<byte, uint>(source[..(4 * n)]), destination, bigEndian);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(bpp), bpp, "unsupported depth");
        }
    }

    private static void ConvertIndexed(ReadOnlySpan<byte> source, Span<uint> destination, ReadOnlySpan<uint> palette)
    {
        palette = palette[..256];
        for (int i = 0; i < destination.Length; i++)
            destination[i] = palette[source[i]];
    }

    private static void Convert16(ReadOnlySpan<byte> source, Span<uint> destination, bool x1r5g5b5, bool bigEndian)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            ReadOnlySpan<byte> p = source.Slice(2 * i, 2);
            uint v = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(p) : BinaryPrimitives.ReadUInt16LittleEndian(p);
            destination[i] = x1r5g5b5 ? FromX1R5G5B5(v) : FromR5G6B5(v);
        }
    }

    private static void Convert24(ReadOnlySpan<byte> source, Span<uint> destination, bool bigEndian)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            int o = 3 * i;
            uint c0 = source[o], c1 = source[o + 1], c2 = source[o + 2];
            destination[i] = bigEndian ? Rgba(c0, c1, c2) : Rgba(c2, c1, c0);
        }
    }

    private static void Convert32(ReadOnlySpan<uint> source, Span<uint> destination, bool bigEndian)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            // Four pixels at a time: a byte shuffle to R, G, B (constant indices, so one instruction), then alpha.
            Vector128<byte> alpha = Vector128.Create(Alpha).AsByte();
            ReadOnlySpan<byte> from = MemoryMarshal.AsBytes(source);
            Span<byte> to = MemoryMarshal.AsBytes(destination);
            if (bigEndian)
            {
                for (; i + 4 <= destination.Length; i += 4)
                {
                    Vector128<byte> v = Vector128.Shuffle(Vector128.Create(from.Slice(4 * i, 16)),
                        Vector128.Create((byte)1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12)); // x,r,g,b -> r,g,b,_
                    (v | alpha).CopyTo(to.Slice(4 * i, 16));
                }
            }
            else
            {
                for (; i + 4 <= destination.Length; i += 4)
                {
                    Vector128<byte> v = Vector128.Shuffle(Vector128.Create(from.Slice(4 * i, 16)),
                        Vector128.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15)); // b,g,r,x -> r,g,b,_
                    (v | alpha).CopyTo(to.Slice(4 * i, 16));
                }
            }
        }

        // Words are read in host order: little-endian framebuffer v = x<<24 | r<<16 | g<<8 | b,
        // big-endian v = b<<24 | g<<16 | r<<8 | x (on a little-endian host).
        if (!BitConverter.IsLittleEndian)
            bigEndian = !bigEndian;
        for (; i < destination.Length; i++)
        {
            uint v = source[i];
            destination[i] = bigEndian
                ? Alpha | (v >> 8)
                : Alpha | ((v >> 16) & 0xFF) | (v & 0xFF00) | ((v & 0xFF) << 16);
        }
    }
}
