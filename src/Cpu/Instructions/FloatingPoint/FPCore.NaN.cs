namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPProcessNaN (Arm ARM shared/functions/float/fpprocessnan): quietens a signalling NaN (IOC), or gives the default NaN when FPCR.DN is set.</summary>
    public static ulong FPProcessNaN(FPType type, ulong op, int esize, uint fpcr, ref uint fpsr)
    {
        ulong result = op & Mask(esize);
        if (type == FPType.SNaN)
        {
            result |= 1UL << (FracBits(esize) - 1);
            fpsr |= IOC;
        }
        if ((fpcr & FpcrDN) != 0)
            result = FPDefaultNaN(esize);
        return result;
    }

    /// <summary>FPProcessNaNs (Arm ARM shared/functions/float/fpprocessnans): the first signalling NaN, else the first quiet NaN.</summary>
    public static bool FPProcessNaNs(FPType type1, FPType type2, ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr, out ulong result)
    {
        if (type1 == FPType.SNaN)
            result = FPProcessNaN(type1, op1, esize, fpcr, ref fpsr);
        else if (type2 == FPType.SNaN)
            result = FPProcessNaN(type2, op2, esize, fpcr, ref fpsr);
        else if (type1 == FPType.QNaN)
            result = FPProcessNaN(type1, op1, esize, fpcr, ref fpsr);
        else if (type2 == FPType.QNaN)
            result = FPProcessNaN(type2, op2, esize, fpcr, ref fpsr);
        else
        {
            result = 0;
            return false;
        }
        return true;
    }

    /// <summary>FPProcessNaNs3 (Arm ARM shared/functions/float/fpprocessnans3).</summary>
    public static bool FPProcessNaNs3(FPType type1, FPType type2, FPType type3, ulong op1, ulong op2, ulong op3, int esize, uint fpcr, ref uint fpsr, out ulong result)
    {
        if (type1 == FPType.SNaN)
            result = FPProcessNaN(type1, op1, esize, fpcr, ref fpsr);
        else if (type2 == FPType.SNaN)
            result = FPProcessNaN(type2, op2, esize, fpcr, ref fpsr);
        else if (type3 == FPType.SNaN)
            result = FPProcessNaN(type3, op3, esize, fpcr, ref fpsr);
        else if (type1 == FPType.QNaN)
            result = FPProcessNaN(type1, op1, esize, fpcr, ref fpsr);
        else if (type2 == FPType.QNaN)
            result = FPProcessNaN(type2, op2, esize, fpcr, ref fpsr);
        else if (type3 == FPType.QNaN)
            result = FPProcessNaN(type3, op3, esize, fpcr, ref fpsr);
        else
        {
            result = 0;
            return false;
        }
        return true;
    }

    /// <summary>FPConvertNaN (Arm ARM shared/functions/float/fpconvertnan): keeps the sign and the top of the payload, sets the quiet bit.</summary>
    public static ulong FPConvertNaN(ulong op, int fromsize, int tosize)
    {
        int fromPayload = FracBits(fromsize) - 1;
        int toPayload = FracBits(tosize) - 1;
        bool sign = ((op >> (fromsize - 1)) & 1) != 0;
        ulong payload = op & ((1UL << fromPayload) - 1);
        ulong aligned = payload << (64 - fromPayload); // left-justified
        ulong top = aligned >> (64 - toPayload);
        ulong ones = ((1UL << (ExpBits(tosize) + 1)) - 1) << toPayload;
        return FPZero(sign, tosize) | ones | top;
    }
}
