using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>The PMUv3 register encodings (Arm ARM D13.3) for guest code, and EL0 harnesses.</summary>
internal static class PmuGuest
{
    public static readonly SysRegister PMCR_EL0 = new(3, 3, 9, 12, 0);
    public static readonly SysRegister PMCNTENSET_EL0 = new(3, 3, 9, 12, 1);
    public static readonly SysRegister PMCNTENCLR_EL0 = new(3, 3, 9, 12, 2);
    public static readonly SysRegister PMOVSCLR_EL0 = new(3, 3, 9, 12, 3);
    public static readonly SysRegister PMSWINC_EL0 = new(3, 3, 9, 12, 4);
    public static readonly SysRegister PMSELR_EL0 = new(3, 3, 9, 12, 5);
    public static readonly SysRegister PMCEID0_EL0 = new(3, 3, 9, 12, 6);
    public static readonly SysRegister PMCEID1_EL0 = new(3, 3, 9, 12, 7);
    public static readonly SysRegister PMCCNTR_EL0 = new(3, 3, 9, 13, 0);
    public static readonly SysRegister PMXEVTYPER_EL0 = new(3, 3, 9, 13, 1);
    public static readonly SysRegister PMXEVCNTR_EL0 = new(3, 3, 9, 13, 2);
    public static readonly SysRegister PMUSERENR_EL0 = new(3, 3, 9, 14, 0);
    public static readonly SysRegister PMINTENSET_EL1 = new(3, 0, 9, 14, 1);
    public static readonly SysRegister PMINTENCLR_EL1 = new(3, 0, 9, 14, 2);
    public static readonly SysRegister PMOVSSET_EL0 = new(3, 3, 9, 14, 3);
    public static readonly SysRegister PMCCFILTR_EL0 = new(3, 3, 14, 15, 7);
    public static readonly SysRegister PMMIR_EL1 = new(3, 0, 9, 14, 6);

    public static SysRegister PMEVCNTR(int n) => new(3, 3, 14, 8 | n >> 3, n & 7);

    public static SysRegister PMEVTYPER(int n) => new(3, 3, 14, 12 | n >> 3, n & 7);

    public const ulong E = 1, P = 2, C = 4, D = 8;
    public const ulong CycleBit = 1UL << 31;
    public const ulong FilterP = 1UL << 31, FilterU = 1UL << 30;

    /// <summary>PMCR_EL0 after reset: IMP 0x41, IDCODE 1, N = 6, LC (RES1 without AArch32).</summary>
    public const ulong PmcrReset = 0x4101_3040;

    public const ulong El0Code = GuestMachine.CodeBase + 0x800;

    /// <summary>
    /// EL1 sets PMUSERENR_EL0 to x20 and the PMU state <paramref name="el1Setup"/> sets up, then ERETs
    /// to <paramref name="el0"/> (followed by SVC #0) at EL0 with DAIF masked. The run ends in the
    /// HVC vector table (EC 0x15 on the SVC, or the trap the EL0 code took).
    /// </summary>
    public static GuestMachine El0(ulong userEnable, uint[] el0, uint[]? el1Setup = null)
    {
        GuestMachine m = GuestMachine.Load([
            Msr(PMUSERENR_EL0, X(20)),
            .. el1Setup ?? [],
            Msr(new SysRegister(3, 0, 4, 0, 1), X(27)),  // ELR_EL1
            Msr(new SysRegister(3, 0, 4, 0, 0), X(28)),  // SPSR_EL1
            Isb(),
            Eret(),
        ]);
        m.WriteWords(El0Code, [.. el0, Svc(0)]);
        m.InstallHvcVectors();
        m.Core.X[20] = userEnable;
        m.Core.X[27] = El0Code;
        m.Core.X[28] = 0x3C0; // EL0t, DAIF masked
        return m;
    }

    /// <summary>ESR_EL1 of an EL0 MRS/MSR trapped with EC 0x18 (AArch64.SystemAccessTrap): IL and the ISS fields.</summary>
    public static ulong TrapEsr(SysRegister r, int rt, bool read) =>
        0x18UL << 26 | 1UL << 25 | (ulong)r.Op0 << 20 | (ulong)r.Op2 << 17 | (ulong)r.Op1 << 14 | (ulong)r.CRn << 10
        | (ulong)rt << 5 | (ulong)r.CRm << 1 | (read ? 1UL : 0);
}
