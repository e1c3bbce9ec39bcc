using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Pmu.PmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>
/// MDCR_EL2's traps to EL2 under stage 2 (TPM, TPMCR, TDA, TDOSA, TDRA): the access leaves as a
/// HypervisorTrap with ESR_EL2 EC 0x18 and the MRS/MSR's ISS, after the UNDEFINED and EL0-to-EL1
/// checks; emulated by the host (EmulateTrappedMonitorDebugAccess) the guest gets the bare PE's result.
/// </summary>
public sealed class MdcrTrapTests
{
    private static readonly SysRegister MDSCR_EL1 = new(2, 0, 0, 2, 2);
    private static readonly SysRegister OSLAR_EL1 = new(2, 0, 1, 0, 4);
    private static readonly SysRegister OSLSR_EL1 = new(2, 0, 1, 1, 4);
    private static readonly SysRegister MDRAR_EL1 = new(2, 0, 1, 0, 0);
    private static readonly SysRegister DBGBVR0_EL1 = new(2, 0, 0, 0, 4);

    /// <summary>A machine under stage 2 (IPA 1..2 GiB = the RAM, identity) with MDCR_EL2 = <paramref name="mdcr"/>.</summary>
    private static GuestMachine Under(ulong mdcr, uint[] code)
    {
        GuestMachine m = GuestMachine.Load([.. code, GuestMachine.EndMarker]);
        const ulong tables = 0x1_0000_0000;
        var memory = new Emulator.Mmu.Physical.Ram(tables, 0x1_0000);
        Span<byte> descriptor = stackalloc byte[8];
        global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(descriptor,
            0x4000_0000UL | 0xFUL << 2 | 3UL << 6 | 3UL << 8 | 1UL << 10 | 0b01);
        memory.Write(tables + 8, descriptor);
        m.Core.Stage2TableMemory = memory;
        m.Core.WriteStage2Base(25UL | 1UL << 6 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 2UL << 16, tables | 1UL << 48);
        m.Core.WriteHcr(1); // VM
        m.Core.WriteMdcr(mdcr);
        return m;
    }

    private static ulong Iss(SysRegister r, int rt, bool read) =>
        (ulong)r.Op0 << 20 | (ulong)r.Op2 << 17 | (ulong)r.Op1 << 14 | (ulong)r.CRn << 10 | (ulong)rt << 5 | (ulong)r.CRm << 1 | (read ? 1UL : 0);

    /// <summary>Runs to the next exit, which must be an MDCR_EL2 trap of <paramref name="r"/> by <paramref name="bit"/>; emulates it as the hypervisor does.</summary>
    private static void ExpectTrap(GuestMachine m, SysRegister r, int rt, bool read, ulong bit)
    {
        Assert.Equal(CpuExit.HypervisorTrap, m.Run());
        Assert.Equal(0x18UL << 26 | 1UL << 25 | Iss(r, rt, read), m.Core.El2.ESR_EL2);
        Assert.Equal(bit, m.Core.TrappedByMdcr);
        m.Core.EmulateTrappedMonitorDebugAccess();
        m.Core.CompleteEmulatedInstruction();
    }

    [Fact]
    public void Tpm_traps_every_pmu_access_and_the_emulated_access_gives_the_guest_its_value()
    {
        GuestMachine m = Under(6 | ArmCore.MdcrTpm, [
            Movz(X(2), 0x1234), Msr(PMEVCNTR(3), X(2)),
            Mrs(X(4), PMEVCNTR(3)),
            Mrs(X(5), PMCR_EL0),
        ]);
        ExpectTrap(m, PMEVCNTR(3), 2, read: false, ArmCore.MdcrTpm);
        ExpectTrap(m, PMEVCNTR(3), 4, read: true, ArmCore.MdcrTpm);
        ExpectTrap(m, PMCR_EL0, 5, read: true, ArmCore.MdcrTpm);
        m.RunToEnd();
        Assert.Equal(0x1234UL, m.X(4));
        Assert.Equal(PmcrReset, m.X(5));
    }

    [Fact]
    public void Tpmcr_traps_pmcr_el0_only()
    {
        GuestMachine m = Under(6 | ArmCore.MdcrTpmcr, [
            Mrs(X(4), PMSELR_EL0),   // not trapped
            Mrs(X(5), PMCR_EL0),
        ]);
        ExpectTrap(m, PMCR_EL0, 5, read: true, ArmCore.MdcrTpmcr);
        m.RunToEnd();
        Assert.Equal(PmcrReset, m.X(5));
    }

    [Fact]
    public void Undefined_pmu_encodings_are_undefined_not_trapped()
    {
        GuestMachine m = Under(6 | ArmCore.MdcrTpm, [Mrs(X(4), PMEVCNTR(7))]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0u, m.ExceptionClass);
    }

    [Fact]
    public void Tda_tdosa_and_tdra_trap_their_debug_registers()
    {
        GuestMachine m = Under(ArmCore.MdcrTda | ArmCore.MdcrTdosa | ArmCore.MdcrTdra, [
            Movz(X(2), 0x8000), Msr(MDSCR_EL1, X(2)),  // TDA
            Msr(DBGBVR0_EL1, X(2)),                     // TDA
            Msr(OSLAR_EL1, XZR),                        // TDOSA: the OS lock is released
            Mrs(X(3), OSLSR_EL1),                       // TDOSA
            Mrs(X(4), MDRAR_EL1),                       // TDRA
            Mrs(X(5), MDSCR_EL1),
        ]);
        ExpectTrap(m, MDSCR_EL1, 2, read: false, ArmCore.MdcrTda);
        ExpectTrap(m, DBGBVR0_EL1, 2, read: false, ArmCore.MdcrTda);
        ExpectTrap(m, OSLAR_EL1, 31, read: false, ArmCore.MdcrTdosa);
        ExpectTrap(m, OSLSR_EL1, 3, read: true, ArmCore.MdcrTdosa);
        ExpectTrap(m, MDRAR_EL1, 4, read: true, ArmCore.MdcrTdra);
        ExpectTrap(m, MDSCR_EL1, 5, read: true, ArmCore.MdcrTda);
        m.RunToEnd();
        Assert.Equal(0b1000UL, m.X(3)); // OSLM 0b10, OSLK 0 after the emulated OSLAR write
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0x8000UL, m.X(5));
    }

    [Fact]
    public void Without_stage_2_mdcr_el2_traps_nothing()
    {
        GuestMachine m = GuestMachine.Load([Mrs(X(5), PMCR_EL0), GuestMachine.EndMarker]);
        m.Core.WriteMdcr(ArmCore.MdcrTpm | ArmCore.MdcrTpmcr);
        m.RunToEnd();
        Assert.Equal(PmcrReset, m.X(5));
    }
}
