using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions;

/// <summary>A64 branches (Arm ARM C4.1.84, "Branches, Exception Generating and System instructions").</summary>
internal static class Branches
{
    /// <summary>B and BL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void BranchImmediate(ArmCore core, uint insn)
    {
        long offset = (long)((int)(insn << 6) >> 6) << 2; // SignExtend(imm26:'00')
        core.Predictor.DirectBranch(); // BR_RETIRED
        if ((insn >> 31) != 0)
        {
            core.X[30] = core.Pc + 4;
            core.Predictor.PushReturn(core.Pc + 4);
        }
        core.NextPc = core.Pc + (ulong)offset;
    }

    /// <summary>B.cond.</summary>
    public static void BranchConditional(ArmCore core, uint insn)
    {
        bool taken = Alu.ConditionHolds(insn & 15, core.Nzcv);
        core.AddBranchPenalty(core.Predictor.Resolve(core.Pc, taken));
        if (taken)
            core.NextPc = core.Pc + (ulong)((long)((int)(insn << 8) >> 13) << 2);
    }

    /// <summary>CBZ and CBNZ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void CompareAndBranch(ArmCore core, uint insn)
    {
        if (CompareAndBranchTaken(core, insn, core.Pc))
            core.NextPc = core.Pc + (ulong)((long)((int)(insn << 8) >> 13) << 2);
    }

    /// <summary>CBZ/CBNZ at <paramref name="pc"/> without the jump: whether it is taken, predicted and charged (translated blocks branch themselves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool CompareAndBranchTaken(ArmCore core, uint insn, ulong pc)
    {
        ulong value = core.GetX(insn & 31);
        if ((insn >> 31) == 0)
            value = (uint)value;
        bool taken = (value != 0) == (((insn >> 24) & 1) != 0);
        core.AddBranchPenalty(core.Predictor.Resolve(pc, taken));
        return taken;
    }

    /// <summary>TBZ and TBNZ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void TestAndBranch(ArmCore core, uint insn)
    {
        if (TestAndBranchTaken(core, insn, core.Pc))
            core.NextPc = core.Pc + (ulong)((long)((int)(insn << 13) >> 18) << 2);
    }

    /// <summary>TBZ/TBNZ at <paramref name="pc"/> without the jump: whether it is taken, predicted and charged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TestAndBranchTaken(ArmCore core, uint insn, ulong pc)
    {
        int bit = (int)((insn >> 31) << 5 | (insn >> 19) & 31);
        bool set = ((core.GetX(insn & 31) >> bit) & 1) != 0;
        bool taken = set == (((insn >> 24) & 1) != 0);
        core.AddBranchPenalty(core.Predictor.Resolve(pc, taken));
        return taken;
    }

    /// <summary>BR, BLR, RET (the return stack predicts RET; the target buffer BR and BLR).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void BranchRegister(ArmCore core, uint insn)
    {
        ulong target = core.GetX((insn >> 5) & 31);
        uint op = (insn >> 21) & 3;
        if (op == 2)
        {
            core.AddBranchPenalty(core.Predictor.Return(target));
        }
        else
        {
            core.AddBranchPenalty(core.Predictor.IndirectBranch(core.Pc, target));
            if (op == 1)
            {
                core.X[30] = core.Pc + 4;
                core.Predictor.PushReturn(core.Pc + 4);
            }
        }
        core.NextPc = target;
    }

    /// <summary>ERET: UNDEFINED at EL0.</summary>
    public static void ExceptionReturn(ArmCore core, uint insn)
    {
        if (core.CurrentEl == 0)
        {
            core.Undefined();
            return;
        }
        core.ExceptionReturn();
    }
}
