using Emulator.Cpu.Core;

namespace Emulator.Cpu.System;

/// <summary>
/// Storage for the EL1 and EL0 system registers the core models, by their architectural names.
/// Access rules (which EL may read or write what, and what traps) live in
/// <see cref="ArmCore"/>'s MRS/MSR handling; this class only holds values and reset state.
/// </summary>
public sealed class SystemRegisters
{
    /// <summary>SCTLR_EL1 reset value: the RES1 bits (29, 28, 23, 22, 20, 11), MMU and caches off.</summary>
    public const ulong SctlrEl1Res1 = 0x30D0_0800;

    /// <summary>MIDR_EL1 of an Arm Cortex-A57 r1p3, as QEMU's cortex-a57 reports.</summary>
    public const ulong MidrCortexA57 = 0x411F_D073;

    // CTR_EL0, CLIDR_EL1, CCSIDR_EL1 and DCZID_EL0 come from the cache configuration (ArmCore.Caches.cs).

    public SystemRegisters(CpuConfiguration configuration)
    {
        Configuration = configuration;
        Reset();
    }

    public CpuConfiguration Configuration { get; }

    public ulong SCTLR_EL1;
    public ulong ACTLR_EL1;
    public ulong CPACR_EL1;
    public ulong TTBR0_EL1;
    public ulong TTBR1_EL1;
    public ulong TCR_EL1;
    public ulong MAIR_EL1;
    public ulong AMAIR_EL1;
    public ulong VBAR_EL1;
    public ulong ESR_EL1;
    public ulong FAR_EL1;
    public ulong ELR_EL1;
    public ulong SPSR_EL1;
    public ulong AFSR0_EL1;
    public ulong AFSR1_EL1;
    public ulong PAR_EL1;
    public ulong CONTEXTIDR_EL1;
    public ulong TPIDR_EL0;
    public ulong TPIDRRO_EL0;
    public ulong TPIDR_EL1;
    public ulong CNTKCTL_EL1;
    public ulong CNTFRQ_EL0;
    public ulong MDSCR_EL1;
    public ulong CSSELR_EL1;

    public void Reset()
    {
        SCTLR_EL1 = SctlrEl1Res1;
        ACTLR_EL1 = CPACR_EL1 = TTBR0_EL1 = TTBR1_EL1 = TCR_EL1 = MAIR_EL1 = AMAIR_EL1 = 0;
        VBAR_EL1 = ESR_EL1 = FAR_EL1 = ELR_EL1 = SPSR_EL1 = AFSR0_EL1 = AFSR1_EL1 = PAR_EL1 = 0;
        CONTEXTIDR_EL1 = TPIDR_EL0 = TPIDRRO_EL0 = TPIDR_EL1 = CNTKCTL_EL1 = MDSCR_EL1 = CSSELR_EL1 = 0;
        CNTFRQ_EL0 = Configuration.CounterFrequencyHz;
    }

    /// <summary>
    /// ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only; EL2/EL3 not visible to the guest (the
    /// hypervisor is the host's); FP [19:16] and AdvSIMD [23:20] implemented without half
    /// precision (0); no GIC system registers.
    /// </summary>
    public static ulong IdAa64Pfr0 => 0x0000_0011;

    /// <summary>ID_AA64MMFR0_EL1: PARange from the configuration, 16-bit ASIDs, 4K and 16K granules (64K too: TGran64 = 0).</summary>
    public ulong IdAa64Mmfr0 => ParangeField(Configuration.PhysicalAddressBits) | 0x2UL << 4 | 0x1UL << 20;

    private static ulong ParangeField(int bits) => bits switch
    {
        32 => 0,
        36 => 1,
        40 => 2,
        42 => 3,
        44 => 4,
        48 => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "unsupported physical address size"),
    };
}
