using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Pmu.PmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>
/// EL0 access to the PMU under PMUSERENR_EL0 (EN bit 0, SW bit 1, CR bit 2, ER bit 3): an access
/// the controls do not allow traps to EL1 with EC 0x18 and the MRS/MSR's ISS
/// (AArch64.SystemAccessTrap); the EL1 registers and a write of PMUSERENR_EL0 are UNDEFINED (EC 0).
/// </summary>
public sealed class PmuEl0AccessTests
{
    private const ulong En = 1, Sw = 2, Cr = 4, Er = 8;

    private static void AssertTrapped(ulong userEnable, uint insn, SysRegister r, bool read)
    {
        GuestMachine m = El0(userEnable, [insn]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(TrapEsr(r, 1, read), m.Esr);
        Assert.Equal(El0Code, m.Elr);
    }

    private static GuestMachine AssertAllowed(ulong userEnable, uint insn, uint[]? el1Setup = null)
    {
        GuestMachine m = El0(userEnable, [insn], el1Setup);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x5600_0000UL, m.Esr); // the SVC after it: EC 0x15, IL
        return m;
    }

    public static TheoryData<string, ulong> TrappedAccesses => new()
    {
        { "mrs PMCR_EL0", 0 }, { "mrs PMCR_EL0", Sw | Cr | Er }, { "msr PMCR_EL0", Sw | Cr | Er },
        { "mrs PMCCNTR_EL0", Sw | Er }, { "msr PMCCNTR_EL0", Cr },
        { "mrs PMEVCNTR0_EL0", Sw | Cr }, { "msr PMEVCNTR0_EL0", Er }, { "mrs PMXEVCNTR_EL0", Cr },
        { "mrs PMEVTYPER0_EL0", Er }, { "msr PMCCFILTR_EL0", Sw | Cr | Er },
        { "msr PMSELR_EL0", Sw | Cr }, { "msr PMSWINC_EL0", Cr | Er },
        { "mrs PMCNTENSET_EL0", Sw | Cr | Er }, { "msr PMOVSCLR_EL0", Sw | Cr | Er }, { "mrs PMCEID0_EL0", Sw | Cr | Er },
    };

    [Theory]
    [MemberData(nameof(TrappedAccesses))]
    public void Access_not_allowed_by_pmuserenr_traps_with_ec_0x18(string access, ulong userEnable)
    {
        (uint insn, SysRegister r, bool read) = Decode(access);
        AssertTrapped(userEnable, insn, r, read);
    }

    public static TheoryData<string, ulong> AllowedAccesses => new()
    {
        { "mrs PMCR_EL0", En }, { "msr PMCR_EL0", En }, { "mrs PMUSERENR_EL0", 0 },
        { "mrs PMCCNTR_EL0", Cr }, { "mrs PMEVCNTR0_EL0", Er }, { "mrs PMXEVCNTR_EL0", Er },
        { "msr PMSELR_EL0", Er }, { "mrs PMSELR_EL0", Er }, { "msr PMSWINC_EL0", Sw },
        { "mrs PMEVTYPER0_EL0", En }, { "msr PMCCFILTR_EL0", En },
    };

    [Theory]
    [MemberData(nameof(AllowedAccesses))]
    public void Access_allowed_by_pmuserenr_runs(string access, ulong userEnable)
    {
        (uint insn, _, _) = Decode(access);
        AssertAllowed(userEnable, insn);
    }

    [Theory]
    [InlineData("mrs PMINTENSET_EL1")]
    [InlineData("msr PMINTENCLR_EL1")]
    [InlineData("msr PMUSERENR_EL0")]
    public void El1_registers_and_a_pmuserenr_write_are_undefined_at_el0(string access)
    {
        (uint insn, _, _) = Decode(access);
        GuestMachine m = El0(En | Sw | Cr | Er, [insn]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    [Fact]
    public void Pmswinc_from_el0_with_sw_increments_the_counter()
    {
        GuestMachine m = El0(Sw, [Msr(PMSWINC_EL0, X(1))], [Movz(X(2), 1), Msr(PMCNTENSET_EL0, X(2)), Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2))]);
        m.Core.X[1] = 1;
        m.WriteWords(GuestMachine.VectorBase + 0x400, [Mrs(X(4), PMEVCNTR(0)), GuestMachine.EndMarker]);
        m.RunToEnd();
        Assert.Equal(1UL, m.X(4));
    }

    [Fact]
    public void Pmevcntr_n_at_or_above_n_is_undefined_at_el0_before_the_pmuserenr_trap()
    {
        GuestMachine m = El0(0, [Mrs(X(1), PMEVCNTR(6))]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    private static (uint Insn, SysRegister Reg, bool Read) Decode(string access)
    {
        string[] parts = access.Split(' ');
        SysRegister r = parts[1] switch
        {
            "PMCR_EL0" => PMCR_EL0,
            "PMCCNTR_EL0" => PMCCNTR_EL0,
            "PMEVCNTR0_EL0" => PMEVCNTR(0),
            "PMXEVCNTR_EL0" => PMXEVCNTR_EL0,
            "PMEVTYPER0_EL0" => PMEVTYPER(0),
            "PMCCFILTR_EL0" => PMCCFILTR_EL0,
            "PMSELR_EL0" => PMSELR_EL0,
            "PMSWINC_EL0" => PMSWINC_EL0,
            "PMCNTENSET_EL0" => PMCNTENSET_EL0,
            "PMOVSCLR_EL0" => PMOVSCLR_EL0,
            "PMCEID0_EL0" => PMCEID0_EL0,
            "PMUSERENR_EL0" => PMUSERENR_EL0,
            "PMINTENSET_EL1" => PMINTENSET_EL1,
            "PMINTENCLR_EL1" => PMINTENCLR_EL1,
            _ => throw new ArgumentException(access),
        };
        bool read = parts[0] == "mrs";
        return (read ? Mrs(X(1), r) : Msr(r, X(1)), r, read);
    }
}
