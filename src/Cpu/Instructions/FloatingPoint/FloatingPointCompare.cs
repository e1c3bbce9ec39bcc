using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>FCMP, FCMPE, FCCMP, FCCMPE, FCSEL (Arm ARM C4.1.90: floatcmp, floatccmp, floatsel).</summary>
internal static class FloatingPointCompare
{
    /// <summary>FCMP, FCMPE (opc&lt;1&gt; signals quiet NaNs too), with a register or #0.0 (opc&lt;0&gt;; Rm is then ignored).</summary>
    public static void Compare(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        bool signalAllNaNs = ((insn >> 4) & 1) != 0;
        bool withZero = ((insn >> 3) & 1) != 0;
        ulong operand1 = FloatingPointDataProcessing.ReadScalar(core, n, esize);
        ulong operand2 = withZero ? 0 : FloatingPointDataProcessing.ReadScalar(core, m, esize);
        core.Nzcv = FPCore.FPCompare(operand1, operand2, esize, signalAllNaNs, core.Fpcr, ref core.Fpsr) << 28;
    }

    /// <summary>FCCMP, FCCMPE: FPCompare when the condition holds, otherwise NZCV = #nzcv.</summary>
    public static void ConditionalCompare(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        bool signalAllNaNs = ((insn >> 4) & 1) != 0;
        ulong operand1 = FloatingPointDataProcessing.ReadScalar(core, n, esize);
        ulong operand2 = FloatingPointDataProcessing.ReadScalar(core, m, esize);
        if (Alu.ConditionHolds((insn >> 12) & 15, core.Nzcv))
            core.Nzcv = FPCore.FPCompare(operand1, operand2, esize, signalAllNaNs, core.Fpcr, ref core.Fpsr) << 28;
        else
            core.Nzcv = (insn & 15) << 28;
    }

    /// <summary>FCSEL: V[d] = ConditionHolds(cond) ? V[n] : V[m].</summary>
    public static void Select(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        uint chosen = Alu.ConditionHolds((insn >> 12) & 15, core.Nzcv) ? n : m;
        core.SetVScalar(d, FloatingPointDataProcessing.ReadScalar(core, chosen, esize));
    }
}
