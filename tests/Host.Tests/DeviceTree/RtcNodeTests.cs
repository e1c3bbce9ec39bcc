using Emulator.Host.Board;
using Emulator.Host.DeviceTree;

namespace Emulator.Host.Tests.DeviceTree;

/// <summary>The PL031 RTC appears in the device tree as QEMU virt describes it.</summary>
public sealed class RtcNodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rtc_node_matches_qemu_virt(int gicVersion)
    {
        FdtReader fdt = FdtReader.Parse(VirtDeviceTree.Build(new VirtDeviceTreeConfig(0x800_0000, null, gicVersion, VirtMemoryMap.DefaultCounterFrequencyHz)));
        FdtNode rtc = fdt.FindNode("/pl031@9010000")!;
        Assert.NotNull(rtc);
        Assert.Equal(new[] { "arm,pl031", "arm,primecell" }, rtc.GetStringList("compatible"));
        Assert.Equal(new (ulong, ulong)[] { (0x0901_0000, 0x1000) }, rtc.GetReg());
        Assert.Equal(new uint[] { 0, 2, 4 }, rtc.GetU32Array("interrupts")); // SPI 2, level-high
        Assert.Equal(VirtDeviceTree.ClockPhandle, rtc.GetU32("clocks"));
        Assert.Equal("apb_pclk", rtc.GetString("clock-names"));
    }
}
