using System.Numerics;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPRound (Arm ARM shared/functions/float/fpround): rounds sig * 2^exp (nonzero) with FPCR.RMode; half precision in IEEE format.</summary>
    public static ulong FPRound(bool sign, int exp, ulong sig, int esize, uint fpcr, ref uint fpsr) =>
        FPRoundBase(sign, exp, sig, esize, fpcr & ~FpcrAHP, FPRoundingMode(fpcr), ref fpsr);

    /// <summary>FPRound (Arm ARM shared/functions/float/fpround) with an explicit rounding mode.</summary>
    public static ulong FPRound(bool sign, int exp, ulong sig, int esize, uint fpcr, FPRounding rounding, ref uint fpsr) =>
        FPRoundBase(sign, exp, sig, esize, fpcr & ~FpcrAHP, rounding, ref fpsr);

    /// <summary>FPRoundCV (Arm ARM shared/functions/float/fproundcv): as FPRound, but half precision follows FPCR.AHP.</summary>
    public static ulong FPRoundCV(bool sign, int exp, ulong sig, int esize, uint fpcr, FPRounding rounding, ref uint fpsr) =>
        FPRoundBase(sign, exp, sig, esize, fpcr, rounding, ref fpsr);

    /// <summary>FPRound of a 128-bit significand: keeps the top 64 bits, the rest jammed into bit 0 (sticky).</summary>
    internal static ulong FPRound128(bool sign, int exp, UInt128 sig, int esize, uint fpcr, FPRounding rounding, ref uint fpsr)
    {
        ulong hi = (ulong)(sig >> 64);
        if (hi == 0)
            return FPRoundBase(sign, exp, (ulong)sig, esize, fpcr & ~FpcrAHP, rounding, ref fpsr);
        int lz = BitOperations.LeadingZeroCount(hi);
        sig <<= lz;
        ulong top = (ulong)(sig >> 64) | ((ulong)sig != 0 ? 1UL : 0);
        return FPRoundBase(sign, exp + 64 - lz, top, esize, fpcr & ~FpcrAHP, rounding, ref fpsr);
    }

    /// <summary>
    /// FPRoundBase (Arm ARM shared/functions/float/fproundbase): rounds the nonzero value sig * 2^exp
    /// (bit 0 of sig may be a sticky bit standing for a nonzero remainder below it) to the format.
    /// Flush-to-zero (FPCR.FZ, not for half precision) applies when the unrounded value is below the
    /// normal range; underflow is detected before rounding (UFC only when also inexact).
    /// </summary>
    public static ulong FPRoundBase(bool sign, int exp, ulong sig, int esize, uint fpcr, FPRounding rounding, ref uint fpsr)
    {
        int f = FracBits(esize);
        int e = ExpBits(esize);
        int minimumExp = 2 - (1 << (e - 1)); // -14, -126, -1022

        // Normalise: mantissa = sig / 2^63 in [1, 2), exponent = exp + 63.
        int lz = BitOperations.LeadingZeroCount(sig);
        sig <<= lz;
        int exponent = exp + 63 - lz;

        if (esize != 16 && (fpcr & FpcrFZ) != 0 && exponent < minimumExp)
        {
            fpsr |= UFC;
            return FPZero(sign, esize);
        }

        int biasedExp = exponent - minimumExp + 1;
        int shift = 63 - f;
        if (biasedExp <= 0)
        {
            shift += 1 - biasedExp;
            biasedExp = 0;
        }

        ulong intMant;
        bool errNonzero, errGtHalf, errEqHalf;
        if (shift >= 64)
        {
            intMant = 0;
            errNonzero = true;
            errGtHalf = shift == 64 && sig > 1UL << 63;
            errEqHalf = shift == 64 && sig == 1UL << 63;
        }
        else
        {
            intMant = sig >> shift;
            ulong rem = sig & ((1UL << shift) - 1);
            ulong half = 1UL << (shift - 1);
            errNonzero = rem != 0;
            errGtHalf = rem > half;
            errEqHalf = rem == half;
        }

        if (biasedExp == 0 && errNonzero)
            fpsr |= UFC;

        bool roundUp, overflowToInf;
        switch (rounding)
        {
            case FPRounding.TieEven:
                roundUp = errGtHalf || (errEqHalf && (intMant & 1) != 0);
                overflowToInf = true;
                break;
            case FPRounding.PosInf:
                roundUp = errNonzero && !sign;
                overflowToInf = !sign;
                break;
            case FPRounding.NegInf:
                roundUp = errNonzero && sign;
                overflowToInf = sign;
                break;
            case FPRounding.TieAway:
                roundUp = errGtHalf || errEqHalf;
                overflowToInf = true;
                break;
            default: // Zero, Odd
                roundUp = false;
                overflowToInf = false;
                break;
        }

        if (roundUp)
        {
            intMant++;
            if (intMant == 1UL << f)
                biasedExp = 1;
            if (intMant == 1UL << (f + 1))
            {
                biasedExp++;
                intMant >>= 1;
            }
        }

        if (errNonzero && rounding == FPRounding.Odd)
            intMant |= 1;

        ulong result;
        if (esize != 16 || (fpcr & FpcrAHP) == 0)
        {
            if (biasedExp >= (1 << e) - 1)
            {
                result = overflowToInf ? FPInfinity(sign, esize) : FPMaxNormal(sign, esize);
                fpsr |= OFC;
                errNonzero = true;
            }
            else
                result = FPZero(sign, esize) | (ulong)biasedExp << f | (intMant & ((1UL << f) - 1));
        }
        else
        {
            if (biasedExp >= 1 << e)
            {
                result = FPZero(sign, esize) | 0x7FFF;
                fpsr |= IOC;
                errNonzero = false;
            }
            else
                result = FPZero(sign, esize) | (ulong)biasedExp << f | (intMant & ((1UL << f) - 1));
        }

        if (errNonzero)
            fpsr |= IXC;
        return result;
    }

    /// <summary>Shifts right by n, ORing any bit shifted out into bit 0 (the sticky bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong ShiftRightJam(ulong x, int n)
    {
        if (n <= 0)
            return x;
        if (n >= 64)
            return x != 0 ? 1UL : 0;
        return x >> n | ((x & ((1UL << n) - 1)) != 0 ? 1UL : 0);
    }

    /// <summary>ShiftRightJam for 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static UInt128 ShiftRightJam(UInt128 x, int n)
    {
        if (n <= 0)
            return x;
        if (n >= 128)
            return x != 0 ? UInt128.One : UInt128.Zero;
        return x >> n | ((x & ((UInt128.One << n) - 1)) != 0 ? UInt128.One : UInt128.Zero);
    }

    /// <summary>Leading zeros of a 128-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int LeadingZeroCount(UInt128 x)
    {
        ulong hi = (ulong)(x >> 64);
        return hi != 0 ? BitOperations.LeadingZeroCount(hi) : 64 + BitOperations.LeadingZeroCount((ulong)x);
    }
}
