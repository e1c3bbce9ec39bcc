using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.System;

/// <summary>
/// The unallocated ID registers read as zero (Arm ARM: op0 3, op1 0, CRn 0, CRm 1..7 are RAZ at
/// EL1; Linux reads ID_AA64ISAR2_EL1 and others that Armv8.0 does not define), and the
/// self-hosted debug registers that ID_AA64DFR0_EL1 advertises exist and hold their values.
/// </summary>
public sealed class IdSpaceAndDebugRegisterTests
{
    private static uint MrsRaw(int rt, uint op0, uint op1, uint crn, uint crm, uint op2) =>
        0xD530_0000u | (op0 - 2) << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | (uint)rt;

    private static uint MsrRaw(int rt, uint op0, uint op1, uint crn, uint crm, uint op2) => MrsRaw(rt, op0, op1, crn, crm, op2) & ~(1u << 21);

    [Theory]
    [InlineData(6u, 2u)] // ID_AA64ISAR2_EL1 (Armv8.7)
    [InlineData(7u, 3u)] // ID_AA64MMFR3_EL1
    [InlineData(4u, 4u)] // ID_AA64ZFR0_EL1 (SVE)
    [InlineData(4u, 5u)] // ID_AA64SMFR0_EL1
    [InlineData(1u, 0u)] // ID_PFR0_EL1: AArch32 is not implemented
    [InlineData(3u, 7u)] // reserved
    public void Unallocated_id_registers_read_as_zero(uint crm, uint op2)
    {
        var m = GuestMachine.Execute([.. MovImm(X0, 0x1234), MrsRaw(0, 3, 0, 0, crm, op2)]);
        Assert.Equal(0UL, m.X(0));
    }

    [Fact]
    public void Id_aa64dfr0_advertises_six_breakpoints_four_watchpoints_and_pmuv3()
    {
        var m = GuestMachine.Execute(MrsRaw(0, 3, 0, 0, 5, 0));
        Assert.Equal(6UL, m.X(0) & 0xF);           // DebugVer: Armv8.0
        Assert.Equal(1UL, (m.X(0) >> 8) & 0xF);    // PMUVer: PMUv3 (Armv8.0), as QEMU's cortex-a57
        Assert.Equal(5UL, (m.X(0) >> 12) & 0xF);   // BRPs - 1
        Assert.Equal(3UL, (m.X(0) >> 20) & 0xF);   // WRPs - 1
    }

    [Fact]
    public void Breakpoint_and_watchpoint_registers_hold_their_values()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0xFFFF_0000_1234_5678), .. MovImm(X2, 0xFFFF_FFFF),
            MsrRaw(1, 2, 0, 0, 5, 4), MsrRaw(2, 2, 0, 0, 5, 5),  // DBGBVR5_EL1, DBGBCR5_EL1
            MsrRaw(1, 2, 0, 0, 3, 6), MsrRaw(2, 2, 0, 0, 3, 7),  // DBGWVR3_EL1, DBGWCR3_EL1
            MrsRaw(3, 2, 0, 0, 5, 4), MrsRaw(4, 2, 0, 0, 5, 5), MrsRaw(5, 2, 0, 0, 3, 6), MrsRaw(6, 2, 0, 0, 3, 7),
            MsrRaw(2, 2, 0, 0, 2, 0), MrsRaw(7, 2, 0, 0, 2, 0),  // MDCCINT_EL1
        ]);
        Assert.Equal(0xFFFF_0000_1234_5678UL, m.X(3));
        Assert.Equal(0x00FF_E1E7UL, m.X(4));       // the DBGBCR fields an Armv8.0 PE has
        Assert.Equal(0xFFFF_0000_1234_5678UL, m.X(5));
        Assert.Equal(0x1F1F_FFFFUL, m.X(6));
        Assert.Equal(3UL << 29, m.X(7));
    }

    [Fact]
    public void Claim_tags_and_authentication_status_read_as_the_architecture_says()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x105), MsrRaw(1, 2, 0, 7, 8, 6),   // DBGCLAIMSET_EL1: tags 0 and 2 (bit 8 is not a tag)
            MrsRaw(2, 2, 0, 7, 9, 6),                          // DBGCLAIMCLR_EL1 reads the set tags
            .. MovImm(X3, 1), MsrRaw(3, 2, 0, 7, 9, 6), MrsRaw(4, 2, 0, 7, 9, 6), // clear tag 0
            MrsRaw(5, 2, 0, 7, 8, 6),                          // DBGCLAIMSET_EL1 reads the implemented tags
            MrsRaw(6, 2, 0, 7, 14, 6),                         // DBGAUTHSTATUS_EL1
        ]);
        Assert.Equal(0x5UL, m.X(2));
        Assert.Equal(0x4UL, m.X(4));
        Assert.Equal(0xFFUL, m.X(5));
        Assert.Equal(0x0AUL, m.X(6)); // Non-secure debug implemented and enabled; no Secure state
    }

    [Fact]
    public void Os_lock_is_set_by_reset_and_cleared_by_oslar()
    {
        var m = GuestMachine.Execute(MrsRaw(0, 2, 0, 1, 1, 4), MsrRaw(31, 2, 0, 1, 0, 4), MrsRaw(1, 2, 0, 1, 1, 4));
        Assert.Equal(0b1010UL, m.X(0)); // OSLM = 0b10, OSLK = 1
        Assert.Equal(0b1000UL, m.X(1));
    }

    [Fact]
    public void Breakpoint_registers_beyond_the_implemented_count_are_undefined()
    {
        var m = GuestMachine.Load([MrsRaw(0, 2, 0, 0, 6, 4), GuestMachine.EndMarker]); // DBGBVR6_EL1: BRPs is 6
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0UL, m.Core.Sys.ESR_EL1 >> 26); // EC 0: UNDEFINED
    }
}
