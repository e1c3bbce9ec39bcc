using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Specialized;

/// <summary>B.cond, one compiled copy per condition: the same as <see cref="Branches.BranchConditional"/>.</summary>
internal static class SpecializedBranches
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void BranchConditional<TCondition, TInvert>(ArmCore core, uint insn)
        where TCondition : struct, ICondition where TInvert : struct, IFlag
    {
        if (BranchConditionalTaken<TCondition, TInvert>(core, insn, core.Pc))
            core.NextPc = core.Pc + (ulong)((long)((int)(insn << 8) >> 13) << 2);
    }

    /// <summary>B.cond at <paramref name="pc"/> without the jump: whether it is taken, predicted and charged (translated blocks branch themselves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool BranchConditionalTaken<TCondition, TInvert>(ArmCore core, uint insn, ulong pc)
        where TCondition : struct, ICondition where TInvert : struct, IFlag
    {
        bool taken = TCondition.Holds(core.Nzcv) != TInvert.Value;
        core.AddBranchPenalty(core.Predictor.Resolve(pc, taken));
        return taken;
    }
}
