using Emulator.Host.Board;
using Emulator.Host.DeviceTree;

namespace Emulator.Host.Tests.DeviceTree;

public sealed class VirtDeviceTreeTests
{
    private static FdtReader Build(int gicVersion = 2, string? bootargs = "console=ttyAMA0 earlycon", ulong ramSize = 0x1000_0000) =>
        FdtReader.Parse(VirtDeviceTree.Build(new VirtDeviceTreeConfig(ramSize, bootargs, gicVersion, VirtMemoryMap.DefaultCounterFrequencyHz)));

    [Fact]
    public void Root_IsDummyVirtWithTwoCellAddressesAndGicAsInterruptParent()
    {
        FdtNode root = Build().Root;
        Assert.Equal("linux,dummy-virt", root.GetString("compatible"));
        Assert.Equal("linux,dummy-virt", root.GetString("model"));
        Assert.Equal(2u, root.GetU32("#address-cells"));
        Assert.Equal(2u, root.GetU32("#size-cells"));
        Assert.Equal(VirtDeviceTree.GicPhandle, root.GetU32("interrupt-parent"));
    }

    [Fact]
    public void Memory_CoversRam()
    {
        FdtNode memory = Build(ramSize: 0x2000_0000).FindNode("/memory@40000000")!;
        Assert.Equal("memory", memory.GetString("device_type"));
        Assert.Equal(new (ulong, ulong)[] { (VirtMemoryMap.RamBase, 0x2000_0000) }, memory.GetReg());
    }

    [Fact]
    public void Chosen_HasBootargsAndStdoutPath()
    {
        FdtReader fdt = Build(bootargs: "console=ttyAMA0 root=/dev/vda");
        FdtNode chosen = fdt.FindNode("/chosen")!;
        Assert.Equal("console=ttyAMA0 root=/dev/vda", chosen.GetString("bootargs"));
        Assert.Equal("/pl011@9000000", chosen.GetString("stdout-path"));
        Assert.NotNull(fdt.FindNode(chosen.GetString("stdout-path")!));
    }

    [Fact]
    public void Chosen_HasNoBootargs_WhenNoneGiven()
    {
        FdtNode chosen = Build(bootargs: null).FindNode("/chosen")!;
        Assert.False(chosen.HasProperty("bootargs"));
        Assert.Equal("/pl011@9000000", chosen.GetString("stdout-path"));
    }

    [Fact]
    public void Cpu_IsOneCortexA57StartedByPsci()
    {
        FdtReader fdt = Build();
        FdtNode cpus = fdt.FindNode("/cpus")!;
        Assert.Equal(1u, cpus.GetU32("#address-cells"));
        Assert.Equal(0u, cpus.GetU32("#size-cells"));
        FdtNode cpu = Assert.Single(cpus.Children);
        Assert.Equal("cpu@0", cpu.Name);
        Assert.Equal("cpu", cpu.GetString("device_type"));
        Assert.Equal("arm,cortex-a57", cpu.GetString("compatible"));
        Assert.Equal(0u, cpu.GetU32("reg"));
        Assert.Equal("psci", cpu.GetString("enable-method"));
    }

