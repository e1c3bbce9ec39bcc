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
        if (TestGuests.RunHere(temp, "debug", TestGuests.Options(options)) is { } ours)
            Assert.Equal(Expected, ours);
    }

    [Fact]
    public void Qemu_prints_the_same()
    {
        using var temp = new TempDirectory();
        if (TestGuests.RunOnQemu(temp, "debug") is not { } reference)
            return;
        Assert.Equal(Expected, reference);
    }
}
