namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>
    /// FPConvert (Arm ARM shared/functions/float/fpconvert): between half, single and double. Half
    /// precision is IEEE or, with FPCR.AHP, the alternative format (no infinities or NaNs: a NaN
    /// converts to zero and an infinity or overflow to the largest value, with IOC). Half precision
    /// is never flushed to zero.
    /// </summary>
    public static ulong FPConvert(ulong op, int fromsize, int tosize, uint fpcr, FPRounding rounding, ref uint fpsr)
    {
        FPType type = FPUnpackCV(op, fromsize, fpcr, ref fpsr, out bool sign, out int exp, out ulong sig);
        bool altHp = tosize == 16 && (fpcr & FpcrAHP) != 0;
        if (IsNaN(type))
        {
            ulong result;
            if (altHp)
                result = FPZero(sign, tosize);
            else if ((fpcr & FpcrDN) != 0)
                result = FPDefaultNaN(tosize);
            else
                result = FPConvertNaN(op, fromsize, tosize);
            if (type == FPType.SNaN || altHp)
                fpsr |= IOC;
            return result;
        }
        if (type == FPType.Infinity)
        {
            if (altHp)
            {
                fpsr |= IOC;
                return FPZero(sign, tosize) | 0x7FFF;
            }
            return FPInfinity(sign, tosize);
        }
        if (type == FPType.Zero)
            return FPZero(sign, tosize);
        return FPRoundCV(sign, exp, sig, tosize, fpcr, rounding, ref fpsr);
    }
}
