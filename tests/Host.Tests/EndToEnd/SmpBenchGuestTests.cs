using System.Diagnostics;
using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// bench/guests/smpcrc.c, the 4-CPU row of the benchmark: every CPU the machine has runs crc's
/// work with its own seed and CPU 0 prints each CPU's CRC. The harness's aggregate MIPS rely on
/// what is checked here: every CPU does the same work (the report's per-CPU instructions),
/// the report's instructions are their sum, and the output is QEMU's with the same -smp.
/// </summary>
public sealed class SmpBenchGuestTests
{
    private static JsonElement RunHere(string image, int cpus, string cache, out string stdout)
    {
        using var temp = new TempDirectory();
        string report = temp.File("r.json");
        ProcessResult ours = EmulatorProcess.Run("run", image, "--smp", cpus.ToString(), "--cache", cache, "--report", report);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        stdout = ours.Stdout;
        return EmulatorProcess.ReadReport(report);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("cortex-a72")]
    public void Four_cpus_share_the_work_and_the_report_sums_it(string cache)
    {
        if (BenchGuests.Directory is not { } directory)
            return; // no cross toolchain (scripts/test.sh requires it)
        JsonElement r = RunHere(Path.Combine(directory, "smpcrc.elf"), 4, cache, out string stdout);
        Assert.StartsWith("smpcrc: 4 cpus\ncpu 0: crc 5185104\ncpu 1: crc 41b2eba\ncpu 2: crc b2f433a5\ncpu 3: crc 6a11145c\n", stdout);
        ulong sum = 0;
        foreach (JsonElement cpu in r.GetProperty("cpus").GetProperty("per_cpu").EnumerateArray())
        {
            ulong n = cpu.GetProperty("instructions").GetUInt64();
            Assert.InRange(n, 100_000_000UL, 120_000_000UL); // 240 passes over 64 KiB, about 110 M each
            sum += n;
        }
        Assert.Equal(r.GetProperty("instructions").GetUInt64(), sum);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Output_equals_qemu_with_the_same_cpu_count(int cpus)
    {
        if (BenchGuests.Directory is not { } directory)
            return; // no cross toolchain (scripts/test.sh requires it)
        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        if (qemu is null)
            return; // not installed on this developer machine; EMULATOR_REQUIRE_TOOLS=1 makes it required
        string image = Path.Combine(directory, "smpcrc.elf");
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-M", "virt", "-accel", "tcg,thread=single", "-cpu", "cortex-a57", "-smp", cpus.ToString(), "-m", "128M",
                     "-nographic", "-nic", "none", "-monitor", "none", "-kernel", image })
            start.ArgumentList.Add(a);
        ProcessResult reference = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        Assert.StartsWith($"smpcrc: {cpus} cpus\n", reference.Stdout);

        RunHere(image, cpus, "off", out string ours);
        Assert.Equal(reference.Stdout, ours);
    }
}
