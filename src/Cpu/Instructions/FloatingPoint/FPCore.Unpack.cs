using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>FPType (Arm ARM shared/functions/float/fptype). Denormals unpack as <see cref="Nonzero"/> (their value is exact).</summary>
internal enum FPType
{
    Zero,
    Nonzero,
    Infinity,
    QNaN,
    SNaN,
}

internal static partial class FPCore
{
    /// <summary>
    /// FPUnpack (Arm ARM shared/functions/float/fpunpack, FPUnpackBase): classifies op and gives
    /// its value as sig * 2^exp. Single and double denormals are flushed to zero (IDC) when FPCR.FZ is
    /// set; half precision never is (FZ16 needs FEAT_FP16), and FPUnpack ignores FPCR.AHP.
    /// </summary>
    public static FPType FPUnpack(ulong op, int esize, uint fpcr, ref uint fpsr, out bool sign, out int exp, out ulong sig) =>
        FPUnpackBase(op, esize, fpcr & ~FpcrAHP, ref fpsr, out sign, out exp, out sig);

    /// <summary>FPUnpackCV (Arm ARM shared/functions/float/fpunpackcv): as FPUnpack but half precision follows FPCR.AHP.</summary>
    public static FPType FPUnpackCV(ulong op, int esize, uint fpcr, ref uint fpsr, out bool sign, out int exp, out ulong sig) =>
        FPUnpackBase(op, esize, fpcr, ref fpsr, out sign, out exp, out sig);

    /// <summary>FPUnpackBase (Arm ARM shared/functions/float/fpunpackbase).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FPType FPUnpackBase(ulong op, int esize, uint fpcr, ref uint fpsr, out bool sign, out int exp, out ulong sig)
    {
        int f = FracBits(esize);
        int e = ExpBits(esize);
        int bias = (1 << (e - 1)) - 1;
        sign = ((op >> (esize - 1)) & 1) != 0;
        ulong frac = op & ((1UL << f) - 1);
        int biased = (int)((op >> f) & ((1UL << e) - 1));
        if (biased == 0)
        {
            exp = 1 - bias - f;
            if (frac == 0)
            {
                sig = 0;
                return FPType.Zero;
            }
            if (esize != 16 && (fpcr & FpcrFZ) != 0)
            {
                fpsr |= IDC;
                sig = 0;
                return FPType.Zero;
            }
            sig = frac;
            return FPType.Nonzero;
        }
        if (biased == (1 << e) - 1 && !(esize == 16 && (fpcr & FpcrAHP) != 0))
        {
            exp = 0;
            sig = 0;
            if (frac == 0)
                return FPType.Infinity;
            return (frac >> (f - 1)) != 0 ? FPType.QNaN : FPType.SNaN;
        }
        exp = biased - bias - f;
        sig = frac | 1UL << f;
        return FPType.Nonzero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNaN(FPType t) => t >= FPType.QNaN;
}
