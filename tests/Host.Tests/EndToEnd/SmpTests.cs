using System.Diagnostics;
using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// samples/bin/smp.elf on 1, 2 and 4 CPUs with GICv2 and GICv3: PSCI CPU_ON (SUCCESS,
/// INVALID_PARAMETERS past the last CPU, ALREADY_ON), AFFINITY_INFO, CPU_OFF, an LDAXR/STXR
/// spinlock and a ticket lock (LDADDA: this model advertises LSE; QEMU's cortex-a57 does not, so
/// there the sample takes it with LDAXR/STXR and prints the same), message passing, SEV/WFE,
/// SGIs by target list and to all but self (with the source CPU on GICv2), each CPU's own timer
/// PPI, and SYSTEM_OFF from CPU 1. Its UART output must be QEMU's (recorded in
/// samples/smp/expected-smpN-gicvV.txt; compared live when qemu-system-aarch64 is installed).
/// </summary>
public sealed class SmpTests
{
    private static string Expected(int cpus, int gic) =>
        File.ReadAllText(Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "smp", $"expected-smp{cpus}-gicv{gic}.txt"));

    [Theory]
    [InlineData(1, 2, "")]
    [InlineData(2, 2, "")]
    [InlineData(4, 2, "")]
    [InlineData(1, 3, "")]
    [InlineData(2, 3, "")]
    [InlineData(4, 3, "")]
    [InlineData(4, 2, "--cache off")]
    [InlineData(2, 3, "--interpret")]
    [InlineData(4, 2, "--quantum 97")]
    public void Smp_sample_prints_what_qemu_prints(int cpus, int gic, string options)
    {
        string[] extra = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ProcessResult ours = EmulatorProcess.Run(["run", EmulatorProcess.Sample("smp.elf"), "--smp", cpus.ToString(), "--gic", gic.ToString(), .. extra]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.Equal(Expected(cpus, gic), ours.Stdout);
    }

    [Fact]
    public void Qemu_spelling_of_the_option_is_accepted()
    {
        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp.elf"), "-smp", "2");
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(Expected(2, 2), ours.Stdout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("two")]
    public void Bad_cpu_counts_are_usage_errors(string value)
    {
        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp.elf"), "--smp", value);
        Assert.Equal(2, ours.ExitCode);
        Assert.Contains("--smp", ours.Stderr);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(4, 2)]
    [InlineData(4, 3)]
    public void Smp_sample_output_equals_a_live_qemu_run(int cpus, int gic)
    {
        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        if (qemu is null)
            return; // not installed on this developer machine; scripts/test.sh makes it required
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Round-robin TCG (thread=single): with one host thread per vCPU (MTTCG) and more vCPUs than
        // host cores, the sample's ticket lock convoys behind the host scheduler (each hand-over waits
        // for a preempted vCPU thread's time slice) and a run on a busy 2-core machine took minutes.
        foreach (string a in new[] { "-M", $"virt,gic-version={gic}", "-accel", "tcg,thread=single", "-cpu", "cortex-a57", "-smp", cpus.ToString(), "-m", "128M",
                     "-nographic", "-nic", "none", "-monitor", "none", "-kernel", EmulatorProcess.Sample("smp.elf") })
            start.ArgumentList.Add(a);
        ProcessResult reference = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(Expected(cpus, gic), reference.Stdout);

        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp.elf"), "--smp", cpus.ToString(), "--gic", gic.ToString());
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(reference.Stdout, ours.Stdout);
    }

    /// <summary>
    /// Three runs of the 4-CPU guest with the display on (headless) give identical reports:
    /// instructions and cycles per CPU, every cache's statistics, the frames and the last frame's
    /// hash. Only the host's wall time and the MIPS derived from it may differ.
    /// </summary>
    [Fact]
    public void Four_cpu_runs_are_deterministic()
    {
        using var temp = new TempDirectory();
        string? first = null;
        for (int run = 0; run < 3; run++)
        {
            string report = Path.Combine(temp.Path, $"r{run}.json");
            // 1,000 refreshes a second: the run (about 15 ms of simulated time) shows frames whose hashes are compared.
            ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("smp.elf"), "--smp", "4", "--display", "headless", "--refresh", "1000", "--report", report);
            Assert.True(ours.ExitCode == 0, ours.Stderr);
            JsonElement r = EmulatorProcess.ReadReport(report);
            JsonElement cpus = r.GetProperty("cpus");
            Assert.Equal(4, cpus.GetProperty("count").GetInt32());
            Assert.True(r.GetProperty("display").GetProperty("frames").GetInt32() > 0);
            ulong sum = 0;
            foreach (JsonElement cpu in cpus.GetProperty("per_cpu").EnumerateArray())
            {
                ulong instructions = cpu.GetProperty("instructions").GetUInt64();
                Assert.True(instructions > 100_000, "every CPU ran its part");
                sum += instructions;
            }
            Assert.Equal(r.GetProperty("instructions").GetUInt64(), sum);
            string stable = Stable(r);
            if (first is null)
                first = stable;
            else
                Assert.Equal(first, stable);
        }
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

    [Fact]
    public void A_one_cpu_guest_prints_the_same_with_secondaries_left_off()
    {
        // hello never starts a secondary: with --smp 2 CPU 1 stays off and the output is the same.
        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--smp", "1");
        Assert.Equal(0, ours.ExitCode);
        ProcessResult two = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--smp", "2");
        Assert.Equal(0, two.ExitCode);
        Assert.Equal(ours.Stdout, two.Stdout);
    }
}
