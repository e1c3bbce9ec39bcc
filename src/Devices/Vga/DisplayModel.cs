namespace Emulator.Devices.Vga;

/// <summary>Which QEMU device <see cref="BochsDisplay"/> behaves as: both have the same MMIO window layout and ID 1234:1111.</summary>
public enum DisplayModel
{
    /// <summary>QEMU's standard VGA (<c>-device VGA</c>, hw/display/vga.c): DISPI with vbe_fixup_regs and the clear-on-enable memset, VGA ports at 0x400.</summary>
    Vga,

    /// <summary>QEMU's <c>-device bochs-display</c> (hw/display/bochs-display.c): DISPI registers stored as written, the mode computed from them at each refresh, no VGA ports.</summary>
    BochsDisplay,
}
