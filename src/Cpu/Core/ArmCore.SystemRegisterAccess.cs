using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// MRS/MSR by architectural encoding, with the EL0 access rules (AArch64.SysRegRead/Write and the
/// per-register "Accessibility" pseudocode). Encodings not listed are UNDEFINED.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>The PE's Event Register (WFE/SEV).</summary>
    internal bool EventRegister;

    /// <summary>Traps an EL0 system register access to EL1 with EC 0x18 (AArch64.SystemAccessTrap).</summary>
    internal void TrapSystemRegisterToEl1(uint insn)
    {
        uint op0 = (insn >> 19) & 3, op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15;
        uint crm = (insn >> 8) & 15, op2 = (insn >> 5) & 7, rt = insn & 31;
        uint read = (insn >> 21) & 1;
        uint iss = op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | read;
        TakeSynchronousException(ExceptionClass.SystemRegister << 26 | 1u << 25 | iss, Pc, 0, false);
    }

    internal bool ReadSystemRegister(ushort key, uint insn, out ulong value)
    {
        value = 0;
        if (PmuSysReg.IsPmu(key))
            return ReadPmuRegister(key, insn, out value);
        if (El2.MDCR_EL2 != 0 && (CurrentEl == 1 || (IsEl0DebugCommsRegister(key) && (Sys.MDSCR_EL1 & (1UL << 12)) == 0))
            && TrapDebugToEl2(key, read: true, insn))
            return false; // MDCR_EL2.TDA/TDOSA/TDRA (ArmCore.MonitorDebugTraps.cs), after MDSCR_EL1.TDCC's trap to EL1
        if (CurrentEl == 0)
            return ReadSystemRegisterEl0(key, insn, out value);
        switch (key)
        {
            case SysReg.MIDR_EL1: value = SystemRegisters.MidrCortexA57; break;
            case SysReg.MPIDR_EL1: value = Mpidr; break; // Aff0 = the core's index, U = 0, bit 31 RES1
            case SysReg.REVIDR_EL1: value = 0; break;
            case SysReg.ID_AA64PFR0_EL1: // GIC [27:24] = 1 when the GICv3 CPU interface System registers exist
                value = SystemRegisters.IdAa64Pfr0 | (InterruptController is { HasSystemRegisterInterface: true } ? 1UL << 24 : 0);
                break;
            case SysReg.ID_AA64MMFR0_EL1: value = Sys.IdAa64Mmfr0; break;
            case SysReg.MVFR0_EL1: // AArch32 is not implemented at any EL: the AArch32 media and VFP feature registers read as zero
            case SysReg.MVFR1_EL1:
            case SysReg.MVFR2_EL1:
                value = 0;
                break;
            case SysReg.ID_AA64ISAR0_EL1: value = 0b0010UL << 20 | 0b0001UL << 16 | 0b0001UL << 12 | 0b0001UL << 8 | 0b0010UL << 4; break; // Atomic = LSE, CRC32, SHA2 = SHA256, SHA1, AES = AES + PMULL (as QEMU cortex-a57)
            case SysReg.ID_AA64DFR0_EL1: value = IdAa64Dfr0; break;
            case SysReg.ID_AA64PFR1_EL1:
            case SysReg.ID_AA64DFR1_EL1:
            case SysReg.ID_AA64AFR0_EL1:
            case SysReg.ID_AA64AFR1_EL1:
            case SysReg.ID_AA64ISAR1_EL1:
            case SysReg.ID_AA64MMFR2_EL1:
                value = 0; // no optional feature of these registers is implemented
                break;
            case SysReg.ID_AA64MMFR1_EL1: value = Configuration.HardwareAccessFlag ? 1UL : 0; break; // HAFDBS [3:0]
            case SysReg.SCTLR_EL1: value = Sys.SCTLR_EL1; break;
            case SysReg.ACTLR_EL1: value = Sys.ACTLR_EL1; break;
            case SysReg.CPACR_EL1: value = Sys.CPACR_EL1; break;
            case SysReg.TTBR0_EL1: value = Sys.TTBR0_EL1; break;
            case SysReg.TTBR1_EL1: value = Sys.TTBR1_EL1; break;
            case SysReg.TCR_EL1: value = Sys.TCR_EL1; break;
            case SysReg.SPSR_EL1: value = Sys.SPSR_EL1; break;
            case SysReg.ELR_EL1: value = Sys.ELR_EL1; break;
            case SysReg.SP_EL0:
                if (!SpSel)
                {
                    Undefined();
                    return false;
                }
                value = SpEl0;
                break;
            case SysReg.SPSel: value = SpSel ? 1UL : 0; break;
            case SysReg.CurrentEL: value = (ulong)CurrentEl << 2; break;
            case SysReg.ISR_EL1: value = InterruptStatus; break;
            case SysReg.AFSR0_EL1: value = Sys.AFSR0_EL1; break;
            case SysReg.AFSR1_EL1: value = Sys.AFSR1_EL1; break;
            case SysReg.ESR_EL1: value = Sys.ESR_EL1; break;
            case SysReg.FAR_EL1: value = Sys.FAR_EL1; break;
            case SysReg.PAR_EL1: value = Sys.PAR_EL1; break;
            case SysReg.MAIR_EL1: value = Sys.MAIR_EL1; break;
            case SysReg.AMAIR_EL1: value = Sys.AMAIR_EL1; break;
            case SysReg.VBAR_EL1: value = Sys.VBAR_EL1; break;
            case SysReg.CONTEXTIDR_EL1: value = Sys.CONTEXTIDR_EL1; break;
            case SysReg.TPIDR_EL1: value = Sys.TPIDR_EL1; break;
            case SysReg.CNTKCTL_EL1: value = Sys.CNTKCTL_EL1; break;
            case SysReg.MDSCR_EL1: value = Sys.MDSCR_EL1; break;
            case SysReg.OSDLR_EL1: value = _osDoubleLock ? 1UL : 0; break; // DLK
            case SysReg.CLIDR_EL1: value = Mmu.Caches.CacheIdRegisters.Clidr(_cacheIdConfig); break;
            case SysReg.CCSIDR_EL1: value = Mmu.Caches.CacheIdRegisters.Ccsidr(_cacheIdConfig, Sys.CSSELR_EL1); break;
            case SysReg.CSSELR_EL1: value = Sys.CSSELR_EL1; break;
            case SysReg.AIDR_EL1: value = 0; break; // IMPLEMENTATION DEFINED: no auxiliary identification (as QEMU's cortex-a57)
            case SysReg.RVBAR_EL1: value = 0; break; // EL1 is the highest EL: the IMPLEMENTATION DEFINED reset address, 0 as QEMU virt's rvbar
            case SysReg.RMR_EL1: value = 1 | _rmrResetRequest; break; // AA64 RAO (no AArch32), RR as last written
            default:
                if ((key & 0xFFC0) == 0xC000 && (key & 0x38) != 0)
                {
                    value = 0; // the rest of the ID space (op0 3, op1 0, CRn 0, CRm 1..7) is RAZ: reserved ID registers
                    break;
                }
                if (TryReadDebugRegister(key, out value))
                    break;
                return ReadSystemRegisterEl0(key, insn, out value);
        }
        return true;
    }

    /// <summary>Registers EL0 may read, subject to the SCTLR_EL1 and CNTKCTL_EL1 enables; EL1 always may.</summary>
    private bool ReadSystemRegisterEl0(ushort key, uint insn, out ulong value)
    {
        value = 0;
        bool el0 = CurrentEl == 0;
        switch (key)
        {
            case SysReg.NZCV: value = Nzcv; return true;
            case SysReg.DAIF when !el0 || (Sys.SCTLR_EL1 & (1UL << 9)) != 0: value = Daif; return true;
            case SysReg.CTR_EL0 when !el0 || (Sys.SCTLR_EL1 & (1UL << 15)) != 0: value = Mmu.Caches.CacheIdRegisters.Ctr(_cacheIdConfig, _cache is { CoherentInstructionFetch: true }); return true;
            case SysReg.DCZID_EL0: value = DczidEl0; return true;
            case SysReg.TPIDR_EL0: value = Sys.TPIDR_EL0; return true;
            case SysReg.FPCR: // AArch64.CheckFPAdvSIMDEnabled: FPCR and FPSR trap as SIMD&FP instructions do
                if (!CheckFpEnabled())
                    return false;
                value = Fpcr;
                return true;
            case SysReg.FPSR:
                if (!CheckFpEnabled())
                    return false;
                value = Fpsr;
                return true;
            case SysReg.TPIDRRO_EL0: value = Sys.TPIDRRO_EL0; return true;
            case DebugSysReg.MDCCSR_EL0 or DebugSysReg.DBGDTR_EL0 or DebugSysReg.DBGDTRRX_EL0 when !el0 || (Sys.MDSCR_EL1 & (1UL << 12)) == 0:
                value = ReadDebugCommsChannel(key); // MDSCR_EL1.TDCC clear: EL0 may use the DCC (ArmCore.DebugCommsChannel.cs)
                return true;
            case DebugSysReg.MDCCSR_EL0 or DebugSysReg.DBGDTR_EL0 or DebugSysReg.DBGDTRRX_EL0:
                TrapSystemRegisterToEl1(insn);
                return false;
            case SysReg.CNTFRQ_EL0 when !el0 || (Sys.CNTKCTL_EL1 & 3) != 0: value = Sys.CNTFRQ_EL0; return true;
            case SysReg.CNTPCT_EL0 when !el0 || (Sys.CNTKCTL_EL1 & 1) != 0: value = PhysicalCount; return true;
            case SysReg.CNTVCT_EL0 when !el0 || (Sys.CNTKCTL_EL1 & 2) != 0: value = Timer.VirtualCount(Cycles); return true; // minus CNTVOFF_EL2
            case SysReg.DAIF:
            case SysReg.CTR_EL0:
            case SysReg.CNTFRQ_EL0:
            case SysReg.CNTPCT_EL0:
            case SysReg.CNTVCT_EL0:
                TrapSystemRegisterToEl1(insn);
                return false;
            default:
                return ReadOtherSystemRegister(key, insn, out value);
        }
    }

    internal void WriteSystemRegister(ushort key, uint insn, ulong value)
    {
        if (PmuSysReg.IsPmu(key))
        {
            WritePmuRegister(key, insn, value);
            return;
        }
        if (El2.MDCR_EL2 != 0 && (CurrentEl == 1 || (IsEl0DebugCommsRegister(key) && (Sys.MDSCR_EL1 & (1UL << 12)) == 0))
            && TrapDebugToEl2(key, read: false, insn))
            return; // MDCR_EL2.TDA/TDOSA (ArmCore.MonitorDebugTraps.cs)
        if (CurrentEl == 0)
        {
            WriteSystemRegisterEl0(key, insn, value);
            return;
        }
        if (TrapsVirtualMemoryWrites && IsVirtualMemoryControl(key))
        {
            TrapSystemInstructionToEl2(insn);
            return;
        }
        switch (key)
        {
            case SysReg.SCTLR_EL1:
                Sys.SCTLR_EL1 = value | SystemRegisters.SctlrEl1Res1;
                OnTranslationRegimeWritten();
                return;
            case SysReg.ACTLR_EL1: Sys.ACTLR_EL1 = value; return;
            case SysReg.CPACR_EL1: Sys.CPACR_EL1 = value & (3UL << 20); UpdateFpEnabled(); return; // only FPEN is defined here
            case SysReg.TTBR0_EL1: Sys.TTBR0_EL1 = value; OnTranslationRegimeWritten(); return;
            case SysReg.TTBR1_EL1: Sys.TTBR1_EL1 = value; OnTranslationRegimeWritten(); return;
            case SysReg.TCR_EL1: Sys.TCR_EL1 = value; OnTranslationRegimeWritten(); return;
            case SysReg.SPSR_EL1: Sys.SPSR_EL1 = value & 0xF030_03DF; return; // NZCV, SS, IL, DAIF, M
            case SysReg.ELR_EL1: Sys.ELR_EL1 = value; return;
            case SysReg.SP_EL0:
                if (!SpSel)
                {
                    Undefined();
                    return;
                }
                SpEl0 = value;
                return;
            case SysReg.SPSel: SetElAndSpSel(CurrentEl, (value & 1) != 0); return; // MSR SPSel, Xt: PSTATE.SP = Xt<0>
            case SysReg.AFSR0_EL1: Sys.AFSR0_EL1 = value; return;
            case SysReg.AFSR1_EL1: Sys.AFSR1_EL1 = value; return;
            case SysReg.ESR_EL1: Sys.ESR_EL1 = (uint)value; return;
            case SysReg.FAR_EL1: Sys.FAR_EL1 = value; return;
            case SysReg.PAR_EL1: Sys.PAR_EL1 = value; return;
            case SysReg.MAIR_EL1: Sys.MAIR_EL1 = value; OnTranslationRegimeWritten(); return;
            case SysReg.AMAIR_EL1: Sys.AMAIR_EL1 = value; return;
            case SysReg.VBAR_EL1: Sys.VBAR_EL1 = value & ~0x7FFUL; return;
            case SysReg.CONTEXTIDR_EL1: Sys.CONTEXTIDR_EL1 = (uint)value; OnTranslationRegimeWritten(); return;
            case SysReg.TPIDR_EL1: Sys.TPIDR_EL1 = value; return;
            case SysReg.TPIDRRO_EL0: Sys.TPIDRRO_EL0 = value; return;
            case SysReg.CNTKCTL_EL1: Sys.CNTKCTL_EL1 = value & 0x3FF; return;
            case SysReg.MDSCR_EL1: Sys.MDSCR_EL1 = value; OnDebugControlWritten(); return;
            case SysReg.OSDLR_EL1: _osDoubleLock = (value & 1) != 0; OnDebugControlWritten(); return; // DLK
            case SysReg.CSSELR_EL1: Sys.CSSELR_EL1 = value & 0xF; return; // Level [3:1], InD [0]
            case SysReg.RMR_EL1: _rmrResetRequest = value & 2; return; // AA64 RAO/WI; RR "is strictly a request": no warm reset is made
            case SysReg.CNTFRQ_EL0: Sys.CNTFRQ_EL0 = (uint)value; return; // writable from the highest EL the guest has
            default:
                if (TryWriteDebugRegister(key, value))
                    return;
                WriteSystemRegisterEl0(key, insn, value);
                return;
        }
    }

    /// <summary>The registers whose writes HCR_EL2.TVM traps (the EL1 virtual memory controls).</summary>
    private static bool IsVirtualMemoryControl(ushort key) => key switch
    {
        SysReg.SCTLR_EL1 or SysReg.TTBR0_EL1 or SysReg.TTBR1_EL1 or SysReg.TCR_EL1 or SysReg.ESR_EL1 or SysReg.FAR_EL1
            or SysReg.AFSR0_EL1 or SysReg.AFSR1_EL1 or SysReg.MAIR_EL1 or SysReg.AMAIR_EL1 or SysReg.CONTEXTIDR_EL1 => true,
        _ => false,
    };

    private void WriteSystemRegisterEl0(ushort key, uint insn, ulong value)
    {
        bool el0 = CurrentEl == 0;
        switch (key)
        {
            case SysReg.NZCV: Nzcv = (uint)value & Spsr.NzcvMask; return;
            case SysReg.DAIF when !el0 || (Sys.SCTLR_EL1 & (1UL << 9)) != 0: Daif = (uint)value & Spsr.DaifMask; return;
            case SysReg.TPIDR_EL0: Sys.TPIDR_EL0 = value; return;
            case SysReg.FPCR:
                if (CheckFpEnabled())
                    Fpcr = (uint)value & FpcrMask;
                return;
            case SysReg.FPSR:
                if (CheckFpEnabled())
                    Fpsr = (uint)value & FpsrMask;
                return;
            case DebugSysReg.DBGDTR_EL0 or DebugSysReg.DBGDTRRX_EL0 when !el0 || (Sys.MDSCR_EL1 & (1UL << 12)) == 0:
                WriteDebugCommsChannel(key, value); // DBGDTR_EL0, DBGDTRTX_EL0 (ArmCore.DebugCommsChannel.cs)
                return;
            case SysReg.DAIF:
            case DebugSysReg.DBGDTR_EL0:
            case DebugSysReg.DBGDTRRX_EL0:
                TrapSystemRegisterToEl1(insn);
                return;
            default:
                WriteOtherSystemRegister(key, insn, value);
                return;
        }
    }
}
