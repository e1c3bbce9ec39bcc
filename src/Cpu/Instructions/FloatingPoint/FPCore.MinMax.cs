namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPMax (Arm ARM shared/functions/float/fpmax).</summary>
    public static ulong FPMax(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        FPMinMax(op1, op2, true, esize, fpcr, ref fpsr);

    /// <summary>FPMin (Arm ARM shared/functions/float/fpmin).</summary>
    public static ulong FPMin(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        FPMinMax(op1, op2, false, esize, fpcr, ref fpsr);

    /// <summary>FPMaxNum (Arm ARM shared/functions/float/fpmaxnum): a single quiet NaN is treated as minus infinity.</summary>
    public static ulong FPMaxNum(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out _, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out _, out _, out _);
        if (type1 == FPType.QNaN && type2 != FPType.QNaN)
            op1 = FPInfinity(true, esize);
        else if (type1 != FPType.QNaN && type2 == FPType.QNaN)
            op2 = FPInfinity(true, esize);
        return FPMax(op1, op2, esize, fpcr, ref fpsr);
    }

    /// <summary>FPMinNum (Arm ARM shared/functions/float/fpminnum): a single quiet NaN is treated as plus infinity.</summary>
    public static ulong FPMinNum(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out _, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out _, out _, out _);
        if (type1 == FPType.QNaN && type2 != FPType.QNaN)
            op1 = FPInfinity(false, esize);
        else if (type1 != FPType.QNaN && type2 == FPType.QNaN)
            op2 = FPInfinity(false, esize);
        return FPMin(op1, op2, esize, fpcr, ref fpsr);
    }

    private static ulong FPMinMax(ulong op1, ulong op2, bool max, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out _, out _);
        if (FPProcessNaNs(type1, type2, op1, op2, esize, fpcr, ref fpsr, out ulong result))
            return result;
        long key1 = OrderKey(type1, sign1, op1, esize), key2 = OrderKey(type2, sign2, op2, esize);
        bool pickFirst = max ? key1 > key2 : key1 < key2;
        FPType type = pickFirst ? type1 : type2;
        if (type == FPType.Zero)
            return FPZero(max ? sign1 && sign2 : sign1 || sign2, esize);
        // An infinity, or a number: FPRound of an unflushed input is exact and gives its encoding back.
        return (pickFirst ? op1 : op2) & Mask(esize);
    }

    // A signed integer ordered as the (non-NaN) values are; flushed denormals count as zero.
    private static long OrderKey(FPType type, bool sign, ulong op, int esize)
    {
        long magnitude = type == FPType.Zero ? 0 : (long)(op & (SignBit(esize) - 1));
        return sign ? -magnitude : magnitude;
    }
}
