using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// MRS/MSR of the PMUv3 System registers, with their accessibility pseudocode: from EL0 an access
/// PMUSERENR_EL0 does not allow traps to EL1 (AArch64.SystemAccessTrap, EC 0x18); PMINTENSET/CLR_EL1
/// and a write of PMUSERENR_EL0 are UNDEFINED at EL0; reads of PMSWINC_EL0, writes of PMCEID0/1_EL0,
/// counters n &gt;= PMCR_EL0.N and unallocated encodings of the block are UNDEFINED. Under the KVM
/// model MDCR_EL2.HPMN = N and KVM emulates the accesses MDCR_EL2.TPM/TPMCR trap with the guest's own
/// virtual PMU, so the guest sees the registers as a bare PE would.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>MRS of a PMU register (<see cref="PmuSysReg.IsPmu"/>). False when it took an exception.</summary>
    internal bool ReadPmuRegister(ushort key, uint insn, out ulong value)
    {
        value = 0;
        int counter = PmuCounterOf(key, out bool isType);
        if (!PmuAccessAllowed(key, counter, isType, read: true, insn))
            return false;
        if (TrapPmuToEl2(key, insn))
            return false; // MDCR_EL2.TPM/TPMCR: the hypervisor emulates the access (ArmCore.MonitorDebugTraps.cs)
        SettlePmu();
        Pmu pmu = Pmu;
        switch (key)
        {
            case PmuSysReg.PMCR_EL0: value = pmu.Control; return true;
            case PmuSysReg.PMCNTENSET_EL0:
            case PmuSysReg.PMCNTENCLR_EL0: value = pmu.CountEnable; return true;
            case PmuSysReg.PMINTENSET_EL1:
            case PmuSysReg.PMINTENCLR_EL1: value = pmu.InterruptEnable; return true;
            case PmuSysReg.PMOVSSET_EL0:
            case PmuSysReg.PMOVSCLR_EL0: value = pmu.Overflow; return true;
            case PmuSysReg.PMSELR_EL0: value = pmu.Select; return true;
            case PmuSysReg.PMCEID0_EL0: value = PmuEvents.Pmceid0; return true;
            case PmuSysReg.PMCEID1_EL0: value = PmuEvents.Pmceid1; return true;
            case PmuSysReg.PMUSERENR_EL0: value = pmu.UserEnable; return true;
            case PmuSysReg.PMCCNTR_EL0: value = pmu.Value[Pmu.CycleCounter]; return true;
        }
        value = isType ? pmu.EventType[counter] : pmu.Value[counter];
        return true;
    }

    /// <summary>MSR of a PMU register.</summary>
    internal void WritePmuRegister(ushort key, uint insn, ulong value)
    {
        int counter = PmuCounterOf(key, out bool isType);
        if (!PmuAccessAllowed(key, counter, isType, read: false, insn))
            return;
        if (TrapPmuToEl2(key, insn))
            return;
        SettlePmu(); // bring every counter up to date under the old controls
        Pmu pmu = Pmu;
        uint bits = (uint)value & Pmu.CounterMask;
        switch (key)
        {
            case PmuSysReg.PMCR_EL0:
                if ((value & Pmu.PmcrP) != 0)
                {
                    for (int i = 0; i < Pmu.EventCounters; i++)
                        pmu.Value[i] = 0;
                }
                if ((value & Pmu.PmcrC) != 0)
                    pmu.Value[Pmu.CycleCounter] = 0;
                pmu.Control = Pmu.PmcrFixed | (value & Pmu.PmcrWritable);
                break;
            case PmuSysReg.PMCNTENSET_EL0: pmu.CountEnable |= bits; break;
            case PmuSysReg.PMCNTENCLR_EL0: pmu.CountEnable &= ~bits; break;
            case PmuSysReg.PMINTENSET_EL1: pmu.InterruptEnable |= bits; break;
            case PmuSysReg.PMINTENCLR_EL1: pmu.InterruptEnable &= ~bits; break;
            case PmuSysReg.PMOVSSET_EL0: pmu.Overflow |= bits; break;
            case PmuSysReg.PMOVSCLR_EL0: pmu.Overflow &= ~bits; break;
            case PmuSysReg.PMSELR_EL0: pmu.Select = (uint)value & 31; break;
            case PmuSysReg.PMUSERENR_EL0: pmu.UserEnable = (uint)value & 0xF; break;
            case PmuSysReg.PMCCNTR_EL0: pmu.Value[Pmu.CycleCounter] = value; break;
            case PmuSysReg.PMSWINC_EL0:
                // PMSWINC_EL0: each counter n whose bit is written 1, that counts SW_INCR and is
                // enabled and not filtered out here, increments by one.
                for (int i = 0; i < Pmu.EventCounters; i++)
                {
                    if ((bits >> i & 1) != 0 && (pmu.EventType[i] & 0x3FF) == PmuEvents.SW_INCR && PmuCounts(i))
                        pmu.Add(i, 1);
                }
                break;
            default:
                if (isType)
                    pmu.EventType[counter] = (uint)value & (counter == Pmu.CycleCounter ? Pmu.CycleFilterMask : Pmu.EventTypeMask);
                else
                    pmu.Value[counter] = value & 0xFFFF_FFFF;
                break;
        }
        RemarkPmu(); // mark the sources under the new controls; drive the interrupt
        UpdateTimerOutputs(force: false); // a new overflow deadline
    }

    /// <summary>
    /// The counter an event counter/type register names: PMEVCNTR&lt;n&gt;/PMEVTYPER&lt;n&gt;
    /// (n = 31 for PMCCFILTR_EL0), or PMXEVCNTR/PMXEVTYPER through PMSELR_EL0.SEL; -1 for the other
    /// registers, -2 for a counter that is not implemented (n &gt;= N; PMXEVCNTR with SEL = 31).
    /// </summary>
    private int PmuCounterOf(ushort key, out bool isType)
    {
        isType = false;
        int n;
        if ((key & 0xFFC0) == 0xDF40) // PMEVCNTR<n> (CRm 8..11) or PMEVTYPER<n> (CRm 12..15)
        {
            isType = (key & 0x20) != 0;
            n = (key >> 3 & 3) << 3 | key & 7;
            if (n == Pmu.CycleCounter)
                return isType ? n : -2; // PMCCFILTR_EL0; CRm 11 op2 7 is unallocated
        }
        else if (key == PmuSysReg.PMXEVTYPER_EL0 || key == PmuSysReg.PMXEVCNTR_EL0)
        {
            isType = key == PmuSysReg.PMXEVTYPER_EL0;
            n = (int)Pmu.Select;
            if (n == Pmu.CycleCounter)
                return isType ? n : -2; // SEL = 31: PMXEVTYPER is PMCCFILTR; PMXEVCNTR is CONSTRAINED UNPREDICTABLE, here UNDEFINED
        }
        else
            return -1;
        return n < Pmu.EventCounters ? n : -2; // n >= N: UNDEFINED (one of the CONSTRAINED UNPREDICTABLE choices for PMXEV*)
    }

    /// <summary>
    /// The accessibility pseudocode of the PMU registers for a Non-secure PE without EL2 and EL3 as
    /// the guest sees it: UNDEFINED encodings and directions, then the PMUSERENR_EL0 EL0 controls.
    /// </summary>
    private bool PmuAccessAllowed(ushort key, int counter, bool isType, bool read, uint insn)
    {
        bool defined = key switch
        {
            PmuSysReg.PMCR_EL0 or PmuSysReg.PMCNTENSET_EL0 or PmuSysReg.PMCNTENCLR_EL0 or PmuSysReg.PMOVSCLR_EL0
                or PmuSysReg.PMSELR_EL0 or PmuSysReg.PMCCNTR_EL0 or PmuSysReg.PMOVSSET_EL0 => true,
            PmuSysReg.PMINTENSET_EL1 or PmuSysReg.PMINTENCLR_EL1 => CurrentEl != 0,
            PmuSysReg.PMUSERENR_EL0 => read || CurrentEl != 0,
            PmuSysReg.PMSWINC_EL0 => !read,
            PmuSysReg.PMCEID0_EL0 or PmuSysReg.PMCEID1_EL0 => read,
            _ => counter >= 0,
        };
        if (!defined)
        {
            Undefined();
            return false;
        }
        if (CurrentEl != 0)
            return true;
        uint user = Pmu.UserEnable;
        if ((user & Pmu.UserEn) != 0 || key == PmuSysReg.PMUSERENR_EL0)
            return true;
        bool allowed = key switch
        {
            PmuSysReg.PMSWINC_EL0 => (user & Pmu.UserSw) != 0,
            PmuSysReg.PMCCNTR_EL0 => read && (user & Pmu.UserCr) != 0,
            PmuSysReg.PMSELR_EL0 => (user & Pmu.UserEr) != 0,
            _ => counter >= 0 && !isType && read && (user & Pmu.UserEr) != 0, // PMEVCNTR<n>, PMXEVCNTR reads
        };
        if (!allowed)
            TrapSystemRegisterToEl1(insn);
        return allowed;
    }
}
