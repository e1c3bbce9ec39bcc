using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>Scalar floating-point data processing, 1, 2 and 3 source (Arm ARM C4.1.90: floatdp1, floatdp2, floatdp3).</summary>
internal static class FloatingPointDataProcessing
{
    /// <summary>The element size that ftype (bits [23:22]) selects: 00 single, 01 double, 11 half; 0 for the reserved 10.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ElementSize(uint ftype) => ftype switch { 0 => 32, 1 => 64, 3 => 16, _ => 0 };

    /// <summary>V[n] as a scalar of esize bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong ReadScalar(ArmCore core, uint n, int esize) => esize == 64 ? core.GetVLow(n) : core.GetVLow(n) & ((1UL << esize) - 1);

    /// <summary>FMOV (register), FABS, FNEG, FSQRT (type 00 single, 01 double; the row fixes type&lt;1&gt; = 0).</summary>
    public static void MoveAbsNegSqrt(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong operand = ReadScalar(core, n, esize);
        ulong result = ((insn >> 15) & 3) switch
        {
            0 => operand,
            1 => FPCore.FPAbs(operand, esize),
            2 => FPCore.FPNeg(operand, esize),
            _ => FPCore.FPSqrt(operand, esize, core.Fpcr, ref core.Fpsr),
        };
        core.SetVScalar(d, result);
    }

    /// <summary>FCVT (between half, single and double; type == opc, and type or opc 10, are UNDEFINED).</summary>
    internal static bool ConvertPrecisionUndefined(uint insn)
    {
        uint ftype = (insn >> 22) & 3, opc = (insn >> 15) & 3;
        return ftype == opc || ftype == 2 || opc == 2;
    }

    /// <summary>FCVT: FPConvert with the FPCR rounding mode.</summary>
    public static void ConvertPrecision(ArmCore core, uint insn)
    {
        if (ConvertPrecisionUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int srcsize = ElementSize((insn >> 22) & 3), dstsize = ElementSize((insn >> 15) & 3);
        uint n = (insn >> 5) & 31, d = insn & 31;
        uint fpcr = core.Fpcr;
        ulong result = FPCore.FPConvert(ReadScalar(core, n, srcsize), srcsize, dstsize, fpcr, FPCore.FPRoundingMode(fpcr), ref core.Fpsr);
        core.SetVScalar(d, result);
    }

    /// <summary>FRINT*: rmode 101 (opcode 001101) is unallocated.</summary>
    internal static bool RoundIntUndefined(uint insn) => ((insn >> 15) & 7) == 5;

    /// <summary>FRINTN, FRINTP, FRINTM, FRINTZ, FRINTA, FRINTX, FRINTI: FPRoundInt.</summary>
    public static void RoundInt(ArmCore core, uint insn)
    {
        if (RoundIntUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint n = (insn >> 5) & 31, d = insn & 31;
        uint fpcr = core.Fpcr;
        uint rmode = (insn >> 15) & 7;
        FPRounding rounding = rmode switch
        {
            0 => FPRounding.TieEven,
            1 => FPRounding.PosInf,
            2 => FPRounding.NegInf,
            3 => FPRounding.Zero,
            4 => FPRounding.TieAway,
            _ => FPCore.FPRoundingMode(fpcr), // 110 FRINTX, 111 FRINTI
        };
        bool exact = rmode == 6;
        core.SetVScalar(d, FPCore.FPRoundInt(ReadScalar(core, n, esize), esize, fpcr, rounding, exact, ref core.Fpsr));
    }

    /// <summary>FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM (opcode 0xxx), FNMUL (opcode 1000).</summary>
    public static void TwoSource(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31, d = insn & 31;
        ulong op1 = ReadScalar(core, n, esize), op2 = ReadScalar(core, m, esize);
        uint fpcr = core.Fpcr;
        ulong result = ((insn >> 12) & 15) switch
        {
            0 => FPCore.FPMul(op1, op2, esize, fpcr, ref core.Fpsr),
            1 => FPCore.FPDiv(op1, op2, esize, fpcr, ref core.Fpsr),
            2 => FPCore.FPAdd(op1, op2, esize, fpcr, ref core.Fpsr),
            3 => FPCore.FPSub(op1, op2, esize, fpcr, ref core.Fpsr),
            4 => FPCore.FPMax(op1, op2, esize, fpcr, ref core.Fpsr),
            5 => FPCore.FPMin(op1, op2, esize, fpcr, ref core.Fpsr),
            6 => FPCore.FPMaxNum(op1, op2, esize, fpcr, ref core.Fpsr),
            7 => FPCore.FPMinNum(op1, op2, esize, fpcr, ref core.Fpsr),
            _ => FPCore.FPNeg(FPCore.FPMul(op1, op2, esize, fpcr, ref core.Fpsr), esize), // FNMUL
        };
        core.SetVScalar(d, result);
    }

    /// <summary>FMADD, FMSUB, FNMADD, FNMSUB: FPMulAdd with the addend negated when o1 is set and operand 1 when o0 != o1.</summary>
    public static void ThreeSource(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint m = (insn >> 16) & 31, a = (insn >> 10) & 31, n = (insn >> 5) & 31, d = insn & 31;
        bool o1 = ((insn >> 21) & 1) != 0, o0 = ((insn >> 15) & 1) != 0;
        ulong operandA = ReadScalar(core, a, esize), operand1 = ReadScalar(core, n, esize), operand2 = ReadScalar(core, m, esize);
        if (o1)
            operandA = FPCore.FPNeg(operandA, esize);
        if (o0 != o1)
            operand1 = FPCore.FPNeg(operand1, esize);
        core.SetVScalar(d, FPCore.FPMulAdd(operandA, operand1, operand2, esize, core.Fpcr, ref core.Fpsr));
    }
}
