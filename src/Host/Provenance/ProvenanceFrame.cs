namespace Emulator.Host.Provenance;

/// <summary>What an explanation needs to know of a displayed frame: its number, when it was read, and where each pixel sits in VRAM.</summary>
public sealed record ProvenanceFrame(long Number, ulong StartCycle, ulong EndCycle, int Width, int Height, int Bpp, int BytesPerPixel,
    int StrideBytes, ulong StartOffset, ulong VramBase)
{
    /// <summary>The physical address of pixel (x, y)'s first byte.</summary>
    public ulong PixelAddress(int x, int y) => VramBase + StartOffset + (ulong)y * (ulong)StrideBytes + (ulong)x * (ulong)BytesPerPixel;
}
