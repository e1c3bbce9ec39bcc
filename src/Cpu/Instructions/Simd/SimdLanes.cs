using System.Numerics;
using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Element access on a 128-bit value held as its two 64-bit halves (Elem[] of the Arm ARM,
/// shared/functions/vector/Elem), the write of a vector result of 64 or 128 bits (V[] = result:
/// a 64-bit result clears bits [127:64]), Vpart[] and the saturation helpers (SatQ, SignedSatQ,
/// UnsignedSatQ of shared/functions/integer). Handlers copy their source registers into locals
/// first, so that a destination that is also a source reads the old value as the pseudocode does.
/// </summary>
internal static class SimdLanes
{
    /// <summary>FPSR.QC, the cumulative saturation bit.</summary>
    public const uint Qc = 1u << 27;

    /// <summary>Ones(esize) for esize 8..64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mask(int esize) => ulong.MaxValue >> (64 - esize);

    /// <summary>Elem[vector, e, esize] (zero-extended).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Get(ulong lo, ulong hi, int e, int esize)
    {
        int position = e * esize;
        ulong word = position < 64 ? lo : hi;
        return (word >> (position & 63)) & Mask(esize);
    }

    /// <summary>Elem[vector, e, esize] = value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(ref ulong lo, ref ulong hi, int e, int esize, ulong value)
    {
        int position = e * esize;
        ulong mask = Mask(esize);
        int shift = position & 63;
        if (position < 64)
            lo = (lo & ~(mask << shift)) | ((value & mask) << shift);
        else
            hi = (hi & ~(mask << shift)) | ((value & mask) << shift);
    }

    /// <summary>SignExtend(x&lt;esize-1:0&gt;, 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SignExtend(ulong value, int esize) => (long)(value << (64 - esize)) >> (64 - esize);

    /// <summary>Int(x, unsigned) of an esize-bit element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Int(ulong value, int esize, bool unsigned) => unsigned ? (long)value : SignExtend(value, esize);

    /// <summary>V[d] = result for a result of datasize bits: 64-bit results clear bits [127:64].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ArmCore core, uint d, bool q, ulong lo, ulong hi) => core.SetV(d, lo, q ? hi : 0);

    /// <summary>Vpart[d, part] = 64-bit result: part 0 writes bits [63:0] and clears [127:64]; part 1 writes [127:64] and keeps [63:0].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WritePart(ArmCore core, uint d, bool part1, ulong value)
    {
        if (part1)
            core.SetV(d, core.GetVLow(d), value);
        else
            core.SetV(d, value, 0);
    }

    /// <summary>SignedSatQ(i, esize): the saturated value (as esize bits) and whether it saturated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SignedSatQ(Int128 value, int esize, out bool saturated)
    {
        Int128 max = (Int128.One << (esize - 1)) - 1, min = -(Int128.One << (esize - 1));
        saturated = value > max || value < min;
        Int128 result = value > max ? max : value < min ? min : value;
        return (ulong)result & Mask(esize);
    }

    /// <summary>UnsignedSatQ(i, esize): the saturated value and whether it saturated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong UnsignedSatQ(Int128 value, int esize, out bool saturated)
    {
        Int128 max = (Int128.One << esize) - 1;
        saturated = value > max || value < 0;
        Int128 result = value > max ? max : value < 0 ? Int128.Zero : value;
        return (ulong)result & Mask(esize);
    }

    /// <summary>SatQ(i, esize, unsigned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SatQ(Int128 value, int esize, bool unsigned, out bool saturated) =>
        unsigned ? UnsignedSatQ(value, esize, out saturated) : SignedSatQ(value, esize, out saturated);

    /// <summary>LowestSetBit(imm5) of the copy instructions' size decode (5 when no bit is set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LowestSetBit(uint imm5) => imm5 == 0 ? 5 : BitOperations.TrailingZeroCount(imm5);
}
