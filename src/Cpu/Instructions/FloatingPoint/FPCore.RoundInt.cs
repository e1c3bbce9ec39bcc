namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPRoundInt (Arm ARM shared/functions/float/fproundint): rounds to an integral value in the format; IXC only when exact and inexact.</summary>
    public static ulong FPRoundInt(ulong op, int esize, uint fpcr, FPRounding rounding, bool exact, ref uint fpsr)
    {
        FPType type = FPUnpack(op, esize, fpcr, ref fpsr, out bool sign, out int exp, out ulong sig);
        if (IsNaN(type))
            return FPProcessNaN(type, op, esize, fpcr, ref fpsr);
        if (type == FPType.Infinity)
            return FPInfinity(sign, esize);
        if (type == FPType.Zero)
            return FPZero(sign, esize);
        if (exp >= 0)
            return op & Mask(esize); // already integral
        ulong magnitude = RoundMagnitude(sign, exp, sig, rounding, out bool inexact);
        if (inexact && exact)
            fpsr |= IXC;
        if (magnitude == 0)
            return FPZero(sign, esize);
        uint dummy = 0; // an integer below 2^53 is exact in its own format
        return FPRound(sign, 0, magnitude, esize, fpcr, FPRounding.Zero, ref dummy);
    }

    /// <summary>
    /// The magnitude of sig * 2^exp (exp below zero) rounded to an integer as the pseudocode rounds
    /// the signed value (RoundDown, then round_up by the error), with whether it was inexact.
    /// </summary>
    internal static ulong RoundMagnitude(bool sign, int exp, ulong sig, FPRounding rounding, out bool inexact)
    {
        int shift = -exp;
        ulong intPart;
        bool errGtHalf, errEqHalf;
        if (shift >= 64)
        {
            intPart = 0;
            inexact = sig != 0;
            errGtHalf = shift == 64 && sig > 1UL << 63;
            errEqHalf = shift == 64 && sig == 1UL << 63;
        }
        else
        {
            intPart = sig >> shift;
            ulong rem = sig & ((1UL << shift) - 1);
            ulong half = 1UL << (shift - 1);
            inexact = rem != 0;
            errGtHalf = rem > half;
            errEqHalf = rem == half;
        }
        bool up = rounding switch
        {
            FPRounding.TieEven => errGtHalf || (errEqHalf && (intPart & 1) != 0),
            FPRounding.PosInf => inexact && !sign,
            FPRounding.NegInf => inexact && sign,
            FPRounding.TieAway => errGtHalf || errEqHalf,
            _ => false,
        };
        return up ? intPart + 1 : intPart;
    }
}
