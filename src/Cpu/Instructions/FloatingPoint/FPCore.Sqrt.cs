namespace Emulator.Cpu.Instructions.FloatingPoint;

internal static partial class FPCore
{
    /// <summary>FPSqrt (Arm ARM shared/functions/float/fpsqrt).</summary>
    public static ulong FPSqrt(ulong op, int esize, uint fpcr, ref uint fpsr)
    {
        if (TryHostSqrt(op, esize, fpcr, fpsr, out ulong fast))
            return fast;
        FPType type = FPUnpack(op, esize, fpcr, ref fpsr, out bool sign, out int exp, out ulong sig);
        if (IsNaN(type))
            return FPProcessNaN(type, op, esize, fpcr, ref fpsr);
        if (type == FPType.Zero)
            return FPZero(sign, esize);
        if (type == FPType.Infinity && !sign)
            return FPInfinity(false, esize);
        if (sign)
        {
            fpsr |= IOC;
            return FPDefaultNaN(esize);
        }
        // value = n * 2^(exp - k) with exp - k even and n's top bit at 126 or 127: sqrt(n) has 64 bits.
        UInt128 n = sig;
        int k = LeadingZeroCount(n);
        if (((exp - k) & 1) != 0)
            k--;
        n <<= k;
        ulong root = ISqrt(n, out bool exact);
        return FPRoundBase(false, (exp - k) / 2, root | (exact ? 0UL : 1UL), esize, fpcr & ~FpcrAHP, FPRoundingMode(fpcr), ref fpsr);
    }

    /// <summary>Floor of the square root of n (n below 2^128), and whether it is exact.</summary>
    internal static ulong ISqrt(UInt128 n, out bool exact)
    {
        // Bit by bit (restoring): 64 result bits.
        UInt128 rem = 0;
        UInt128 root = 0;
        for (int i = 63; i >= 0; i--)
        {
            rem = (rem << 2) | (n >> (2 * i)) & 3;
            UInt128 trial = (root << 2) | 1;
            root <<= 1;
            if (rem >= trial)
            {
                rem -= trial;
                root |= 1;
            }
        }
        exact = rem == 0;
        return (ulong)root;
    }
}
