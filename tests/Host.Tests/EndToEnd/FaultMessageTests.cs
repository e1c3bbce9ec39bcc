using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>A run that ends in a guest fault names the first exception of the chain, disassembled, on stderr and in the report.</summary>
public sealed class FaultMessageTests
{
    [Fact]
    public void Guest_fault_names_the_first_exception_and_the_report_carries_the_chain()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("novectors.elf"), "--report", report, "--quiet");

        Assert.Equal(4, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        JsonElement fault = EmulatorProcess.ReadReport(report).GetProperty("fault");
        string elr = fault.GetProperty("elr").GetString()!;
        Assert.StartsWith($"emulator: guest-fault: UNDEFINED instruction `udf #0` at {elr} (0x00000000, ", line);
        Assert.Contains("guest fault at its own exception vector: PC 0x40200200", line);
        JsonElement[] chain = [.. fault.GetProperty("chain").EnumerateArray()];
        Assert.Equal(2, chain.Length);
        Assert.Equal(elr, chain[0].GetProperty("pc").GetString());
        Assert.Equal("0x00", chain[0].GetProperty("ec").GetString());
        Assert.Equal("UNDEFINED instruction", chain[0].GetProperty("what").GetString());
        Assert.Equal("udf #0", chain[0].GetProperty("disassembly").GetString());
        Assert.Equal("0x40200200", chain[1].GetProperty("pc").GetString());
        Assert.False(fault.GetProperty("emulator_limitation").GetBoolean());
        Assert.StartsWith("UNDEFINED instruction", fault.GetProperty("cause").GetString());
        Assert.Equal("0x40200200", fault.GetProperty("pc").GetString()); // the existing fields stay
    }

    [Fact]
    public void A_stale_instruction_fetch_shows_the_word_that_ran_and_the_newest_copy()
    {
        // hello starts with its MMU and caches off; without the hypervisor's clean its code is still dirty
        // in the host's cache when it runs, so the fetch reads zeros from memory (scenario 10a).
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--policy", "no-clean", "--report", report, "--quiet");

        Assert.Equal(4, r.ExitCode);
        Assert.StartsWith("emulator: guest-fault: UNDEFINED instruction `udf #0` at 0x40100000 (0x00000000, ", r.Stderr);
        Assert.Contains("is 0xaa0003f3 `mov x19, x0`: the code was not cleaned to the Point of Coherency", r.Stderr);
        JsonElement first = EmulatorProcess.ReadReport(report).GetProperty("fault").GetProperty("chain")[0];
        Assert.Equal("0xaa0003f3", first.GetProperty("newest_instruction").GetString());
        Assert.Equal("mov x19, x0", first.GetProperty("newest_disassembly").GetString());
    }

    [Fact]
    public void Trace_cpu_lines_show_the_disassembled_instruction()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("undef.elf"), "--trace", "cpu", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("cpu:   UNDEFINED instruction at 0x", r.Stderr);
        Assert.Contains("`udf #", r.Stderr);
    }
}
