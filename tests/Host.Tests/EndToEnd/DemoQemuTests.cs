using Emulator.Host.Display;
using Emulator.Host.Tests.Display;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// samples/bin/demo.elf is one image for QEMU and the emulator: it enumerates PCI bus 0, sizes and
/// assigns its display's BARs from the 32-bit window, sets the mode through BAR2 and draws. On
/// QEMU (<c>-device VGA</c> or <c>-device bochs-display</c>, the frame taken with the monitor's
/// <c>screendump</c> once the guest says it stopped) and here with the same device and no cache
/// model (or FEAT_S2FWB), the picture is identical pixel for pixel: the scene is a function of the
/// frame number, and <c>frames=10 hold=1</c> leaves frame 10 on the screen while the guest goes on
/// pacing without drawing.
/// </summary>
public sealed class DemoQemuTests
{
    private const int Width = 640, Height = 480;
    private const string Append = "frames=10 hold=1";
    private const string Stopped = "demo: stopped after 10 frames";

    /// <summary>The emulator's last frame (host view, 0x00BBGGRR) and which of its pixels the diff image marks stale.</summary>
    private static (uint[] Frame, bool[] Stale) EmulatorFrame(TempDirectory dir, string device, string mode, params string[] options)
    {
        string record = dir.File("frames");
        // 30 display refreshes at 60 Hz: the guest draws frame 10 at 1/6 s and then holds it.
        ProcessResult run = EmulatorProcess.Run(["run", EmulatorProcess.Sample("demo.elf"), "--device", device,
            "--display", "headless", "--record", record, "--frames", "30", "--append", $"{Append} mode={mode}", .. options]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        Assert.Equal($"demo: mode {mode} fb=nc\n" + Stopped + "\n", run.Stdout);
        return RecordedFrame.Last(record, Width, Height);
    }

    [Theory]
    [InlineData("bochs-display", "640x480x32", "--cache", "off")]
    [InlineData("bochs-display", "640x480x32", "--policy", "s2fwb")]
    [InlineData("bochs-display", "640x480x16", "--cache", "off")]
    [InlineData("VGA", "640x480x32", "--cache", "off")]
    [InlineData("VGA", "640x480x8", "--cache", "off")] // the 3-3-2 palette through the VGA's DAC ports in BAR2
    public void The_demos_frame_is_QEMUs_pixel_for_pixel(string device, string mode, string option, string value)
    {
        using var dir = new TempDirectory();
        uint[]? qemu = QemuScreendump.Take(dir, "demo.elf", device, $"{Append} mode={mode}", Stopped, Width, Height);
        (uint[] ours, bool[] stale) = EmulatorFrame(dir, device, mode, option, value);
        Assert.DoesNotContain(true, stale);
        Assert.Contains(ours, p => p != ours[0]); // a picture, not a blank screen
        if (qemu is null)
            return; // QEMU is not installed here; EMULATOR_REQUIRE_TOOLS=1 makes FindTool fail instead
        RecordedFrame.AssertSame(qemu, ours);
    }

    [Fact]
    public void Under_kvm_with_a_Non_cacheable_framebuffer_the_frame_differs_from_QEMUs_exactly_where_the_overlay_says()
    {
        using var dir = new TempDirectory();
        uint[]? qemu = QemuScreendump.Take(dir, "demo.elf", "bochs-display", $"{Append} mode=640x480x32", Stopped, Width, Height);
        (uint[] ours, bool[] stale) = EmulatorFrame(dir, "bochs-display", "640x480x32", "--policy", "kvm");
        Assert.Contains(true, stale); // the held frame still shows stale lines
        if (qemu is null)
            return;
        RecordedFrame.AssertDiffersExactlyWhereStale(qemu, ours, stale);
    }
}
