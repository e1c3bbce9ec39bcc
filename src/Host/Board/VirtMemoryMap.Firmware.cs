namespace Emulator.Host.Board;

/// <summary>The firmware devices of virt's memory map (hw/arm/virt.c base_memmap: VIRT_FLASH, VIRT_FW_CFG, VIRT_MMIO).</summary>
public static partial class VirtMemoryMap
{
    /// <summary>The two CFI flash banks: bank 0 at 0x0 (the firmware, -bios or pflash unit 0), bank 1 after it (unit 1, e.g. variables).</summary>
    public const ulong FlashBase = 0x0000_0000;
    public const ulong FlashBankSize = 0x0400_0000;
    public const int FlashBankCount = 2;

    /// <summary>fw_cfg, MMIO form: data +0, selector +8, DMA +16.</summary>
    public const ulong FwCfgBase = 0x0902_0000;
    public const ulong FwCfgSize = 0x0000_0018;

    /// <summary>The virtio-mmio transports: <see cref="VirtioMmioCount"/> windows of 0x200 bytes, transport n on SPI <see cref="VirtioMmioFirstSpi"/> + n.</summary>
    public const ulong VirtioMmioBase = 0x0A00_0000;
    public const ulong VirtioMmioSize = 0x0000_0200;
    public const int VirtioMmioCount = 32;
    public const uint VirtioMmioFirstSpi = 16;
}
