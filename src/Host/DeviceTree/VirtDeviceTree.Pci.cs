using Emulator.Host.Board;

namespace Emulator.Host.DeviceTree;

public static partial class VirtDeviceTree
{
    private const uint PciSpaceIo = 0x0100_0000, PciSpaceMem32 = 0x0200_0000, PciSpaceMem64 = 0x0300_0000;
    private const int PciSlotsInMap = 4, PciPins = 4;

    /// <summary>
    /// The PCIe host bridge as QEMU's create_pcie writes it: <c>pci-host-ecam-generic</c> with the
    /// ECAM as reg, ranges for PIO, 32-bit and 64-bit MMIO (PCI address = CPU address for MMIO),
    /// bus-range 0-255, dma-coherent, and an interrupt-map over slots 0-3 and pins INTA-INTD
    /// swizzled onto SPIs 3-6 (create_pcie_irq_map: SPI 3 + (pin + slot) % 4). QEMU's msi-map is
    /// left out: the board has no GICv2m or ITS to point it at.
    /// </summary>
    private static void AddPcie(FdtWriter w)
    {
        w.BeginNode($"pcie@{VirtMemoryMap.PcieMmioBase:x}");
        w.PropertyU32("interrupt-map-mask", 0x1800, 0, 0, 7);
        var map = new List<uint>();
        for (uint slot = 0; slot < PciSlotsInMap; slot++)
        {
            for (uint pin = 0; pin < PciPins; pin++)
            {
                uint spi = VirtMemoryMap.PcieFirstSpi + (pin + slot) % PciPins;
                // child unit address (3 cells) + INTx (1-4), the GIC, its unit address (2 cells), its specifier (3 cells)
                map.AddRange([slot << 11, 0, 0, pin + 1, GicPhandle, 0, 0, GicFdtIrqTypeSpi, spi, GicFdtIrqFlagsLevelHigh]);
            }
        }
        w.PropertyU32("interrupt-map", [.. map]);
        w.PropertyU32("#interrupt-cells", 1);
        w.PropertyU32("ranges",
            PciSpaceIo, 0, 0, Hi(VirtMemoryMap.PciePioBase), Lo(VirtMemoryMap.PciePioBase), Hi(VirtMemoryMap.PciePioSize), Lo(VirtMemoryMap.PciePioSize),
            PciSpaceMem32, Hi(VirtMemoryMap.PcieMmioBase), Lo(VirtMemoryMap.PcieMmioBase), Hi(VirtMemoryMap.PcieMmioBase), Lo(VirtMemoryMap.PcieMmioBase),
            Hi(VirtMemoryMap.PcieMmioSize), Lo(VirtMemoryMap.PcieMmioSize),
            PciSpaceMem64, Hi(VirtMemoryMap.PcieMmioHighBase), Lo(VirtMemoryMap.PcieMmioHighBase), Hi(VirtMemoryMap.PcieMmioHighBase),
            Lo(VirtMemoryMap.PcieMmioHighBase), Hi(VirtMemoryMap.PcieMmioHighSize), Lo(VirtMemoryMap.PcieMmioHighSize));
        w.PropertyU64("reg", VirtMemoryMap.PcieEcamBase, VirtMemoryMap.PcieEcamSize);
        w.PropertyEmpty("dma-coherent");
        w.PropertyU32("bus-range", 0, (uint)(VirtMemoryMap.PcieEcamSize >> 20) - 1);
        w.PropertyU32("linux,pci-domain", 0);
        w.PropertyU32("#size-cells", 2);
        w.PropertyU32("#address-cells", 3);
        w.PropertyString("device_type", "pci");
        w.PropertyString("compatible", "pci-host-ecam-generic");
        w.EndNode();
    }

    private static uint Hi(ulong v) => (uint)(v >> 32);

    private static uint Lo(ulong v) => (uint)v;
}
