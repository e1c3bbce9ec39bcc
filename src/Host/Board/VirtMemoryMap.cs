namespace Emulator.Host.Board;

/// <summary>
/// The physical memory map of the board, copied from QEMU's <c>virt</c> machine
/// (hw/arm/virt.c, <c>base_memmap</c> and <c>a15irqmap</c>), so that one bare-metal image runs
/// unchanged here and on <c>qemu-system-aarch64 -M virt</c>. Every address and interrupt number
/// the board, the device tree and the devices use comes from this one place.
/// </summary>
public static partial class VirtMemoryMap
{
    /// <summary>GIC distributor (GICv2 and GICv3).</summary>
    public const ulong GicDistributorBase = 0x0800_0000;
    public const ulong GicDistributorSize = 0x0001_0000;

    /// <summary>GICv2 memory-mapped CPU interface.</summary>
    public const ulong GicCpuInterfaceBase = 0x0801_0000;
    public const ulong GicCpuInterfaceSize = 0x0001_0000;

    /// <summary>GICv3 redistributor region (one 128 KiB frame pair per CPU).</summary>
    public const ulong GicRedistributorBase = 0x080A_0000;
    public const ulong GicRedistributorSize = 0x00F6_0000;

    /// <summary>PL011 UART.</summary>
    public const ulong UartBase = 0x0900_0000;
    public const ulong UartSize = 0x0000_1000;

    /// <summary>SPI number of the UART interrupt (GIC INTID = 32 + this).</summary>
    public const uint UartSpi = 1;

    /// <summary>PL031 real-time clock.</summary>
    public const ulong RtcBase = 0x0901_0000;
    public const ulong RtcSize = 0x0000_1000;

    /// <summary>SPI number of the RTC interrupt (GIC INTID = 32 + this).</summary>
    public const uint RtcSpi = 2;

    /// <summary>
    /// VRAM of the VGA (Bochs VBE) device: a memory slot at the start of virt's PCIe MMIO window,
    /// where firmware would place the device's 32-bit prefetchable BAR0. Size from --vram.
    /// </summary>
    public const ulong VgaVramBase = 0x1000_0000;
    public const ulong VgaVramDefaultSize = 16UL << 20;
    public const ulong VgaVramMinSize = 4UL << 20;
    public const ulong VgaVramMaxSize = 256UL << 20;

    /// <summary>The VGA device's 4 KiB MMIO window (QEMU's std-VGA MMIO BAR layout: EDID, VGA ports at 0x400, DISPI at 0x500).</summary>
    public const ulong VgaMmioBase = 0x2000_0000;
    public const ulong VgaMmioSize = 0x0000_1000;

    /// <summary>Start of RAM; RAM size comes from --memory.</summary>
    public const ulong RamBase = 0x4000_0000;

    /// <summary>Largest RAM the low RAM window of virt allows (255 GiB, as QEMU's LOWMEM limit).</summary>
    public const ulong RamMaxSize = 255UL << 30;

    /// <summary>Generic timer PPIs as the virt board wires them (INTID = 16 + PPI).</summary>
    public const uint TimerSecurePhysicalPpi = 13;
    public const uint TimerNonSecurePhysicalPpi = 14;
    public const uint TimerVirtualPpi = 11;
    public const uint TimerHypervisorPpi = 10;

    /// <summary>Frequency the generic timer counts at unless configured otherwise (QEMU's default, 62.5 MHz).</summary>
    public const ulong DefaultCounterFrequencyHz = 62_500_000;
}
