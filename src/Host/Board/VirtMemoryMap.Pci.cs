namespace Emulator.Host.Board;

/// <summary>
/// The PCI Express host bridge of QEMU's virt board (7.2, default highmem: the ECAM above 4 GiB),
/// from hw/arm/virt.c's base_memmap and extended_memmap and its a15irqmap.
/// </summary>
public static partial class VirtMemoryMap
{
    /// <summary>32-bit MMIO window: PCI addresses equal CPU addresses here.</summary>
    public const ulong PcieMmioBase = 0x1000_0000;
    public const ulong PcieMmioSize = 0x2EFF_0000;

    /// <summary>PIO window (PCI I/O space 0-0xFFFF).</summary>
    public const ulong PciePioBase = 0x3EFF_0000;
    public const ulong PciePioSize = 0x0001_0000;

    /// <summary>ECAM for buses 0-255 (VIRT_HIGH_PCIE_ECAM).</summary>
    public const ulong PcieEcamBase = 0x40_1000_0000;
    public const ulong PcieEcamSize = 0x1000_0000;

    /// <summary>
    /// 64-bit MMIO window (VIRT_HIGH_PCIE_MMIO): its last byte is the last of the hypervisor's 40-bit
    /// IPA space. Decoded as an unclaimed window (all ones): no BAR of the display is 64-bit.
    /// </summary>
    public const ulong PcieMmioHighBase = 0x80_0000_0000;
    public const ulong PcieMmioHighSize = 0x80_0000_0000;

    /// <summary>First SPI of INTA-INTD (SPIs 3-6, swizzled by slot).</summary>
    public const uint PcieFirstSpi = 3;

    /// <summary>The display's device number on bus 0 (QEMU puts the first -device there with -nic none).</summary>
    public const int DisplayPciSlot = 1;
}
