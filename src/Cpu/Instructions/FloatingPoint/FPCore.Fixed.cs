namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>
    /// FPToFixed (Arm ARM shared/functions/float/fptofixed): op * 2^fbits rounded to an intsize-bit
    /// integer, saturating (IOC on saturation or a NaN, which gives 0; IXC when inexact otherwise).
    /// </summary>
    public static ulong FPToFixed(ulong op, int fbits, bool unsigned, uint fpcr, FPRounding rounding, int esize, int intsize, ref uint fpsr)
    {
        FPType type = FPUnpack(op, esize, fpcr, ref fpsr, out bool sign, out int exp, out ulong sig);
        ulong intMask = intsize == 64 ? ulong.MaxValue : (1UL << intsize) - 1;
        if (IsNaN(type))
        {
            fpsr |= IOC;
            return 0;
        }
        if (type == FPType.Zero)
            return 0;

        bool overflow;
        bool inexact = false;
        UInt128 magnitude;
        if (type == FPType.Infinity)
        {
            overflow = true;
            magnitude = UInt128.MaxValue;
        }
        else
        {
            int e = exp + fbits;
            if (e >= 0)
                magnitude = e > 70 ? UInt128.MaxValue : (UInt128)sig << e;
            else
                magnitude = RoundMagnitude(sign, e, sig, rounding, out inexact);
            overflow = false;
        }

        // SatQ
        ulong result;
        if (unsigned)
        {
            if (sign && magnitude != 0)
            {
                overflow = true;
                result = 0;
            }
            else if (magnitude > intMask)
            {
                overflow = true;
                result = intMask;
            }
            else
                result = (ulong)magnitude;
        }
        else
        {
            UInt128 limit = (UInt128)1 << (intsize - 1); // |min|; max is limit - 1
            if (!sign && magnitude >= limit)
            {
                overflow = true;
                result = (ulong)(limit - 1);
            }
            else if (sign && magnitude > limit)
            {
                overflow = true;
                result = (ulong)limit & intMask;
            }
            else
                result = (sign ? 0 - (ulong)magnitude : (ulong)magnitude) & intMask;
        }

        if (overflow)
            fpsr |= IOC;
        else if (inexact)
            fpsr |= IXC;
        return result;
    }

    /// <summary>FixedToFP (Arm ARM shared/functions/float/fixedtofp): the intsize-bit fixed-point op / 2^fbits, rounded.</summary>
    public static ulong FixedToFP(ulong op, int fbits, bool unsigned, uint fpcr, FPRounding rounding, int intsize, int esize, ref uint fpsr)
    {
        ulong value = intsize == 64 ? op : op & ((1UL << intsize) - 1);
        bool sign = false;
        if (!unsigned && ((value >> (intsize - 1)) & 1) != 0)
        {
            sign = true;
            value = (0 - value) & (intsize == 64 ? ulong.MaxValue : (1UL << intsize) - 1);
            if (value == 0)
                value = 1UL << (intsize - 1); // cannot happen (only 0 negates to 0), kept for clarity
        }
        if (value == 0)
            return FPZero(false, esize);
        return FPRound(sign, -fbits, value, esize, fpcr, rounding, ref fpsr);
    }
}
