namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPMul (Arm ARM shared/functions/float/fpmul).</summary>
    public static ulong FPMul(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        TryHostMul(op1, op2, esize, fpcr, fpsr, out ulong fast) ? fast : FPMulBase(op1, op2, false, esize, fpcr, ref fpsr);

    /// <summary>FPMulX (Arm ARM shared/functions/float/fpmulx): as FPMul, but infinity times zero is 2.0.</summary>
    public static ulong FPMulX(ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr) =>
        FPMulBase(op1, op2, true, esize, fpcr, ref fpsr);

    private static ulong FPMulBase(ulong op1, ulong op2, bool mulx, int esize, uint fpcr, ref uint fpsr)
    {
        FPType type1 = FPUnpack(op1, esize, fpcr, ref fpsr, out bool sign1, out int exp1, out ulong sig1);
        FPType type2 = FPUnpack(op2, esize, fpcr, ref fpsr, out bool sign2, out int exp2, out ulong sig2);
        if (FPProcessNaNs(type1, type2, op1, op2, esize, fpcr, ref fpsr, out ulong result))
            return result;
        bool inf1 = type1 == FPType.Infinity, inf2 = type2 == FPType.Infinity;
        bool zero1 = type1 == FPType.Zero, zero2 = type2 == FPType.Zero;
        bool sign = sign1 ^ sign2;
        if ((inf1 && zero2) || (zero1 && inf2))
        {
            if (mulx)
                return FPTwo(sign, esize);
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        if (inf1 || inf2)
            return FPInfinity(sign, esize);
        if (zero1 || zero2)
            return FPZero(sign, esize);
        UInt128 product = (UInt128)sig1 * sig2;
        return FPRound128(sign, exp1 + exp2, product, esize, fpcr, FPRoundingMode(fpcr), ref fpsr);
    }
}
