using System.Diagnostics;
using System.Text.Json;
using Emulator.Host.Display;
using Emulator.Host.Tests.Display;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// samples/bin/smp-draw.elf: CPU 0 starts CPU 1 with PSCI CPU_ON; CPU 1 maps VRAM Normal
/// Non-cacheable in its own stage-1 tables and draws the demo's scene while CPU 0 runs a CRC
/// workload. Under kvm (no FEAT_S2FWB) CPU 1's Non-cacheable stores go around the caches the VMM
/// reads through: stale pixels; under s2fwb none. The UART output is QEMU's with -smp 2
/// (recorded in samples/smp-draw/expected-frames20.txt; compared live when QEMU is installed,
/// with a PCI bochs-display the guest places at the board's addresses), and so is the last picture
/// CPU 1 drew: pixel for pixel with s2fwb, and under kvm different exactly where the emulator's
/// stale-pixel image says.
/// </summary>
public sealed class SmpDrawTests
{
    private const string Append = "fb=nc frames=20";

    private static string Expected() =>
        File.ReadAllText(Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "smp-draw", "expected-frames20.txt"));

    private static JsonElement RunHere(TempDirectory temp, string policy, params string[] extra)
    {
        string report = temp.File($"{policy}.json");
        ProcessResult ours = EmulatorProcess.Run(["run", EmulatorProcess.Sample("smp-draw.elf"), "--smp", "2", "--display", "headless",
            "--policy", policy, "--append", Append, "--report", report, .. extra]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.Equal(Expected(), ours.Stdout);
        return EmulatorProcess.ReadReport(report);
    }

    [Theory]
    [InlineData("kvm", true)]
    [InlineData("s2fwb", false)]
    public void Cpu1_drawing_non_cacheable_shows_stale_pixels_only_without_s2fwb(string policy, bool stale)
    {
        using var temp = new TempDirectory();
        JsonElement r = RunHere(temp, policy, "--explain");
        Assert.Equal("system-off", r.GetProperty("exit").GetProperty("reason").GetString());
        JsonElement display = r.GetProperty("display");
        Assert.True(display.GetProperty("frames").GetInt32() >= 20, "the display showed the 20 frames drawn");
        long total = display.GetProperty("stale_pixels_total").GetInt64();
        if (stale)
        {
            Assert.True(total > 0, "kvm: CPU 1's Non-cacheable stores bypass the VMM's cached lines");
            Assert.Equal("stale-clean-line", r.GetProperty("provenance").GetProperty("dominant_cause").GetString());
        }
        else
        {
            Assert.Equal(0, total);
        }
        JsonElement cpus = r.GetProperty("cpus");
        Assert.Equal(2, cpus.GetProperty("count").GetInt32());
        foreach (JsonElement cpu in cpus.GetProperty("per_cpu").EnumerateArray())
            Assert.True(cpu.GetProperty("instructions").GetUInt64() > 1_000_000, $"CPU {cpu.GetProperty("index")} ran its part");
    }

    [Fact]
    public void Stale_pixels_come_from_cpu1_mapping_not_from_smp()
    {
        // The same run with VRAM mapped write-back by CPU 1: coherent with the VMM, no stale pixel.
        using var temp = new TempDirectory();
        string report = temp.File("wb.json");
        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp-draw.elf"), "--smp", "2", "--display", "headless",
            "--policy", "kvm", "--append", "fb=wb frames=20", "--report", report);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Contains("VRAM mapped Normal write-back", ours.Stdout);
        Assert.Equal(0, EmulatorProcess.ReadReport(report).GetProperty("display").GetProperty("stale_pixels_total").GetInt64());
    }

    [Fact]
    public void Three_runs_give_identical_reports()
    {
        using var temp = new TempDirectory();
        string? first = null;
        for (int run = 0; run < 3; run++)
        {
            string stable = Stable(RunHere(temp, "kvm"));
            if (first is null)
                first = stable;
            else
                Assert.Equal(first, stable);
        }
    }

    [Fact]
    public void With_one_cpu_it_says_it_needs_two()
    {
        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp-draw.elf"), "--display", "headless", "--append", Append);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("cpu 0: CPU_ON(1) = -2: this sample needs 2 CPUs (--smp 2)", ours.Stdout);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Output_equals_a_live_qemu_run(int gic)
    {
        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        if (qemu is null)
            return; // not installed on this developer machine; EMULATOR_REQUIRE_TOOLS=1 makes it required
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // The sample enumerates the bus through the ECAM at 0x40_1000_0000 and assigns the BARs itself.
        foreach (string a in new[] { "-M", $"virt,gic-version={gic}", "-accel", "tcg,thread=single", "-cpu", "cortex-a57",
                     "-smp", "2", "-m", "128M", "-nographic", "-nic", "none", "-monitor", "none", "-device", "bochs-display,romfile=",
                     "-kernel", EmulatorProcess.Sample("smp-draw.elf"), "-append", Append })
            start.ArgumentList.Add(a);
        ProcessResult reference = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        Assert.Equal(Expected(), reference.Stdout);

        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp-draw.elf"), "--smp", "2", "--gic", gic.ToString(),
            "--display", "headless", "--append", Append);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(reference.Stdout, ours.Stdout);
    }

    private const int Width = 640, Height = 480;

    /// <summary>QEMU's screen once CPU 1 has drawn its 20 frames (hold=1 keeps it up), or null without QEMU.</summary>
    private static uint[]? QemuFrame(TempDirectory dir)
    {
        string[] args = ["-M", "virt", "-accel", "tcg,thread=single", "-cpu", "cortex-a57", "-smp", "2", "-m", "128M", "-nic", "none",
            "-device", "bochs-display,romfile=", "-kernel", EmulatorProcess.Sample("smp-draw.elf"), "-append", Append + " hold=1"];
        if (QemuScreendump.Take(dir, args, "cpu 1 drew 20 frames", Width, Height) is not { } shot)
            return null;
        Assert.Equal(Expected(), shot.Uart);
        return shot.Pixels;
    }

    /// <summary>The emulator's last recorded frame (0x00BBGGRR) and which of its pixels the diff image marks stale.</summary>
    private static (uint[] Frame, bool[] Stale) EmulatorFrame(TempDirectory dir, string policy)
    {
        string record = dir.File("frames");
        ProcessResult run = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp-draw.elf"), "--smp", "2", "--display", "headless",
            "--policy", policy, "--append", Append, "--record", record);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        return RecordedFrame.Last(record, Width, Height);
    }

    [Fact]
    public void With_s2fwb_the_last_picture_is_QEMUs_pixel_for_pixel()
    {
        using var dir = new TempDirectory();
        (uint[] ours, bool[] stale) = EmulatorFrame(dir, "s2fwb");
        Assert.DoesNotContain(true, stale);
        Assert.Contains(ours, p => p != ours[0]); // a picture, not a blank screen
        if (QemuFrame(dir) is not { } qemu)
            return; // QEMU is not installed here; EMULATOR_REQUIRE_TOOLS=1 makes FindTool fail instead
        RecordedFrame.AssertSame(qemu, ours);
    }

    [Fact]
    public void Under_kvm_the_last_picture_differs_from_QEMUs_exactly_where_the_overlay_says()
    {
        using var dir = new TempDirectory();
        (uint[] ours, bool[] stale) = EmulatorFrame(dir, "kvm");
        Assert.Contains(true, stale); // the effect shows on the last frame too
        if (QemuFrame(dir) is not { } qemu)
            return;
        RecordedFrame.AssertDiffersExactlyWhereStale(qemu, ours, stale);
    }

    /// <summary>The report without the fields that measure the host (wall time, MIPS).</summary>
    private static string Stable(JsonElement report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (JsonProperty p in report.EnumerateObject())
            {
                if (p.Name is "wall_seconds" or "mips" or "emulator_version")
                    continue;
                p.WriteTo(json);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
