namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>
    /// FPMulAdd (Arm ARM shared/functions/float/fpmuladd): addend + op1 * op2 with one rounding. A
    /// quiet NaN addend with an infinity-times-zero product gives the default NaN (IOC).
    /// </summary>
    public static ulong FPMulAdd(ulong addend, ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        if (TryHostMulAdd(addend, op1, op2, esize, fpcr, fpsr, out ulong fast))
            return fast;
        FPRounding rounding = FPRoundingMode(fpcr);
        FPType typeA = FPUnpack(addend, esize, fpcr, ref fpsr, out bool signA, out int expA, out ulong sigA);
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out int exp1, out ulong sig1);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out int exp2, out ulong sig2);
        bool inf1 = type1 == FPType.Infinity, inf2 = type2 == FPType.Infinity;
        bool zero1 = type1 == FPType.Zero, zero2 = type2 == FPType.Zero;
        bool done = FPProcessNaNs3(typeA, type1, type2, addend, op1, op2, esize, fpcr, ref fpsr, out ulong result);
        if (typeA == FPType.QNaN && ((inf1 && zero2) || (zero1 && inf2)))
        {
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        if (done)
            return result;

        bool infA = typeA == FPType.Infinity, zeroA = typeA == FPType.Zero;
        bool signP = sign1 ^ sign2;
        bool infP = inf1 || inf2;
        bool zeroP = zero1 || zero2;
        if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && signA != signP))
        {
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        if ((infA && !signA) || (infP && !signP))
            return FPInfinity(false, esize);
        if ((infA && signA) || (infP && signP))
            return FPInfinity(true, esize);
        if (zeroA && zeroP && signA == signP)
            return FPZero(signA, esize);

        UInt128 product = zeroP ? UInt128.Zero : (UInt128)sig1 * sig2;
        return MulAddValues(signA, expA, sigA, signP, exp1 + exp2, product, 0, esize, fpcr, rounding, ref fpsr);
    }

    // Rounds (signA*sigA*2^expA + signP*product*2^expP) * 2^scale once (product below 2^120, sigA below 2^64).
    // An exact zero is +0 (-0 when rounding towards minus infinity).
    internal static ulong MulAddValues(bool signA, int expA, ulong sigA, bool signP, int expP, UInt128 product, int scale, int esize, uint fpcr, FPRounding rounding, ref uint fpsr)
    {
        UInt128 a = sigA, p = product;
        if (a == 0 && p == 0)
            return FPZero(rounding == FPRounding.NegInf, esize);
        // Normalise both to bit 125 (headroom for the carry).
        if (a != 0)
        {
            int s = LeadingZeroCount(a) - 2;
            a <<= s;
            expA -= s;
        }
        if (p != 0)
        {
            int s = LeadingZeroCount(p) - 2;
            p <<= s;
            expP -= s;
        }
        // a is the larger in magnitude.
        if (a == 0 || (p != 0 && (expP > expA || (expP == expA && p > a))))
        {
            (signA, signP) = (signP, signA);
            (expA, expP) = (expP, expA);
            (a, p) = (p, a);
        }
        if (p != 0)
            p = ShiftRightJam(p, expA - expP);
        UInt128 sum = signA == signP ? a + p : a - p;
        if (sum == 0)
            return FPZero(rounding == FPRounding.NegInf, esize);
        return FPRound128(signA, expA + scale, sum, esize, fpcr, rounding, ref fpsr);
    }
}
