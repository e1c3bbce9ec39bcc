namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPCompare (Arm ARM shared/functions/float/fpcompare): NZCV in bits [3:0]; unordered is 0011, IOC for a signalling NaN (any NaN when signalNaNs).</summary>
    public static uint FPCompare(ulong op1, ulong op2, int esize, bool signalNaNs, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out _, out _);
        if (IsNaN(type1) || IsNaN(type2))
        {
            if (type1 == FPType.SNaN || type2 == FPType.SNaN || signalNaNs)
                fpsr |= IOC;
            return 0b0011;
        }
        long key1 = OrderKey(type1, sign1, op1, esize), key2 = OrderKey(type2, sign2, op2, esize);
        if (key1 == key2)
            return 0b0110;
        return key1 < key2 ? 0b1000u : 0b0010u;
    }

    /// <summary>FPCompareEQ (Arm ARM shared/functions/float/fpcompareeq): false for NaNs, IOC only for a signalling NaN.</summary>
    public static bool FPCompareEQ(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out _, out _);
        if (IsNaN(type1) || IsNaN(type2))
        {
            if (type1 == FPType.SNaN || type2 == FPType.SNaN)
                fpsr |= IOC;
            return false;
        }
        return OrderKey(type1, sign1, op1, esize) == OrderKey(type2, sign2, op2, esize);
    }

    /// <summary>FPCompareGE (Arm ARM shared/functions/float/fpcomparege): false for NaNs, IOC for any NaN.</summary>
    public static bool FPCompareGE(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out _, out _);
        if (IsNaN(type1) || IsNaN(type2))
        {
            fpsr |= IOC;
            return false;
        }
        return OrderKey(type1, sign1, op1, esize) >= OrderKey(type2, sign2, op2, esize);
    }

    /// <summary>FPCompareGT (Arm ARM shared/functions/float/fpcomparegt): false for NaNs, IOC for any NaN.</summary>
    public static bool FPCompareGT(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out _, out _);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out _, out _);
        if (IsNaN(type1) || IsNaN(type2))
        {
            fpsr |= IOC;
            return false;
        }
        return OrderKey(type1, sign1, op1, esize) > OrderKey(type2, sign2, op2, esize);
    }
}
