using System.Numerics;

namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPDiv (Arm ARM shared/functions/float/fpdiv).</summary>
    public static ulong FPDiv(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        if (TryHostDiv(op1, op2, esize, fpcr, fpsr, out ulong fast))
            return fast;
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out int exp1, out ulong sig1);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out int exp2, out ulong sig2);
        if (FPProcessNaNs(type1, type2, op1, op2, esize, fpcr, ref fpsr, out ulong result))
            return result;
        bool inf1 = type1 == FPType.Infinity, inf2 = type2 == FPType.Infinity;
        bool zero1 = type1 == FPType.Zero, zero2 = type2 == FPType.Zero;
        bool sign = sign1 ^ sign2;
        if ((inf1 && inf2) || (zero1 && zero2))
        {
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        if (inf1 || zero2)
        {
            if (!inf1)
                fpsr |= DZC;
            return FPInfinity(sign, esize);
        }
        if (zero1 || inf2)
            return FPZero(sign, esize);

        // Both significands normalised to bit 63: q = (a << 64) / b lies in (2^63, 2^65).
        int s1 = BitOperations.LeadingZeroCount(sig1);
        int s2 = BitOperations.LeadingZeroCount(sig2);
        ulong a = sig1 << s1, b = sig2 << s2;
        int exp = (exp1 - s1) - (exp2 - s2) - 64;
        UInt128 numerator = (UInt128)a << 64;
        UInt128 quotient = UInt128.DivRem(numerator, b).Quotient;
        bool inexact = quotient * b != numerator;
        UInt128 q = quotient;
        if ((ulong)(q >> 64) != 0)
        {
            q = ShiftRightJam(q, 1);
            exp++;
        }
        ulong qq = (ulong)q | (inexact ? 1UL : 0);
        return FPRoundBase(sign, exp, qq, esize, fpcr & ~FpcrAHP, FPRoundingMode(fpcr), ref fpsr);
    }
}
