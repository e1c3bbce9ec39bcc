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
        bool taken = TCondition.Holds(core.Nzcv) != TInvert.Value;
        core.AddBranchPenalty(core.Predictor.Resolve(core.Pc, taken));
        if (taken)
            core.NextPc = core.Pc + (ulong)((long)((int)(insn << 8) >> 13) << 2);
    }
}
