namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Guests/debug.S: BRK, a hardware breakpoint, a watchpoint on stores and one on loads, and a
/// software step through five instructions (a taken branch and a load-exclusive, whose step
/// syndrome has EX set), each exception printing its ESR, its ELR and (watchpoints) FAR. The
/// output is QEMU's (TCG implements the self-hosted debug architecture), byte for byte.
/// </summary>
public sealed class DebugGuestTests
{
    private const string Expected =
        "ESR 0xf2000042 ELR-expected 0x0\n" +                  // BRK #0x42: EC 0x3C, IL, imm16
        "ESR 0xc6000022 ELR-expected 0x0\n" +                  // breakpoint: EC 0x31, IL, IFSC 0x22
        "ESR 0xd6000062 ELR-expected 0x0 FAR-wdata 0x0\n" +    // watchpoint, store: EC 0x35, WnR
        "ESR 0xd6000022 ELR-expected 0x0 FAR-wdata 0x7\n" +    // watchpoint, load (LDRB of byte 7)
        "ESR 0xcf000022 ELR-expected 0x4\n" +                  // step: EC 0x33, IL, ISV
        "ESR 0xcf000022 ELR-expected 0x8\n" +
        "ESR 0xcf000022 ELR-expected 0x10\n" +                 // the branch skipped the NOP
        "ESR 0xcf000062 ELR-expected 0x14\n" +                 // after LDXR: EX
        "ESR 0xcf000022 ELR-expected 0x18\n" +
        "done\n";

    [Theory]
    [InlineData("")]
    [InlineData("--interpret")]
    [InlineData("--cache off")]
    public void Breakpoint_watchpoint_and_step_give_the_syndromes_qemu_gives(string options)
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "debug");
        if (elf is null)
            return;
        ProcessResult ours = EmulatorProcess.Run(["run", elf, "--display", "headless", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.Equal(Expected, ours.Stdout);
    }

    [Fact]
    public void Qemu_prints_the_same()
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "debug");
        if (elf is null)
            return;
        ProcessResult? reference = EmulatorProcess.RunQemu(elf);
        if (reference is null)
            return;
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(Expected, reference.Stdout);
    }
}
