using Emulator.Host.Board;
using Emulator.Host.DeviceTree;

namespace Emulator.Host.Tests.DeviceTree;

/// <summary>The pcie node against QEMU 7.2's own (<c>-M virt,dumpdtb=</c> then dtc), value for value.</summary>
public sealed class PcieNodeTests
{
    private static FdtNode Pcie()
    {
        FdtReader fdt = FdtReader.Parse(VirtDeviceTree.Build(new VirtDeviceTreeConfig(0x800_0000, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz, Pcie: true)));
        return fdt.FindNode("/pcie@10000000")!;
    }

    [Fact]
    public void The_host_bridge_node_is_QEMUs()
    {
        FdtNode n = Pcie();
        Assert.Equal("pci-host-ecam-generic", n.GetString("compatible"));
        Assert.Equal("pci", n.GetString("device_type"));
        Assert.Equal(3u, n.GetU32("#address-cells"));
        Assert.Equal(2u, n.GetU32("#size-cells"));
        Assert.Equal(1u, n.GetU32("#interrupt-cells"));
        Assert.Equal(0u, n.GetU32("linux,pci-domain"));
        Assert.Equal(new uint[] { 0, 0xff }, n.GetU32Array("bus-range"));
        Assert.True(n.HasProperty("dma-coherent"));
        Assert.Equal(new uint[] { 0x40, 0x10000000, 0, 0x10000000 }, n.GetU32Array("reg"));
        Assert.Equal(new uint[]
        {
            0x1000000, 0, 0, 0, 0x3eff0000, 0, 0x10000,
            0x2000000, 0, 0x10000000, 0, 0x10000000, 0, 0x2eff0000,
            0x3000000, 0x80, 0, 0x80, 0, 0x80, 0,
        }, n.GetU32Array("ranges"));
        Assert.Equal(new uint[] { 0x1800, 0, 0, 7 }, n.GetU32Array("interrupt-map-mask"));
    }

    [Fact]
    public void Interrupts_are_swizzled_onto_SPIs_3_to_6_as_QEMU_maps_them()
    {
        uint[] map = Pcie().GetU32Array("interrupt-map")!;
        // QEMU's SPI for (slot, INTA..INTD), read from its dumped tree.
        uint[,] spi = { { 3, 4, 5, 6 }, { 4, 5, 6, 3 }, { 5, 6, 3, 4 }, { 6, 3, 4, 5 } };
        Assert.Equal(16 * 10, map.Length);
        for (int slot = 0; slot < 4; slot++)
        {
            for (int pin = 0; pin < 4; pin++)
            {
                uint[] entry = map[((slot * 4 + pin) * 10)..((slot * 4 + pin + 1) * 10)];
                Assert.Equal(new uint[] { (uint)slot << 11, 0, 0, (uint)pin + 1, VirtDeviceTree.GicPhandle, 0, 0, 0, spi[slot, pin], 4 }, entry);
            }
        }
    }

    [Fact]
    public void The_node_is_there_only_for_a_board_with_the_bridge()
    {
        FdtReader fdt = FdtReader.Parse(VirtDeviceTree.Build(new VirtDeviceTreeConfig(0x800_0000, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz)));
        Assert.Null(fdt.FindNode("/pcie@10000000"));
    }
}
