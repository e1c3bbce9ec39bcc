namespace Emulator.Devices.Vga;

/// <summary>
/// The Bochs VBE "DISPI" interface (QEMU <c>include/hw/display/bochs-vbe.h</c>): register
/// indices, ENABLE bits, ID values and limits. In the MMIO window register <c>i</c> is the 16-bit
/// little-endian word at 0x500 + 2·i.
/// </summary>
public static class Dispi
{
    public const int Id = 0x0, XRes = 0x1, YRes = 0x2, Bpp = 0x3, Enable = 0x4, Bank = 0x5;
    public const int VirtWidth = 0x6, VirtHeight = 0x7, XOffset = 0x8, YOffset = 0x9;

    /// <summary>Read-only: VRAM size in 64 KiB units. Not a stored register (QEMU's VBE_DISPI_INDEX_NB is also 0xA).</summary>
    public const int VideoMemory64K = 0xA;

    /// <summary>Number of stored registers (indices 0 to 9).</summary>
    public const int StoredCount = 0xA;

    public const ushort Disabled = 0x00, Enabled = 0x01, GetCaps = 0x02, EightBitDac = 0x20;
    public const ushort LfbEnabled = 0x40, NoClearMem = 0x80;

    public const ushort Id0 = 0xB0C0, Id4 = 0xB0C4, Id5 = 0xB0C5;

    public const ushort MaxXRes = 16000, MaxYRes = 12000, MaxBpp = 32;
}
