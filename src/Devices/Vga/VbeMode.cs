namespace Emulator.Devices.Vga;

/// <summary>
/// A display mode as the scanout sees it: the visible size, the depth (8, 15, 16, 24 or 32 bits
/// per pixel), the distance between scanlines in VRAM, the VRAM offset of the top-left visible
/// pixel and the framebuffer byte order (QEMU's extension register).
/// </summary>
public sealed record VbeMode(int Width, int Height, int Bpp, int StrideBytes, ulong StartOffset, bool BigEndian)
{
    /// <summary>Bytes one pixel occupies in VRAM.</summary>
    public int BytesPerPixel => PixelFormats.BytesPerPixel(Bpp);

    /// <summary>Bytes of one visible scanline (<see cref="Width"/> × <see cref="BytesPerPixel"/>).</summary>
    public int LineBytes => Width * BytesPerPixel;

    /// <summary>VRAM offset of the first pixel of scanline <paramref name="y"/>.</summary>
    public ulong LineOffset(int y) => StartOffset + (ulong)y * (ulong)StrideBytes;

    /// <summary>"WIDTHxHEIGHTxBPP", e.g. "640x480x32".</summary>
    public override string ToString() => $"{Width}x{Height}x{Bpp}";
}
