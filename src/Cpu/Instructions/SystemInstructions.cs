using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>Exception generation, hints, barriers, PSTATE and system register access (Arm ARM C4.1.84).</summary>
internal static class SystemInstructions
{
    /// <summary>Semihosting's HLT immediate in A64 (Arm semihosting specification v2, "The semihosting interface").</summary>
    public const uint SemihostingHltImmediate = 0xF000;

    /// <summary>SVC, HVC, SMC, BRK, HLT.</summary>
    public static void ExceptionGeneration(ArmCore core, uint insn)
    {
        uint imm16 = (insn >> 5) & 0xFFFF;
        uint opc = (insn >> 21) & 7;
        uint ll = insn & 3;
        switch (opc << 2 | ll)
        {
            case 0b000_01: // SVC: AArch64.CallSupervisor, preferred return is the next instruction
                core.Sys.ESR_EL1 = ExceptionClass.Svc64 << 26 | 1u << 25 | imm16;
                core.TakeException(ExceptionType.Synchronous, core.Pc + 4);
                return;
            case 0b000_10: // HVC: to the hypervisor model (EL2 is the host's); UNDEFINED at EL0
                if (core.CurrentEl == 0)
                    break;
                core.ExitImmediate = (ushort)imm16;
                core.Stop(CpuExit.HypervisorCall);
                return;
            case 0b000_11: // SMC: trapped to EL2 as KVM does with HCR_EL2.TSC; UNDEFINED at EL0
                if (core.CurrentEl == 0)
                    break;
                core.ExitImmediate = (ushort)imm16;
                core.Stop(CpuExit.SecureMonitorCall);
                return;
            case 0b001_00: // BRK: preferred return is the BRK itself
                core.TakeSynchronousException(ExceptionClass.Brk64 << 26 | 1u << 25 | imm16, core.Pc, 0, false);
                return;
            case 0b010_00: // HLT: halting debug is disabled, so only semihosting gives it a meaning
                if (imm16 == SemihostingHltImmediate && core.Configuration.Semihosting && core.CurrentEl == 1)
                {
                    core.ExitImmediate = (ushort)imm16;
                    core.Stop(CpuExit.Semihosting);
                    return;
                }
                break;
        }
        core.Undefined();
    }

    /// <summary>NOP, YIELD, WFE, WFI, SEV, SEVL and every other hint (unallocated hints execute as NOP).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks: a NOP folds to nothing
    public static void Hint(ArmCore core, uint insn)
    {
        switch ((insn >> 5) & 0x7F)
        {
            case 1: // YIELD: the PE spins; with other cores, its slice may end here (ArmCore.Smp.cs)
                core.YieldHint();
                return;
            case 2: // WFE
                if (core.EventRegister)
                {
                    core.EventRegister = false;
                    return;
                }
                if (!TrapWfxToEl1(core, 1UL << 18, 1))
                    core.WaitForEvent();
                return;
            case 3: // WFI
                if (!TrapWfxToEl1(core, 1UL << 16, 0))
                    core.WaitForInterrupt();
                return;
            case 4: // SEV: every PE of the cluster receives the event
                core.SendEvent();
                return;
            case 5: // SEVL: this PE only
                core.EventRegister = true;
                return;
        }
    }

    /// <summary>
    /// AArch64.CheckForWFxTrap(EL1): at EL0, WFI with SCTLR_EL1.nTWI = 0 (WFE with nTWE = 0) traps
    /// to EL1 with EC 0x01, CV = 1, COND = 0b1110 and TI = 0 for WFI, 1 for WFE.
    /// </summary>
    private static bool TrapWfxToEl1(ArmCore core, ulong enableBit, uint ti)
    {
        if (core.CurrentEl != 0 || (core.Sys.SCTLR_EL1 & enableBit) != 0)
            return false;
        core.TakeSynchronousException(ExceptionClass.WfiWfe << 26 | 1u << 25 | 1u << 24 | 0b1110u << 20 | ti, core.Pc, 0, false);
        return true;
    }

    /// <summary>CLREX, DSB, DMB, ISB, SB.</summary>
    public static void Barrier(ArmCore core, uint insn)
    {
        uint op2 = (insn >> 5) & 7;
        switch (op2)
        {
            case 2: // CLREX
                core.ClearExclusiveLocal();
                return;
            case 4: // DSB (incl. SSBB and PSSBB): accesses complete in order in this model
            case 5: // DMB
                return;
            case 6: // ISB: context synchronization; refetch from the new context
                core.InvalidateFetch();
                return;
            default: // SB and unallocated: FEAT_SB is not implemented
                core.Undefined();
                return;
        }
    }

    /// <summary>MSR (immediate): SPSel, DAIFSet, DAIFClr.</summary>
    public static void MsrImmediate(ArmCore core, uint insn)
    {
        uint op1 = (insn >> 16) & 7, op2 = (insn >> 5) & 7, crm = (insn >> 8) & 15;
        switch (op1 << 3 | op2)
        {
            case 0b000_101 when core.CurrentEl > 0: // SPSel
                core.SetElAndSpSel(core.CurrentEl, (crm & 1) != 0);
                return;
            case 0b011_110: // DAIFSet
            case 0b011_111: // DAIFClr
                if (core.CurrentEl == 0 && (core.Sys.SCTLR_EL1 & (1UL << 9)) == 0)
                {
                    core.TrapSystemRegisterToEl1(insn);
                    return;
                }
                if (op2 == 0b110)
                    core.Daif |= crm << 6;
                else
                    core.Daif &= ~(crm << 6);
                return;
        }
        core.Undefined();
    }

    /// <summary>MRS and MSR (register).</summary>
    public static void SystemRegisterMove(ArmCore core, uint insn)
    {
        ushort key = (ushort)((insn >> 5) & 0xFFFF);
        uint t = insn & 31;
        if (((insn >> 21) & 1) != 0)
        {
            if (core.ReadSystemRegister(key, insn, out ulong value))
                core.SetX(t, value);
        }
        else
        {
            core.WriteSystemRegister(key, insn, core.GetX(t));
        }
    }

    /// <summary>SYS and SYSL (DC, IC, TLBI, AT), routed by encoding in <see cref="ArmCore.ExecuteSystemInstruction"/>.</summary>
    public static void Sys(ArmCore core, uint insn) => core.ExecuteSystemInstruction(insn);

    /// <summary>Encodings that the decoder knows and that are UNDEFINED in this implementation.</summary>
    public static void Unallocated(ArmCore core, uint insn) => core.Undefined();
}
