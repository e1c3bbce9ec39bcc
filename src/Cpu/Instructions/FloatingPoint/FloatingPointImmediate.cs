using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>FMOV (scalar, immediate) (Arm ARM C4.1.90: floatimm).</summary>
internal static class FloatingPointImmediate
{
    /// <summary>VFPExpandImm (Arm ARM shared/functions/float/vfpexpandimm): sign, NOT(b):Replicate(b, E-3):cd, efgh:Zeros.</summary>
    public static ulong VFPExpandImm(uint imm8, int esize)
    {
        int e = FPCore.ExpBits(esize);
        int f = esize - e - 1;
        ulong sign = (imm8 >> 7) & 1;
        ulong b = (imm8 >> 6) & 1;
        ulong exp = (b ^ 1) << (e - 1) | (b != 0 ? (1UL << (e - 3)) - 1 : 0) << 2 | ((imm8 >> 4) & 3);
        ulong frac = (ulong)(imm8 & 15) << (f - 4);
        return sign << (esize - 1) | exp << f | frac;
    }

    /// <summary>FMOV Sd/Dd, #imm.</summary>
    public static void MoveImmediate(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        core.SetVScalar(insn & 31, VFPExpandImm((insn >> 13) & 0xFF, esize));
    }
}
