using Emulator.Host.Board;

namespace Emulator.Host.DeviceTree;

public sealed partial record VirtDeviceTreeConfig
{
    /// <summary>The board has its firmware devices (flash, fw_cfg, virtio-mmio transports): describe them.</summary>
    public bool FirmwareDevices { get; init; }
}

public static partial class VirtDeviceTree
{
    private const uint GicFdtIrqFlagsEdgeLoHi = 1;

    /// <summary>
    /// The nodes QEMU's virt board writes for its firmware devices (create_flash, create_fw_cfg,
    /// create_virtio_devices), with their properties as QEMU writes them: one flash node covering
    /// both banks, fw-cfg, and the 32 virtio-mmio transports lowest address first (edge-triggered
    /// SPIs 16-47, dma-coherent).
    /// </summary>
    private static void AddFirmwareDevices(FdtWriter w)
    {
        w.BeginNode($"fw-cfg@{VirtMemoryMap.FwCfgBase:x}");
        w.PropertyEmpty("dma-coherent");
        w.PropertyU64("reg", VirtMemoryMap.FwCfgBase, VirtMemoryMap.FwCfgSize);
        w.PropertyString("compatible", "qemu,fw-cfg-mmio");
        w.EndNode();

        for (int n = 0; n < VirtMemoryMap.VirtioMmioCount; n++)
        {
            ulong address = VirtMemoryMap.VirtioMmioBase + (ulong)n * VirtMemoryMap.VirtioMmioSize;
            w.BeginNode($"virtio_mmio@{address:x}");
            w.PropertyEmpty("dma-coherent");
            w.PropertyU32("interrupts", GicFdtIrqTypeSpi, VirtMemoryMap.VirtioMmioFirstSpi + (uint)n, GicFdtIrqFlagsEdgeLoHi);
            w.PropertyU64("reg", address, VirtMemoryMap.VirtioMmioSize);
            w.PropertyString("compatible", "virtio,mmio");
            w.EndNode();
        }

        w.BeginNode($"flash@{VirtMemoryMap.FlashBase:x}");
        w.PropertyU32("bank-width", 4);
        w.PropertyU64("reg",
            VirtMemoryMap.FlashBase, VirtMemoryMap.FlashBankSize,
            VirtMemoryMap.FlashBase + VirtMemoryMap.FlashBankSize, VirtMemoryMap.FlashBankSize);
        w.PropertyString("compatible", "cfi-flash");
        w.EndNode();
    }
}
