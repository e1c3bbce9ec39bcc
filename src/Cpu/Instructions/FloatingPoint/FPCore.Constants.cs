using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>
/// Bit-exact Armv8.0 floating point on raw IEEE encodings (Arm ARM shared/functions/float/*).
/// Values are held as sign, exponent and integer significand (value = sig * 2^exp); every
/// operation is done in integers and rounded once by <see cref="FPRoundBase"/>.
/// </summary>
internal static partial class FPCore
{
    /// <summary>FPSR cumulative flags.</summary>
    public const uint IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 0x10, IDC = 0x80;

    /// <summary>FPCR fields.</summary>
    public const uint FpcrAHP = 1u << 26, FpcrDN = 1u << 25, FpcrFZ = 1u << 24;

    /// <summary>FPRoundingMode (Arm ARM shared/functions/float/fproundingmode): FPCR.RMode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FPRounding FPRoundingMode(uint fpcr) => (FPRounding)((fpcr >> 22) & 3);

    /// <summary>Fraction bits of the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FracBits(int esize) => esize == 64 ? 52 : esize == 32 ? 23 : 10;

    /// <summary>Exponent bits of the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ExpBits(int esize) => esize == 64 ? 11 : esize == 32 ? 8 : 5;

    /// <summary>The sign bit of the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SignBit(int esize) => 1UL << (esize - 1);

    /// <summary>All the bits of the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mask(int esize) => esize == 64 ? ulong.MaxValue : (1UL << esize) - 1;

    /// <summary>FPZero (Arm ARM shared/functions/float/fpzero).</summary>
    public static ulong FPZero(bool sign, int esize) => sign ? SignBit(esize) : 0;

    /// <summary>FPInfinity (Arm ARM shared/functions/float/fpinfinity).</summary>
    public static ulong FPInfinity(bool sign, int esize)
    {
        int f = FracBits(esize);
        return FPZero(sign, esize) | ((1UL << ExpBits(esize)) - 1) << f;
    }

    /// <summary>FPMaxNormal (Arm ARM shared/functions/float/fpmaxnormal).</summary>
    public static ulong FPMaxNormal(bool sign, int esize)
    {
        int f = FracBits(esize);
        return FPZero(sign, esize) | ((1UL << ExpBits(esize)) - 2) << f | ((1UL << f) - 1);
    }

    /// <summary>FPDefaultNaN (Arm ARM shared/functions/float/fpdefaultnan): positive, quiet, zero payload.</summary>
    public static ulong FPDefaultNaN(int esize)
    {
        int f = FracBits(esize);
        return ((1UL << ExpBits(esize)) - 1) << f | 1UL << (f - 1);
    }

    // sign : '0' : Ones(E-1) : frac — a value 2^0 * (1 + frac).
    private static ulong FPOneWithFraction(bool sign, ulong fracTop, int esize)
    {
        int f = FracBits(esize);
        return FPZero(sign, esize) | ((1UL << (ExpBits(esize) - 1)) - 1) << f | fracTop << (f - 2);
    }

    /// <summary>FPTwo (Arm ARM shared/functions/float/fptwo).</summary>
    public static ulong FPTwo(bool sign, int esize) => FPZero(sign, esize) | (1UL << (ExpBits(esize) - 1)) << FracBits(esize);

    /// <summary>FPThree (Arm ARM shared/functions/float/fpthree).</summary>
    public static ulong FPThree(bool sign, int esize) => FPTwo(sign, esize) | 1UL << (FracBits(esize) - 1);

    /// <summary>FPOnePointFive (Arm ARM shared/functions/float/fponepointfive).</summary>
    public static ulong FPOnePointFive(bool sign, int esize) => FPOneWithFraction(sign, 2, esize);

    /// <summary>FPNeg (Arm ARM shared/functions/float/fpneg): flips the sign bit, NaNs included.</summary>
    public static ulong FPNeg(ulong op, int esize) => (op ^ SignBit(esize)) & Mask(esize);

    /// <summary>FPAbs (Arm ARM shared/functions/float/fpabs): clears the sign bit, NaNs included.</summary>
    public static ulong FPAbs(ulong op, int esize) => op & (SignBit(esize) - 1);
}
