using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// MDCR_EL2's traps of the PMU and debug registers to EL2 (each register's accessibility
/// pseudocode: "elsif EL2Enabled() &amp;&amp; MDCR_EL2.TPM == '1' then AArch64.SystemAccessTrap(EL2, 0x18)",
/// after the UNDEFINED and EL0-to-EL1 checks): TPM (every PMU register), TPMCR (PMCR_EL0), TDA (the
/// debug registers but the OS lock ones and MDRAR), TDOSA (OSLAR, OSLSR, OSDLR, DBGPRCR), TDRA
/// (MDRAR_EL1). The hypervisor model sets them as KVM does (kvm_arm_setup_mdcr_el2) and emulates
/// the trapped access with the guest's own register values (<see cref="EmulateTrappedMonitorDebugAccess"/>),
/// so the guest sees what a bare PE gives; only the exits differ. MDCR_EL2.TDE (debug exceptions
/// to EL2) is not modelled: KVM sets it only while a host debugger debugs the guest.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>MDCR_EL2 bits: HPMN [4:0], TPMCR [5], TPM [6], TDE [8], TDOSA [10], TDA [9], TDRA [11].</summary>
    public const ulong MdcrTpmcr = 1UL << 5, MdcrTpm = 1UL << 6, MdcrTde = 1UL << 8, MdcrTda = 1UL << 9, MdcrTdosa = 1UL << 10, MdcrTdra = 1UL << 11;

    private const ulong MdcrTrapBits = MdcrTpmcr | MdcrTpm | MdcrTda | MdcrTdosa | MdcrTdra;

    /// <summary>The MDCR_EL2 bits that trapped the last <see cref="CpuExit.HypervisorTrap"/> (0: another trap).</summary>
    public ulong TrappedByMdcr { get; private set; }

    /// <summary>Sets MDCR_EL2 from the host.</summary>
    public void WriteMdcr(ulong value) => El2.MDCR_EL2 = value;

    /// <summary>Traps the current MRS/MSR to EL2 when MDCR_EL2 has <paramref name="bit"/> set (stage 2 on, the guest at EL0/EL1).</summary>
    private bool TrapToEl2ByMdcr(ulong bit, uint insn)
    {
        if ((El2.MDCR_EL2 & bit) == 0 || !Stage2Enabled)
            return false;
        TrapSystemInstructionToEl2(insn);
        TrappedByMdcr = El2.MDCR_EL2 & bit;
        return true;
    }

    /// <summary>TPM for every PMU register, TPMCR for PMCR_EL0 too (PMCR_EL0's accessibility pseudocode).</summary>
    private bool TrapPmuToEl2(ushort key, uint insn) =>
        TrapToEl2ByMdcr(key == PmuSysReg.PMCR_EL0 ? MdcrTpm | MdcrTpmcr : MdcrTpm, insn);

    /// <summary>
    /// Traps an access to an implemented debug register (in its direction) to EL2 by TDA, TDOSA or
    /// TDRA. An encoding that is not a register, or the wrong direction of one, is UNDEFINED and never trapped.
    /// </summary>
    private bool TrapDebugToEl2(ushort key, bool read, uint insn)
    {
        ulong bit = MdcrDebugTrapBit(key, read);
        return bit != 0 && TrapToEl2ByMdcr(bit, insn);
    }

    private static ulong MdcrDebugTrapBit(ushort key, bool read)
    {
        if (DebugRegisterIndex(key, out _, out _))
            return MdcrTda;
        return key switch
        {
            SysReg.MDSCR_EL1 or DebugSysReg.MDCCINT_EL1 or DebugSysReg.OSECCR_EL1
                or DebugSysReg.DBGCLAIMSET_EL1 or DebugSysReg.DBGCLAIMCLR_EL1
                or DebugSysReg.OSDTRRX_EL1 or DebugSysReg.OSDTRTX_EL1
                or DebugSysReg.DBGDTR_EL0 or DebugSysReg.DBGDTRRX_EL0 => MdcrTda,
            DebugSysReg.MDCCSR_EL0 or DebugSysReg.DBGAUTHSTATUS_EL1 => read ? MdcrTda : 0,
            SysReg.OSDLR_EL1 or DebugSysReg.DBGPRCR_EL1 => MdcrTdosa,
            SysReg.OSLSR_EL1 => read ? MdcrTdosa : 0,
            SysReg.OSLAR_EL1 => read ? 0 : MdcrTdosa,
            DebugSysReg.MDRAR_EL1 => read ? MdcrTdra : 0,
            _ => 0,
        };
    }

    /// <summary>
    /// Performs the MRS/MSR that MDCR_EL2 trapped as EL2 emulating it does (KVM's access_pm* and
    /// trap_debug_regs on the vCPU's registers): with the MDCR_EL2 traps out of the way, the access
    /// the guest asked for, its result in Xt for a read. PC is not advanced.
    /// </summary>
    public void EmulateTrappedMonitorDebugAccess()
    {
        uint insn = TrappedInstruction;
        ushort key = (ushort)((insn >> 5) & 0xFFFF);
        uint t = insn & 31;
        ulong saved = El2.MDCR_EL2;
        El2.MDCR_EL2 = saved & ~MdcrTrapBits;
        if ((insn >> 21 & 1) != 0)
        {
            if (ReadSystemRegister(key, insn, out ulong value))
                SetX(t, value);
        }
        else
        {
            WriteSystemRegister(key, insn, GetX(t));
        }
        El2.MDCR_EL2 = saved;
        TrappedByMdcr = 0;
    }
}
