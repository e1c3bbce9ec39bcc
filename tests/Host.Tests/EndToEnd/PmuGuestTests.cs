using System.Globalization;
using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Guests/pmu.S: the PMU's identification and register behaviour, SW_INCR through PMSWINC_EL0 with
/// its overflow, PMSELR_EL0 indirection, PMCR_EL0.P and PMUSERENR_EL0, printed identically by QEMU
/// (TCG implements PMUv3 with SW_INCR, INST_RETIRED and CPU_CYCLES; only what is deterministic on
/// QEMU is printed, cycle and instruction counts are not). QEMU does not implement
/// L1D_CACHE_REFILL, so there the guest says so and stops; on the emulator it prints the refills of
/// a write-back and a Non-cacheable load sweep and the counter's total over the whole run, which
/// must equal the L1D refills (fills less speculative fills) of the run's own report.
/// </summary>
public sealed class PmuGuestTests
{
    private const string Common =
        "PMUVer 0x1\n" +
        "PMCR.N 0x6\n" +
        "PMCNTENSET 0x8000003f\n" +
        "SW_INCR 0x5\n" +
        "wrap 0x0 PMOVSSET.P0 0x1\n" +
        "PMXEVCNTR(SEL 2) 0x1234\n" +
        "after PMCR.P 0x0\n" +
        "PMUSERENR 0xf\n";

    /// <summary>
    /// The architectural events over known code, the same with and without the cache model: the
    /// write-back sweep is BL, 64 taken-or-not B.NE and RET (66 branches) and 64 loads; two SVCs are two
    /// exceptions and two ERETs. QEMU 7.2 implements none of these events (its PMU has SW_INCR,
    /// INST_RETIRED and CPU_CYCLES), so they are checked against the code, not against QEMU.
    /// </summary>
    private const string Architectural =
        "BR_RETIRED write-back sweep 0x42\n" +
        "MEM_ACCESS write-back sweep 0x40\n" +
        "EXC_TAKEN two SVCs 0x2\n" +
        "BR_RETIRED two SVCs 0x2\n";

    [Theory]
    [InlineData("")]
    [InlineData("--interpret")]
    public void Pmu_registers_and_l1d_refills_agree_with_the_report(string options)
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "pmu");
        if (elf is null)
            return;
        string report = temp.File("report.json");
        ProcessResult ours = EmulatorProcess.Run(["run", elf, "--display", "headless", "--report", report,
            .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.StartsWith(Common, ours.Stdout);
        string[] lines = ours.Stdout[Common.Length..].TrimEnd('\n').Split('\n');
        Assert.Equal(8, lines.Length);
        ulong wb = Hex(lines[0], "L1D_CACHE_REFILL write-back sweep ");
        ulong nc = Hex(lines[1], "L1D_CACHE_REFILL non-cacheable sweep ");
        ulong total = Hex(lines[7], "L1D_CACHE_REFILL total ");
        Assert.Equal(64UL, wb); // one refill per 64-byte line of the 4 KiB buffer
        Assert.Equal(0UL, nc); // Non-cacheable loads do not allocate
        JsonElement cache = EmulatorProcess.ReadReport(report).GetProperty("cache");
        JsonElement l1d = cache.GetProperty("cpu0.l1d");
        Assert.Equal(l1d.GetProperty("fills").GetUInt64() - l1d.GetProperty("speculative_fills").GetUInt64(), total);
        Assert.Equal(Architectural, string.Join('\n', lines[2..6]) + '\n');
        // BUS_ACCESS over the Non-cacheable sweep: one bus transaction per load (each is in its own
        // line), as the report's own count of the cache model's memory transactions says.
        Assert.Equal("BUS_ACCESS non-cacheable sweep 0x40", lines[6]);
        Assert.True(cache.GetProperty("bus_transactions").GetUInt64() >= 64 + 64);
    }

    [Fact]
    public void Without_the_cache_model_the_sweeps_refill_nothing()
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "pmu");
        if (elf is null)
            return;
        ProcessResult ours = EmulatorProcess.Run(["run", elf, "--display", "headless", "--cache", "off"]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.Equal(Common +
            "L1D_CACHE_REFILL write-back sweep 0x0\n" +
            "L1D_CACHE_REFILL non-cacheable sweep 0x0\n" +
            Architectural +
            "BUS_ACCESS non-cacheable sweep 0x0\n" + // without the cache model RAM is no bus: only Device accesses count
            "L1D_CACHE_REFILL total 0x0\n", ours.Stdout);
    }

    [Fact]
    public void Qemu_prints_the_same_register_behaviour_and_lacks_l1d_cache_refill()
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "pmu");
        if (elf is null)
            return;
        ProcessResult? reference = EmulatorProcess.RunQemu(elf);
        if (reference is null)
            return;
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(Common + "L1D_CACHE_REFILL not implemented\n", reference.Stdout);
    }

    private static ulong Hex(string line, string prefix)
    {
        Assert.StartsWith(prefix, line);
        return ulong.Parse(line.AsSpan(prefix.Length + 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
