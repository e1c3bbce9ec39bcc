namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPRecipEstimate (Arm ARM shared/functions/float/fprecipestimate): the 8-bit reciprocal estimate of FRECPE.</summary>
    public static ulong FPRecipEstimate(ulong op, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type = FPUnpack(op, esize, fpcr, ref fpsr, out bool sign, out int exp, out ulong sig);
        if (IsNaN(type))
            return FPProcessNaN(type, op, esize, fpcr, ref fpsr);
        if (type == FPType.Infinity)
            return FPZero(sign, esize);
        if (type == FPType.Zero)
        {
            fpsr |= DZC;
            return FPInfinity(sign, esize);
        }
        // Magnitude as a power of two: value in [2^log2, 2^(log2+1)).
        int log2 = exp + 63 - global::System.Numerics.BitOperations.LeadingZeroCount(sig);
        int tinyLimit = esize == 16 ? -16 : esize == 32 ? -128 : -1024; // |value| < 2^limit
        if (log2 < tinyLimit)
        {
            FPRounding rounding = FPRoundingMode(fpcr);
            bool overflowToInf = rounding switch
            {
                FPRounding.TieEven => true,
                FPRounding.PosInf => !sign,
                FPRounding.NegInf => sign,
                _ => false,
            };
            fpsr |= OFC | IXC;
            return overflowToInf ? FPInfinity(sign, esize) : FPMaxNormal(sign, esize);
        }
        int hugeLimit = esize == 16 ? 14 : esize == 32 ? 126 : 1022; // |value| >= 2^limit
        if (esize != 16 && (fpcr & FpcrFZ) != 0 && log2 >= hugeLimit)
        {
            fpsr |= UFC;
            return FPZero(sign, esize);
        }

        int f = FracBits(esize);
        ulong fraction = (op & ((1UL << f) - 1)) << (52 - f);
        int biased = (int)((op >> f) & ((1UL << ExpBits(esize)) - 1));
        if (biased == 0)
        {
            if (((fraction >> 51) & 1) == 0)
            {
                biased = -1;
                fraction = (fraction << 2) & ((1UL << 52) - 1);
            }
            else
                fraction = (fraction << 1) & ((1UL << 52) - 1);
        }
        uint scaled = (uint)(0x100 | (fraction >> 44));
        int resultExp = (esize == 16 ? 29 : esize == 32 ? 253 : 2045) - biased;
        uint estimate = RecipEstimate(scaled);
        fraction = (ulong)(estimate & 0xFF) << 44;
        if (resultExp == 0)
            fraction = 1UL << 51 | fraction >> 1;
        else if (resultExp == -1)
        {
            fraction = 1UL << 50 | fraction >> 2;
            resultExp = 0;
        }
        return FPZero(sign, esize) | (ulong)resultExp << f | fraction >> (52 - f);
    }

    /// <summary>RecipEstimate (Arm ARM shared/functions/float/recipestimate): a in 256..511 (0.5 up to 1), result in 256..511 (1 up to 2).</summary>
    internal static uint RecipEstimate(uint a)
    {
        a = a * 2 + 1;
        uint b = (1u << 19) / a;
        return (b + 1) / 2;
    }

    /// <summary>FPRSqrtEstimate (Arm ARM shared/functions/float/fprsqrtestimate): the 8-bit reciprocal square root estimate of FRSQRTE.</summary>
    public static ulong FPRSqrtEstimate(ulong op, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type = FPUnpack(op, esize, fpcr, ref fpsr, out bool sign, out _, out _);
        if (IsNaN(type))
            return FPProcessNaN(type, op, esize, fpcr, ref fpsr);
        if (type == FPType.Zero)
        {
            fpsr |= DZC;
            return FPInfinity(sign, esize);
        }
        if (sign)
        {
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        if (type == FPType.Infinity)
            return FPZero(false, esize);

        int f = FracBits(esize);
        ulong fraction = (op & ((1UL << f) - 1)) << (52 - f);
        int biased = (int)((op >> f) & ((1UL << ExpBits(esize)) - 1));
        if (biased == 0)
        {
            while (((fraction >> 51) & 1) == 0)
            {
                fraction = (fraction << 1) & ((1UL << 52) - 1);
                biased--;
            }
            fraction = (fraction << 1) & ((1UL << 52) - 1);
        }
        uint scaled = (biased & 1) == 0 ? (uint)(0x100 | (fraction >> 44)) : (uint)(0x80 | (fraction >> 45));
        int numerator = esize == 16 ? 44 : esize == 32 ? 380 : 3068;
        int resultExp = (numerator - biased) >> 1; // DIV 2 (numerator - biased is positive)
        uint estimate = RecipSqrtEstimate(scaled);
        return (ulong)resultExp << f | (ulong)(estimate & 0xFF) << (f - 8);
    }

    /// <summary>RecipSqrtEstimate (Arm ARM shared/functions/float/recipsqrtestimate): a in 128..511 (0.25 up to 1), result in 256..511.</summary>
    internal static uint RecipSqrtEstimate(uint a)
    {
        if (a < 256)
            a = a * 2 + 1;
        else
        {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        ulong b = 512;
        while ((ulong)a * (b + 1) * (b + 1) < 1UL << 28)
            b++;
        return (uint)((b + 1) / 2);
    }

    /// <summary>FPRecpX (Arm ARM shared/functions/float/fprecpx): the exponent inverted, fraction zero (FRECPX).</summary>
    public static ulong FPRecpX(ulong op, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type = FPUnpack(op, esize, fpcr, ref fpsr, out bool sign, out _, out _);
        if (IsNaN(type))
            return FPProcessNaN(type, op, esize, fpcr, ref fpsr);
        int f = FracBits(esize);
        ulong expMask = (1UL << ExpBits(esize)) - 1;
        ulong exp = (op >> f) & expMask;
        ulong resultExp = exp == 0 ? expMask - 1 : ~exp & expMask;
        return FPZero(sign, esize) | resultExp << f;
    }
}
