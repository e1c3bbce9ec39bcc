using System.Numerics;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD two-register miscellaneous, bit operations (Arm ARM C4.1.95): REV16, REV32,
/// REV64, CLS, CLZ, CNT, NOT (alias MVN), RBIT.
/// </summary>
internal static class SimdMiscBits
{
    /// <summary>
    /// REV16, REV32, REV64 (aarch64/instrs/vector/arithmetic/unary/rev): the elements of each
    /// container (16, 32 or 64 bits for op = o0:U = 10, 01, 00) reversed; op + size &gt;= 3 is UNDEFINED.
    /// </summary>
    public static void Rev(ArmCore core, uint insn)
    {
        int size = (int)((insn >> 22) & 3);
        int op = (int)(((insn >> 12) & 1) << 1 | ((insn >> 29) & 1));
        if (op + size >= 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool q = ((insn >> 30) & 1) != 0;
        int esize = 8 << size;
        int containerSize = 64 >> op;
        int elements = (q ? 128 : 64) / esize;
        int flip = containerSize / esize - 1; // element e of a container comes from element e XOR (elements_per_container - 1)
        uint n = (insn >> 5) & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), lo = 0, hi = 0;
        for (int e = 0; e < elements; e++)
            SimdLanes.Set(ref lo, ref hi, e, esize, SimdLanes.Get(nLo, nHi, e ^ flip, esize));
        SimdLanes.Write(core, insn & 31, q, lo, hi);
    }

    /// <summary>
    /// CLS (U = 0, CountLeadingSignBits) and CLZ (U = 1, CountLeadingZeroBits) of each element
    /// (aarch64/instrs/vector/arithmetic/unary/clsz); size = 11 is UNDEFINED.
    /// </summary>
    public static void CountLeading(ArmCore core, uint insn)
    {
        int size = (int)((insn >> 22) & 3);
        if (size == 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool q = ((insn >> 30) & 1) != 0;
        bool countZeros = ((insn >> 29) & 1) != 0;
        int esize = 8 << size;
        int elements = (q ? 128 : 64) / esize;
        uint n = (insn >> 5) & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), lo = 0, hi = 0;
        for (int e = 0; e < elements; e++)
        {
            ulong x = SimdLanes.Get(nLo, nHi, e, esize);
            int count;
            if (countZeros)
            {
                count = esize - (64 - BitOperations.LeadingZeroCount(x));
            }
            else
            {
                // CountLeadingZeroBits(x<esize-1:1> EOR x<esize-2:0>), an (esize-1)-bit value.
                ulong y = (x ^ (x >> 1)) & SimdLanes.Mask(esize - 1);
                count = esize - 1 - (64 - BitOperations.LeadingZeroCount(y));
            }
            SimdLanes.Set(ref lo, ref hi, e, esize, (ulong)count);
        }
        SimdLanes.Write(core, insn & 31, q, lo, hi);
    }

    /// <summary>CNT (aarch64/instrs/vector/arithmetic/unary/cnt): BitCount of each byte; size != 00 is UNDEFINED.</summary>
    public static void Cnt(ArmCore core, uint insn)
    {
        if (((insn >> 22) & 3) != 0)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool q = ((insn >> 30) & 1) != 0;
        uint n = (insn >> 5) & 31;
        SimdLanes.Write(core, insn & 31, q, BytePopCount(core.GetVLow(n)), BytePopCount(core.GetVHigh(n)));
    }

    /// <summary>
    /// NOT (size = 00, aarch64/instrs/vector/arithmetic/unary/not) and RBIT (size = 01,
    /// aarch64/instrs/vector/arithmetic/unary/rbit: the bits of each byte reversed); size = 1x is UNDEFINED.
    /// </summary>
    public static void NotRbit(ArmCore core, uint insn)
    {
        uint size = (insn >> 22) & 3;
        if (size > 1)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool q = ((insn >> 30) & 1) != 0;
        uint n = (insn >> 5) & 31;
        ulong lo = core.GetVLow(n), hi = core.GetVHigh(n);
        if (size == 0)
            SimdLanes.Write(core, insn & 31, q, ~lo, ~hi);
        else
            SimdLanes.Write(core, insn & 31, q, ByteReverseBits(lo), ByteReverseBits(hi));
    }

    // Population count of each byte, in place (SWAR).
    private static ulong BytePopCount(ulong x)
    {
        x -= (x >> 1) & 0x5555_5555_5555_5555;
        x = (x & 0x3333_3333_3333_3333) + ((x >> 2) & 0x3333_3333_3333_3333);
        return (x + (x >> 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    }

    // The bits of each byte reversed, the bytes kept in place.
    private static ulong ByteReverseBits(ulong x)
    {
        x = ((x >> 1) & 0x5555_5555_5555_5555) | ((x & 0x5555_5555_5555_5555) << 1);
        x = ((x >> 2) & 0x3333_3333_3333_3333) | ((x & 0x3333_3333_3333_3333) << 2);
        return ((x >> 4) & 0x0F0F_0F0F_0F0F_0F0F) | ((x & 0x0F0F_0F0F_0F0F_0F0F) << 4);
    }
}
