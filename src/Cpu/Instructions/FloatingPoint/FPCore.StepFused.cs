namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPRecipStepFused (Arm ARM shared/functions/float/fprecipstepfused): 2.0 - op1 * op2, fused (FRECPS).</summary>
    public static ulong FPRecipStepFused(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        StepFused(op1, op2, false, esize, fpcr, ref fpsr);

    /// <summary>FPRSqrtStepFused (Arm ARM shared/functions/float/fprsqrtstepfused): (3.0 - op1 * op2) / 2, fused (FRSQRTS).</summary>
    public static ulong FPRSqrtStepFused(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        StepFused(op1, op2, true, esize, fpcr, ref fpsr);

    private static ulong StepFused(ulong op1, ulong op2, bool rsqrt, int esize, uint fpcr, ref uint fpsr)
    {
        FPRounding rounding = FPRoundingMode(fpcr);
        op1 = FPNeg(op1, esize);
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out int exp1, out ulong sig1);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out int exp2, out ulong sig2);
        if (FPProcessNaNs(type1, type2, op1, op2, esize, fpcr, ref fpsr, out ulong result))
            return result;
        bool inf1 = type1 == FPType.Infinity, inf2 = type2 == FPType.Infinity;
        bool zero1 = type1 == FPType.Zero, zero2 = type2 == FPType.Zero;
        if ((inf1 && zero2) || (zero1 && inf2))
            return rsqrt ? FPOnePointFive(false, esize) : FPTwo(false, esize);
        if (inf1 || inf2)
            return FPInfinity(sign1 ^ sign2, esize);
        UInt128 product = zero1 || zero2 ? UInt128.Zero : (UInt128)sig1 * sig2;
        // 2.0 = 1 * 2^1; 3.0 = 3 * 2^0; the halving of FRSQRTS happens before the single rounding.
        return MulAddValues(false, rsqrt ? 0 : 1, rsqrt ? 3UL : 1UL, sign1 ^ sign2, exp1 + exp2, product, rsqrt ? -1 : 0, esize, fpcr, rounding, ref fpsr);
    }
}
