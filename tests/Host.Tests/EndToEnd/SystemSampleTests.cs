using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The exception, timer and interrupt sample guests (samples/svc, faults, timer, wfi, wfi-halt):
/// their documented output on the emulator with both GIC versions, the same bytes as QEMU on the
/// same image, and the guest-halted end of a WFI that nothing can wake.
/// </summary>
public sealed class SystemSampleTests
{
    private const string SvcOutput =
        "EL1: CurrentEL=1, SVC from EL1 first\n" +
        "EL1: SVC #0x7 from EL1 (vector 4), ESR=0x56000007, SPSR=0x800003c5, ELR-4 is the SVC: ok\n" +
        "EL1: dropping to EL0\n" +
        "EL0: running, making SVC #0x42\n" +
        "EL1: SVC #0x42 from EL0 (vector 8), ESR=0x56000042, SPSR=0x800003c0, ELR-4 is the SVC: ok\n" +
        "EL0: back from SVC #0x42\n" +
        "EL1: EL0 system register access refused: ESR=0x02000000 (EC 0x00), ELR is the MRS: ok\n" +
        "EL1: EL0 system register access refused: ESR=0x6234f801 (EC 0x18), ELR is the MRS: ok\n" +
        "EL0: returning to EL1 with SVC #0\n" +
        "EL1: SVC #0x0 from EL0 (vector 8), ESR=0x56000000, SPSR=0x800003c0, ELR-4 is the SVC: ok\n" +
        "EL1: back at EL1 after 3 SVCs\n";

    private const string FaultsOutput =
        "data abort: EC=0x25 IL=1 WnR=0 DFSC=0x10 FAR=0x9040000 ELR ok\n" +
        "data abort: EC=0x25 IL=1 WnR=1 DFSC=0x10 FAR=0x9040008 ELR ok\n" +
        "exception: ESR=0x02000000 EC=0x00 ELR ok\n" +
        "3 faults reported, resumed each time\n";

    private static string TimerOutput(int gic) =>
        $"timer: GICv{gic}\n" +
        "virtual timer interrupt 1\nvirtual timer interrupt 2\nvirtual timer interrupt 3\nvirtual timer interrupt 4\nvirtual timer interrupt 5\n" +
        "virtual timer fired 5 times\n" +
        "physical timer interrupt 1\nphysical timer interrupt 2\nphysical timer interrupt 3\n" +
        "physical timer fired 3 times\n" +
        "masked timer: CTL=0x7, interrupts 3\n";

    private const string WfiOutput =
        "woke from WFI with IRQs masked: ISTATUS=1, taken=0, HPPIR=27\n" +
        "IRQ 27 taken\n" +
        "after unmasking: taken=1, ELR is the instruction after MSR DAIFClr: ok\n" +
        "IRQ 27 taken\n" +
        "after WFI: taken=2, ELR is the instruction after WFI: ok\n";

    [Fact]
    public void Svc_round_trip_to_el0_and_back()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("svc.elf"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(SvcOutput, r.Stdout);
    }

    [Fact]
    public void Data_abort_and_undefined_instruction_report_esr_far_and_elr()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("faults.elf"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(FaultsOutput, r.Stdout);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Timer_interrupts_fire_the_programmed_number_of_times(int gic)
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        // --cache off: one cycle per instruction, so the count below is the programmed time alone
        // (the cache model's memory cycles lengthen each interval's busy part).
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("timer.elf"), "--gic", $"{gic}", "--report", report, "--cache", "off");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(TimerOutput(gic), r.Stdout);
        // 8 intervals of 10 ms at a 1 GHz core clock: at least 80 M simulated cycles, most of them
        // slept in WFI rather than executed.
        JsonElement json = EmulatorProcess.ReadReport(report);
        ulong cycles = json.GetProperty("cycles").GetUInt64();
        ulong instructions = json.GetProperty("instructions").GetUInt64();
        Assert.InRange(cycles, 80_000_000UL, 81_000_000UL);
        Assert.True(instructions < 1_000_000, $"{instructions} instructions: WFI should sleep, not spin");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Wfi_wakes_on_a_timer_interrupt_masked_or_not(int gic)
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("wfi.elf"), "--gic", $"{gic}");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(WfiOutput, r.Stdout);
    }

    [Fact]
    public void Timer_runs_are_deterministic()
    {
        using var temp = new TempDirectory();
        (ulong, ulong) Counts(string name)
        {
            string report = temp.File(name);
            EmulatorProcess.Run("run", EmulatorProcess.Sample("timer.elf"), "--gic", "3", "--report", report);
            JsonElement json = EmulatorProcess.ReadReport(report);
            return (json.GetProperty("instructions").GetUInt64(), json.GetProperty("cycles").GetUInt64());
        }

        Assert.Equal(Counts("a.json"), Counts("b.json"));
    }

    [Fact]
    public void Masked_wfi_with_nothing_armed_ends_guest_halted_quickly()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("wfi-halt.elf"), "--report", report);
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("wfi-halt: masking interrupts and waiting for ever\n", r.Stdout);
        Assert.Contains("guest-halted", r.Stderr);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("guest-halted", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.True(json.GetProperty("instructions").GetUInt64() < 100_000); // halted at once, not after spinning
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Uart_receive_interrupt_wakes_the_guest_from_wfi(int gic)
    {
        ProcessResult r = EmulatorProcess.RunWithInput("hello there\n", "run", EmulatorProcess.Sample("uart-irq.elf"), "--gic", $"{gic}");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("uart-irq: waiting for a line\ngot: HELLO THERE\n", r.Stdout);
    }

    [Fact]
    public void Guest_waiting_for_input_that_never_comes_ends_guest_halted()
    {
        using var temp = new TempDirectory();
        string input = temp.File("input.txt");
        File.WriteAllText(input, "no newline");
        ProcessResult r = EmulatorProcess.RunWithInputFile(input, "run", "samples/bin/uart-irq.elf");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("uart-irq: waiting for a line\n", r.Stdout);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("v3")]
    public void Gic_option_rejects_versions_the_board_does_not_have(string value)
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--gic", value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--gic", r.Stderr);
    }

    [Fact]
    public void Rtc_time_option_rejects_what_is_not_a_32_bit_second_count()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--rtc-time", "-5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--rtc-time", r.Stderr);
        Assert.Equal(0, EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--rtc-time", "0").ExitCode);
    }

    /// <summary>
    /// QEMU on the same image prints the same bytes. QEMU needs -M virt,gic-version=3 for GICv3.
    /// The timer samples print counts, never times, since QEMU's timers follow the host clock.
    /// wfi-halt is left out: on QEMU it waits for ever.
    /// </summary>
    [Theory]
    [InlineData("svc.elf", 2)]
    [InlineData("faults.elf", 2)]
    [InlineData("timer.elf", 2)]
    [InlineData("timer.elf", 3)]
    [InlineData("wfi.elf", 2)]
    [InlineData("wfi.elf", 3)]
    public void Sample_prints_the_same_bytes_as_on_qemu(string sample, int gic)
    {
        ProcessResult? reference = EmulatorProcess.RunQemu(EmulatorProcess.Sample(sample), machine: gic == 3 ? "virt,gic-version=3" : "virt");
        if (reference is null)
            return; // not installed on this developer machine; scripts/test.sh makes it required
        Assert.Equal(0, reference.ExitCode);

        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample(sample), "--gic", $"{gic}");
        Assert.Equal(0, ours.ExitCode);
        Assert.NotEmpty(reference.StdoutBytes);
        Assert.Equal(reference.StdoutBytes, ours.StdoutBytes);
    }
}
