using Emulator.Host.Display;
using Emulator.Host.Tests.Display;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// samples/bin/pci-bochs.elf on QEMU (<c>-device bochs-display</c>, the frame taken with the
/// monitor's <c>screendump</c> once the guest has drawn and said so on the UART) and here with
/// <c>--device bochs-display</c>: the guest enumerates the bus, assigns the BARs, sets the mode
/// through BAR2 and draws. Without the cache model and with FEAT_S2FWB the frames are identical
/// pixel for pixel; with KVM's 2018 behaviour and the framebuffer mapped Non-cacheable the
/// emulator's frame differs from QEMU's exactly at the pixels its diff image marks stale.
/// </summary>
public sealed class PciBochsTests
{
    private const int Width = 640, Height = 480;

    /// <summary>QEMU's picture as RGB triples packed 0x00BBGGRR (null when QEMU is not installed).</summary>
    private static uint[]? QemuFrame(TempDirectory dir) =>
        QemuScreendump.Take(dir, "pci-bochs.elf", "bochs-display", "hold=1", "pci-bochs: done", Width, Height);

    /// <summary>The emulator's last frame (host view, 0x00BBGGRR) and which of its pixels the diff image marks stale.</summary>
    private static (uint[] Frame, bool[] Stale, string Stdout) EmulatorFrame(TempDirectory dir, params string[] options)
    {
        string record = dir.File("frames");
        ProcessResult run = EmulatorProcess.Run(["run", EmulatorProcess.Sample("pci-bochs.elf"), "--device", "bochs-display",
            "--display", "headless", "--record", record, .. options]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        Assert.Contains("pci-bochs: done", run.Stdout, StringComparison.Ordinal);
        (uint[] frame, bool[] stale) = RecordedFrame.Last(record, Width, Height);
        return (frame, stale, run.Stdout);
    }

    [Theory]
    [InlineData("--cache", "off")]
    [InlineData("--policy", "s2fwb")]
    public void The_frame_is_QEMUs_pixel_for_pixel(string option, string value)
    {
        using var dir = new TempDirectory();
        uint[]? qemu = QemuFrame(dir);
        (uint[] ours, bool[] stale, string stdout) = EmulatorFrame(dir, option, value);
        Assert.Contains("00:01.0 1234:1111 class 038000 rev 2", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(true, stale);
        if (qemu is null)
            return; // QEMU is not installed here; EMULATOR_REQUIRE_TOOLS=1 makes FindTool fail instead
        RecordedFrame.AssertSame(qemu, ours);
    }

    [Fact]
    public void Under_kvm_with_a_Non_cacheable_framebuffer_the_frame_differs_exactly_where_the_overlay_says()
    {
        using var dir = new TempDirectory();
        uint[]? qemu = QemuFrame(dir);
        (uint[] ours, bool[] stale, _) = EmulatorFrame(dir, "--policy", "kvm", "--append", "fb=nc");
        Assert.Contains(true, stale); // the effect shows
        if (qemu is null)
            return;
        RecordedFrame.AssertDiffersExactlyWhereStale(qemu, ours, stale);
    }
}
