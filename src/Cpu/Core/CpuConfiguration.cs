namespace Emulator.Cpu.Core;

/// <summary>What the board tells the core about itself.</summary>
public sealed record CpuConfiguration
{
    /// <summary>CNTFRQ_EL0 reset value, in Hz.</summary>
    public ulong CounterFrequencyHz { get; init; } = 62_500_000;

    /// <summary>Simulated core clock; the generic counter advances by CounterFrequency/CoreClock per cycle.</summary>
    public ulong CoreClockHz { get; init; } = 1_000_000_000;

    /// <summary>Whether HLT #0xF000 is an Arm semihosting call (otherwise it is UNDEFINED, as with halting debug disabled).</summary>
    public bool Semihosting { get; init; } = true;

    /// <summary>Physical address size in bits (ID_AA64MMFR0_EL1.PARange); 40 bits as QEMU's cortex-a57.</summary>
    public int PhysicalAddressBits { get; init; } = 40;

    /// <summary>
    /// FEAT_HAFDBS, access flag only (ID_AA64MMFR1_EL1.HAFDBS = 1): with TCR_EL1.HA set, walks set
    /// a clear Access flag instead of faulting. Off by default, as on QEMU's cortex-a57.
    /// </summary>
    public bool HardwareAccessFlag { get; init; }

    /// <summary>Whether hot code runs as translated blocks (see ArmCore.Blocks.cs); off, every instruction is interpreted. Results are the same either way.</summary>
    public bool BlockTranslation { get; init; } = true;

    /// <summary>
    /// Entries of a block head, interpreted, before its block is translated. A translation costs the
    /// JIT about as much as interpreting the block a few thousand times, so code run only a few
    /// hundred times (a kernel's boot path, most of it cold) is cheaper interpreted: at 64, the sample
    /// Linux kernel's boot took 2.9 s with --cache off, at 512 2.1-2.5 s (QEMU: 0.5-0.7 s). Results never
    /// depend on it.
    /// </summary>
    public int HotBlockEntries { get; init; } = 512;
}
