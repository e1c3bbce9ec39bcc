using System.Diagnostics;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.DeviceTree;

/// <summary>The "pmu" node: PPI 7 level-high (with the CPU mask under GICv2), "arm,armv8-pmuv3", as QEMU dumps it.</summary>
public sealed class PmuNodeTests
{
    private static FdtReader Build(int gicVersion) =>
        FdtReader.Parse(VirtDeviceTree.Build(new VirtDeviceTreeConfig(128UL << 20, null, gicVersion, VirtMemoryMap.DefaultCounterFrequencyHz)));

    [Theory]
    [InlineData(2, 0x104u)] // level-high, CPU 0 in the GICv2 mask
    [InlineData(3, 0x4u)]
    public void Pmu_node_has_ppi_7_level_high(int gicVersion, uint flags)
    {
        FdtNode pmu = Build(gicVersion).FindNode("/pmu")!;
        Assert.NotNull(pmu);
        Assert.Equal("arm,armv8-pmuv3", pmu.GetString("compatible"));
        Assert.Equal(new uint[] { 1, 7, flags }, pmu.GetU32Array("interrupts"));
        Assert.Equal(23u, 16 + pmu.GetU32Array("interrupts")![1]); // the INTID the core drives
        Assert.Equal(23u, Emulator.Cpu.Core.ArmCore.PmuIntid);
    }

    [Fact]
    public void Pmu_node_matches_qemus_dumped_tree()
    {
        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        if (qemu is null)
        {
            Assert.False(EmulatorProcess.ToolsRequired, "qemu-system-aarch64 is missing");
            return;
        }
        using var temp = new TempDirectory();
        string dtb = temp.File("virt.dtb");
        var start = new ProcessStartInfo(qemu) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "-M", $"virt,dumpdtb={dtb}", "-cpu", "cortex-a57", "-m", "128M", "-nographic", "-nic", "none" })
            start.ArgumentList.Add(a);
        Assert.Equal(0, EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30)).ExitCode);
        FdtNode expected = FdtReader.Parse(File.ReadAllBytes(dtb)).FindNode("/pmu")!, actual = Build(2).FindNode("/pmu")!;
        Assert.Equal(expected.PropertyNames.Order(), actual.PropertyNames.Order());
        foreach (string property in expected.PropertyNames)
            Assert.True(expected.GetProperty(property)!.AsSpan().SequenceEqual(actual.GetProperty(property)), property);
    }
}
