using System.Diagnostics;
using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// samples/bin/smp-draw.elf: CPU 0 starts CPU 1 with PSCI CPU_ON; CPU 1 maps VRAM Normal
/// Non-cacheable in its own stage-1 tables and draws the demo's scene while CPU 0 runs a CRC
/// workload. Under kvm (no FEAT_S2FWB) CPU 1's Non-cacheable stores go around the caches the VMM
/// reads through: stale pixels; under s2fwb none. The UART output is QEMU's with -smp 2
/// (recorded in samples/smp-draw/expected-frames20.txt; compared live when QEMU is installed,
/// with a PCI bochs-display the guest places at the board's addresses).
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
        // highmem=off puts the ECAM at 0x3F000000, where qemu-pci=1 (demo/qemu_pci.c) looks for the
        // bochs-display and places its BARs at the board's VRAM and MMIO addresses.
        foreach (string a in new[] { "-M", $"virt,highmem=off,gic-version={gic}", "-accel", "tcg,thread=single", "-cpu", "cortex-a57",
                     "-smp", "2", "-m", "128M", "-nographic", "-nic", "none", "-monitor", "none", "-device", "bochs-display,romfile=",
                     "-kernel", EmulatorProcess.Sample("smp-draw.elf"), "-append", Append + " qemu-pci=1" })
            start.ArgumentList.Add(a);
        ProcessResult reference = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        Assert.Equal(Expected(), reference.Stdout);

        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp-draw.elf"), "--smp", "2", "--gic", gic.ToString(),
            "--display", "headless", "--append", Append);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(reference.Stdout, ours.Stdout);
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
