namespace Emulator.Cpu.Core;

/// <summary>
/// Why <see cref="ArmCore.Run"/> returned to the host, in the manner of a KVM exit: the core stops
/// at the instruction that needs the host, the host does its part and calls Run again.
/// </summary>
public enum CpuExit
{
    /// <summary>The instruction budget given to Run is used up.</summary>
    BudgetExhausted,

    /// <summary>HVC from EL1: trapped to the hypervisor model. PC already points past the HVC.</summary>
    HypervisorCall,

    /// <summary>SMC from EL1, trapped to EL2 as with HCR_EL2.TSC. PC already points past the SMC.</summary>
    SecureMonitorCall,

    /// <summary>HLT #0xF000 with semihosting enabled. PC already points past the HLT.</summary>
    Semihosting,

    /// <summary>WFI/WFE with nothing that could ever wake the core.</summary>
    Halted,

    /// <summary>An exception was taken and faulted again at its own vector before any progress.</summary>
    GuestFault,

    /// <summary>
    /// A stage-2 fault (translation, permission, access flag, address size) on an access of the
    /// instruction at PC: ESR_EL2, FAR_EL2 and HPFAR_EL2 describe it. PC still points at the
    /// instruction, which has not been counted.
    /// </summary>
    Stage2Abort,

    /// <summary>
    /// A system instruction HCR_EL2 traps to EL2 (TVM, TSW): ESR_EL2 holds the EC 0x18 syndrome
    /// and <see cref="ArmCore.TrappedInstruction"/> the word. PC still points at the instruction.
    /// </summary>
    HypervisorTrap,

    /// <summary>The guest did something this build does not model and cannot mimic faithfully; see <see cref="ArmCore.UnsupportedReason"/>.</summary>
    Unsupported,
}