    [Fact]
    public void Psci_UsesHvcAndQemuFunctionIds()
    {
        FdtNode psci = Build().FindNode("/psci")!;
        Assert.Equal("hvc", psci.GetString("method"));
        Assert.Equal(new[] { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" }, psci.GetStringList("compatible"));
        Assert.Equal(0xc400_0001u, psci.GetU32("cpu_suspend"));
        Assert.Equal(0x8400_0002u, psci.GetU32("cpu_off"));
        Assert.Equal(0xc400_0003u, psci.GetU32("cpu_on"));
        Assert.Equal(0xc400_0005u, psci.GetU32("migrate"));
    }

    [Theory]
    [InlineData(2, 0x104u)]  // GICv2: level-high plus the CPU mask for one CPU
    [InlineData(3, 0x4u)]
    public void Timer_HasFourLevelHighPpis(int gicVersion, uint flags)
    {
        FdtNode timer = Build(gicVersion).FindNode("/timer")!;
        Assert.Equal(new[] { "arm,armv8-timer", "arm,armv7-timer" }, timer.GetStringList("compatible"));
        Assert.True(timer.HasProperty("always-on"));
        Assert.False(timer.HasProperty("clock-frequency"));
        Assert.Equal(new uint[] { 1, 13, flags, 1, 14, flags, 1, 11, flags, 1, 10, flags }, timer.GetU32Array("interrupts"));
    }

    [Fact]
    public void GicV2_IsCortexA15GicWithDistributorAndCpuInterface()
    {
        FdtNode gic = Build(gicVersion: 2).FindNode("/intc@8000000")!;
        Assert.Equal("arm,cortex-a15-gic", gic.GetString("compatible"));
        Assert.Equal(3u, gic.GetU32("#interrupt-cells"));
        Assert.True(gic.HasProperty("interrupt-controller"));
        Assert.Equal(VirtDeviceTree.GicPhandle, gic.GetU32("phandle"));
        Assert.Equal(
            new (ulong, ulong)[] { (0x800_0000, 0x1_0000), (0x801_0000, 0x1_0000) },
            gic.GetReg());
        Assert.False(gic.HasProperty("#redistributor-regions"));
        Assert.True(gic.HasProperty("ranges"));  // as QEMU, for child frames; dtc wants #address-cells too
        Assert.Equal(2u, gic.GetU32("#address-cells"));
    }

    [Fact]
    public void GicV3_HasDistributorAndRedistributor()
    {
        FdtNode gic = Build(gicVersion: 3).FindNode("/intc@8000000")!;
        Assert.Equal("arm,gic-v3", gic.GetString("compatible"));
        Assert.Equal(3u, gic.GetU32("#interrupt-cells"));
        Assert.True(gic.HasProperty("interrupt-controller"));
        Assert.Equal(1u, gic.GetU32("#redistributor-regions"));
        Assert.Equal(VirtDeviceTree.GicPhandle, gic.GetU32("phandle"));
        Assert.Equal(
            new (ulong, ulong)[] { (0x800_0000, 0x1_0000), (0x80a_0000, 0xf6_0000) },
            gic.GetReg());
    }

    [Fact]
    public void Uart_IsPl011AtQemuAddressWithSpi1AndApbClock()
    {
        FdtReader fdt = Build();
        FdtNode uart = fdt.FindNode("/pl011@9000000")!;
        Assert.Equal(new[] { "arm,pl011", "arm,primecell" }, uart.GetStringList("compatible"));
        Assert.Equal(new (ulong, ulong)[] { (0x900_0000, 0x1000) }, uart.GetReg());
        Assert.Equal(new uint[] { 0, 1, 4 }, uart.GetU32Array("interrupts"));
        Assert.Equal(new[] { "uartclk", "apb_pclk" }, uart.GetStringList("clock-names"));
        Assert.Equal(new[] { VirtDeviceTree.ClockPhandle, VirtDeviceTree.ClockPhandle }, uart.GetU32Array("clocks"));

        FdtNode clock = fdt.FindNode("/apb-pclk")!;
        Assert.Equal("fixed-clock", clock.GetString("compatible"));
        Assert.Equal(0u, clock.GetU32("#clock-cells"));
        Assert.Equal(24_000_000u, clock.GetU32("clock-frequency"));
        Assert.Equal("clk24mhz", clock.GetString("clock-output-names"));
        Assert.Equal(VirtDeviceTree.ClockPhandle, clock.GetU32("phandle"));
    }

    [Fact]
    public void Tree_HasExactlyTheExpectedNodes()
    {
        FdtReader fdt = Build();
        Assert.Equal(
            new[] { "chosen", "memory@40000000", "cpus", "psci", "timer", "pmu", "intc@8000000", "apb-pclk", "pl011@9000000", "pl031@9010000" },
            fdt.Root.Children.Select(c => c.Name));
    }

    [Fact]
    public void Build_IsDeterministic()
    {
        var config = new VirtDeviceTreeConfig(0x1000_0000, "x", 3, 62_500_000);
        Assert.Equal(VirtDeviceTree.Build(config), VirtDeviceTree.Build(config));
    }

    [Fact]
    public void Build_RejectsBadGicVersion()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            VirtDeviceTree.Build(new VirtDeviceTreeConfig(0x1000_0000, null, 4, 62_500_000)));
    }
}
