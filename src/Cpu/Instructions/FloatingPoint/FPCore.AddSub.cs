using System.Numerics;

namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPAdd (Arm ARM shared/functions/float/fpadd).</summary>
    public static ulong FPAdd(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        TryHostAddSub(op1, op2, false, esize, fpcr, fpsr, out ulong fast) ? fast : FPAddSub(op1, op2, false, esize, fpcr, ref fpsr);

    /// <summary>FPSub (Arm ARM shared/functions/float/fpsub).</summary>
    public static ulong FPSub(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        TryHostAddSub(op1, op2, true, esize, fpcr, fpsr, out ulong fast) ? fast : FPAddSub(op1, op2, true, esize, fpcr, ref fpsr);

    // FPAdd, and FPSub as the addition of the operand with its sign inverted (after NaN processing).
    private static ulong FPAddSub(ulong op1, ulong op2, bool subtract, int esize, uint fpcr, ref uint fpsr)
    {
        FPRounding rounding = FPRoundingMode(fpcr);
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out int exp1, out ulong sig1);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out int exp2, out ulong sig2);
        if (FPProcessNaNs(type1, type2, op1, op2, esize, fpcr, ref fpsr, out ulong result))
            return result;
        sign2 ^= subtract;
        bool inf1 = type1 == FPType.Infinity, inf2 = type2 == FPType.Infinity;
        bool zero1 = type1 == FPType.Zero, zero2 = type2 == FPType.Zero;
        if (inf1 && inf2 && sign1 != sign2)
        {
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        if (inf1)
            return FPInfinity(sign1, esize);
        if (inf2)
            return FPInfinity(sign2, esize);
        if (zero1 && zero2 && sign1 == sign2)
            return FPZero(sign1, esize);
        return AddValues(sign1, exp1, sig1, sign2, exp2, sig2, esize, fpcr, rounding, ref fpsr);
    }

    // Rounds sign1*sig1*2^exp1 + sign2*sig2*2^exp2 (significands below 2^62); an exact zero sum is +0 (-0 when rounding towards minus infinity).
    private static ulong AddValues(bool sign1, int exp1, ulong sig1, bool sign2, int exp2, ulong sig2, int esize, uint fpcr, FPRounding rounding, ref uint fpsr)
    {
        if (sig1 == 0 && sig2 == 0)
            return FPZero(rounding == FPRounding.NegInf, esize);
        // Normalise both to bit 62 (one bit of headroom for the carry).
        if (sig1 != 0)
        {
            int s = BitOperations.LeadingZeroCount(sig1) - 1;
            sig1 <<= s;
            exp1 -= s;
        }
        if (sig2 != 0)
        {
            int s = BitOperations.LeadingZeroCount(sig2) - 1;
            sig2 <<= s;
            exp2 -= s;
        }
        // Operand 1 is the larger in magnitude.
        if (sig1 == 0 || (sig2 != 0 && (exp2 > exp1 || (exp2 == exp1 && sig2 > sig1))))
        {
            (sign1, sign2) = (sign2, sign1);
            (exp1, exp2) = (exp2, exp1);
            (sig1, sig2) = (sig2, sig1);
        }
        if (sig2 != 0)
            sig2 = ShiftRightJam(sig2, exp1 - exp2);
        ulong sum = sign1 == sign2 ? sig1 + sig2 : sig1 - sig2;
        if (sum == 0)
            return FPZero(rounding == FPRounding.NegInf, esize);
        return FPRoundBase(sign1, exp1, sum, esize, fpcr & ~FpcrAHP, rounding, ref fpsr);
    }
}
