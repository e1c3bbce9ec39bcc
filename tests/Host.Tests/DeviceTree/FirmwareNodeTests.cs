using System.Diagnostics;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.DeviceTree;

/// <summary>The firmware devices' nodes (flash, fw-cfg, virtio-mmio), compared with the tree QEMU itself dumps.</summary>
public sealed class FirmwareNodeTests
{
    private static FdtReader Build(bool firmware) =>
        FdtReader.Parse(VirtDeviceTree.Build(new VirtDeviceTreeConfig(128UL << 20, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz) { FirmwareDevices = firmware }));

    [Fact]
    public void Nodes_are_there_only_with_firmware()
    {
        Assert.Null(Build(false).FindNode("/fw-cfg@9020000"));
        Assert.Null(Build(false).FindNode("/flash@0"));
        FdtReader fdt = Build(true);
        Assert.Equal(32, fdt.Root.Children.Count(c => c.Name.StartsWith("virtio_mmio@", StringComparison.Ordinal)));
        Assert.Equal([(0x0UL, 0x400_0000UL), (0x400_0000UL, 0x400_0000UL)], fdt.FindNode("/flash@0")!.GetReg()!);
        Assert.Equal(new uint[] { 0, 47, 1 }, fdt.FindNode("/virtio_mmio@a003e00")!.GetU32Array("interrupts"));
    }

    [Fact]
    public void Nodes_match_qemus_dumped_tree_property_for_property()
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
        FdtReader reference = FdtReader.Parse(File.ReadAllBytes(dtb));
        FdtReader ours = Build(true);
        var names = new List<string> { "/fw-cfg@9020000", "/flash@0" };
        for (int n = 0; n < 32; n++)
            names.Add($"/virtio_mmio@{0xa000000 + n * 0x200:x}");
        foreach (string path in names)
        {
            FdtNode expected = reference.FindNode(path)!, actual = ours.FindNode(path)!;
            Assert.NotNull(actual);
            Assert.Equal(expected.PropertyNames.Order(), actual.PropertyNames.Order());
            foreach (string property in expected.PropertyNames)
                Assert.True(expected.GetProperty(property)!.AsSpan().SequenceEqual(actual.GetProperty(property)), $"{path} {property}");
        }
    }
}
