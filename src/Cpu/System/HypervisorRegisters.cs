namespace Emulator.Cpu.System;

/// <summary>
/// The EL2 registers the hypervisor model owns. EL2 is the host's, not the guest's: these are set by
/// the host and read by the core where the architecture consults them (CNTVOFF_EL2 for the
/// virtual counter); guest MRS/MSR of any EL2 encoding is UNDEFINED, as on a PE without EL2.
/// </summary>
public sealed class HypervisorRegisters
{
    /// <summary>Hypervisor Configuration Register.</summary>
    public ulong HCR_EL2;

    /// <summary>Stage-2 translation control.</summary>
    public ulong VTCR_EL2;

    /// <summary>Stage-2 translation table base and VMID.</summary>
    public ulong VTTBR_EL2;

    /// <summary>Virtual counter offset: CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2.</summary>
    public ulong CNTVOFF_EL2;

    /// <summary>The MIDR_EL1 and MPIDR_EL1 values a hypervisor presents to its guest (informational here).</summary>
    public ulong VPIDR_EL2;
    public ulong VMPIDR_EL2;

    /// <summary>Counter-timer hypervisor control (EL1 access to the physical counter and timer).</summary>
    public ulong CNTHCTL_EL2;

    /// <summary>Architectural feature trap register (TFP [10]: SIMD&amp;FP use at EL0/EL1 traps to EL2). Set through ArmCore.WriteCptr.</summary>
    public ulong CPTR_EL2;

    /// <summary>Monitor debug configuration: HPMN and the PMU and debug register traps (ArmCore.MonitorDebugTraps.cs).</summary>
    public ulong MDCR_EL2;

    /// <summary>Fault registers the hypervisor model fills for stage-2 faults.</summary>
    public ulong ESR_EL2;
    public ulong FAR_EL2;
    public ulong HPFAR_EL2;

    public void Reset()
    {
        HCR_EL2 = VTCR_EL2 = VTTBR_EL2 = CNTVOFF_EL2 = VPIDR_EL2 = VMPIDR_EL2 = CPTR_EL2 = MDCR_EL2 = 0;
        CNTHCTL_EL2 = 3; // EL1PCTEN, EL1PCEN: EL1 may use the physical counter and timer
        ESR_EL2 = FAR_EL2 = HPFAR_EL2 = 0;
    }
}
