namespace Emulator.Cpu.System;

/// <summary>
/// What the core needs from the interrupt controller (the GIC, which lives in the Devices project
/// and implements this so that the Cpu project does not depend on it): the generic timer's outputs
/// go in as PPI levels, and with GICv3 the CPU interface's System registers (ICC_*_EL1) are reached
/// through MRS/MSR. The controller drives the core's IRQ and FIQ inputs with
/// <see cref="Core.ArmCore.SetInterruptRequest"/>. Nothing here is on the per-instruction path.
/// </summary>
public interface IInterruptController
{
    /// <summary>Sets the level of a level-sensitive private peripheral interrupt (INTID 16..31).</summary>
    void SetPrivateInterruptLevel(uint intid, bool level);

    /// <summary>True when the CPU interface is reached through System registers (GICv3): ID_AA64PFR0_EL1.GIC = 1.</summary>
    bool HasSystemRegisterInterface { get; }

    /// <summary>MRS of an ICC_* register at EL1. False when the encoding is not one the interface has (UNDEFINED).</summary>
    bool TryReadSystemRegister(ushort key, out ulong value);

    /// <summary>MSR of an ICC_* register at EL1. False when the encoding is not one the interface has (UNDEFINED).</summary>
    bool TryWriteSystemRegister(ushort key, ulong value);
}
