using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Crypto;

/// <summary>
/// PMULL/PMULL2 with 64-bit elements (Arm ARM C7.2 PMULL, PMULL2, size = 11; FEAT_PMULL): the row
/// fixes size = 11 (the 8-bit form has its own row in A64DecodeTable.AdvancedSimdArithmetic.cs).
/// </summary>
public static class PolynomialMultiplyLong64
{
    /// <summary>
    /// PMULL{2} Vd.1Q, Vn.{1,2}D, Vm.{1,2}D: part = Q; operand1 = Vpart[n, part]; operand2 = Vpart[m, part];
    /// V[d] = PolynomialMult(operand1, operand2) (the 128-bit carry-less product).
    /// </summary>
    public static void Pmull(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled()) return;
        uint d = insn & 31, n = (insn >> 5) & 31, m = (insn >> 16) & 31;
        bool part = (insn & (1u << 30)) != 0;
        ulong operand1 = part ? core.GetVHigh(n) : core.GetVLow(n);
        ulong operand2 = part ? core.GetVHigh(m) : core.GetVLow(m);
        PolynomialMult(operand1, operand2, out ulong low, out ulong high);
        core.SetV(d, low, high);
    }

    /// <summary>
    /// PolynomialMult (Arm ARM shared/functions/vector/PolynomialMult) of two 64-bit values:
    /// result = 0; for i = 0 to 63: if op1&lt;i&gt; == '1' then result = result EOR LSL(ZeroExtend(op2, 128), i).
    /// </summary>
    public static void PolynomialMult(ulong op1, ulong op2, out ulong low, out ulong high)
    {
        low = 0;
        high = 0;
        for (int i = 0; i < 64; i++)
        {
            if (((op1 >> i) & 1) == 0)
                continue;
            low ^= op2 << i;
            if (i != 0)
                high ^= op2 >> (64 - i);
        }
    }
}
