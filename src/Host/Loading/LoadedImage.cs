namespace Emulator.Host.Loading;

/// <summary>How a guest image file was recognised.</summary>
public enum ImageFormat
{
    /// <summary>ELF64 executable for AArch64, loaded by physical address.</summary>
    Elf,

    /// <summary>Linux arm64 <c>Image</c> (Documentation/arch/arm64/booting.rst).</summary>
    LinuxImage,

    /// <summary>Flat binary: a Linux kernel at RAM base + 0x80000 (QEMU's -kernel), or a bare-metal program at the address given with --load-address.</summary>
    Raw,

    /// <summary>Firmware in the CFI flash banks (-bios, -drive if=pflash), started at 0x0 with the DTB at RAM base.</summary>
    Firmware,
}

/// <summary>
/// One block of guest physical memory to initialise: <see cref="Data"/> is copied to
/// <see cref="Address"/>, and the rest of <see cref="MemorySize"/> (if any) is zero filled.
/// </summary>
public sealed record LoadedSegment(ulong Address, byte[] Data, ulong MemorySize)
{
    /// <summary>One past the last byte of the segment in guest physical memory.</summary>
    public ulong End => Address + MemorySize;
}

/// <summary>A validated guest image: every segment lies inside RAM and none overlap.</summary>
public sealed record LoadedImage(ImageFormat Format, ulong EntryPoint, IReadOnlyList<LoadedSegment> Segments, bool IsLinuxKernel)
{
    /// <summary>
    /// The smallest physical range <c>[Start, End)</c> that holds every segment, zero fill
    /// included; the board uses it to place the device tree where it does not collide.
    /// </summary>
    public (ulong Start, ulong End) Extent
    {
        get
        {
            if (Segments.Count == 0)
            {
                return (0, 0);
            }

            ulong start = ulong.MaxValue;
            ulong end = 0;
            foreach (LoadedSegment segment in Segments)
            {
                start = Math.Min(start, segment.Address);
                end = Math.Max(end, segment.End);
            }

            return (start, end);
        }
    }
}
