using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// What the Advanced SIMD integer handlers share: the instruction fields, Elem[] on a 128-bit
/// value, the integer conversions and saturation of the shared pseudocode (Int, SInt, SatQ,
/// SignedSatQ, UnsignedSatQ), and the writes of a result (V[d] of a 64- or 128-bit vector, Vpart,
/// a scalar). Values are read from the registers before the result is written, as the pseudocode's
/// operand variables are, so that Rd may be one of the sources. Arithmetic on "integer" is done in
/// Int128, which holds every intermediate value these instructions form (sums of 64-bit elements
/// need 65 bits; products are of 32-bit elements at most; shifts are bounded by ShiftInteger).
/// </summary>
internal static class SimdArithmeticLanes
{
    /// <summary>FPSR.QC: cumulative saturation.</summary>
    public const uint Qc = SimdLanes.Qc;

    public static uint Rd(uint insn) => insn & 31;

    public static uint Rn(uint insn) => (insn >> 5) & 31;

    public static uint Rm(uint insn) => (insn >> 16) & 31;

    public static int Size(uint insn) => (int)(insn >> 22) & 3;

    /// <summary>Q (bit 30): 128-bit vector; in the "2" forms, the upper half (part = 1).</summary>
    public static bool Q(uint insn) => (insn & (1u << 30)) != 0;

    /// <summary>U (bit 29).</summary>
    public static bool U(uint insn) => (insn & (1u << 29)) != 0;

    /// <summary>Bit 28 distinguishes the scalar encodings (01 U 1111x) from the vector ones (0 Q U 0111x).</summary>
    public static bool Scalar(uint insn) => (insn & (1u << 28)) != 0;

    public static bool Bit(uint insn, int bit) => (insn & (1u << bit)) != 0;

    /// <summary>Ones(n) as the low n bits of a 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Ones(int n) => n >= 64 ? ulong.MaxValue : (1UL << n) - 1;

    /// <summary>Elem[vector, e, esize] (read), zero-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Elem(in Vector128<ulong> vector, int e, int esize)
    {
        ref byte b = ref Unsafe.As<Vector128<ulong>, byte>(ref Unsafe.AsRef(in vector));
        return esize switch
        {
            8 => Unsafe.Add(ref b, e),
            16 => Unsafe.As<byte, ushort>(ref Unsafe.Add(ref b, e * 2)),
            32 => Unsafe.As<byte, uint>(ref Unsafe.Add(ref b, e * 4)),
            _ => Unsafe.As<byte, ulong>(ref Unsafe.Add(ref b, e * 8)),
        };
    }

    /// <summary>Elem[vector, e, esize] = value&lt;esize-1:0&gt;.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetElem(ref Vector128<ulong> vector, int e, int esize, ulong value)
    {
        ref byte b = ref Unsafe.As<Vector128<ulong>, byte>(ref vector);
        switch (esize)
        {
            case 8: Unsafe.Add(ref b, e) = (byte)value; break;
            case 16: Unsafe.As<byte, ushort>(ref Unsafe.Add(ref b, e * 2)) = (ushort)value; break;
            case 32: Unsafe.As<byte, uint>(ref Unsafe.Add(ref b, e * 4)) = (uint)value; break;
            default: Unsafe.As<byte, ulong>(ref Unsafe.Add(ref b, e * 8)) = value; break;
        }
    }

    /// <summary>SInt (Arm ARM shared/functions/common/SInt) of an esize-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SInt(ulong bits, int esize) => SimdLanes.SignExtend(bits, esize);

    /// <summary>Int(x, unsigned) (Arm ARM shared/functions/common/Int) of an esize-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Int(ulong bits, int esize, bool unsigned) => unsigned ? (Int128)(bits & Ones(esize)) : (Int128)SInt(bits, esize);

    /// <summary>Int(x, unsigned) of an element of at most 32 bits, as a 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Int64(ulong bits, int esize, bool unsigned) => unsigned ? (long)(bits & Ones(esize)) : SInt(bits, esize);

    /// <summary>
    /// SatQ(i, N, unsigned) (Arm ARM shared/functions/integer/SatQ, with SignedSatQ and
    /// UnsignedSatQ): i clamped to the N-bit range, as N bits; <paramref name="saturated"/> set
    /// when it was out of range (left alone otherwise).
    /// </summary>
    public static ulong SatQ(Int128 i, int n, bool unsigned, ref bool saturated)
    {
        ulong result = SimdLanes.SatQ(i, n, unsigned, out bool clamped);
        saturated |= clamped;
        return result;
    }

    /// <summary>
    /// (element + round_const) &lt;&lt; shift for a shift amount that may be negative (a right
    /// shift) or at least esize, as the register shifts (SSHL, SRSHL, SQSHL, SQRSHL and their
    /// unsigned forms) compute it in unbounded integers, for |element| &lt; 2^64: a left shift by
    /// esize or more yields ±2^65 (beyond every esize's range, low 64 bits zero) for a nonzero
    /// element; a right shift by more than 66 yields what one by 66 does (0, or -1 without rounding).
    /// </summary>
    public static Int128 ShiftInteger(Int128 element, int shift, bool rounding, int esize)
    {
        if (shift >= 0)
        {
            if (shift < esize)
                return element << shift;
            return element == 0 ? 0 : element > 0 ? (Int128)1 << 65 : -((Int128)1 << 65);
        }
        int right = Math.Min(-shift, 66);
        Int128 roundConst = rounding ? (Int128)1 << (right - 1) : 0;
        return (element + roundConst) >> right;
    }

    /// <summary>V[d] = result for a vector of 128 bits (Q = 1) or 64 bits (Q = 0: the upper half cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteVector(ArmCore core, uint d, Vector128<ulong> result, bool q) =>
        core.VRegister(d) = q ? result : Vector128.Create(result.GetElement(0), 0UL);

    /// <summary>Vpart[d, part] = the low 64 bits of result: part 0 writes the low half and clears the upper; part 1 writes the upper half and keeps the lower.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WritePart(ArmCore core, uint d, Vector128<ulong> result, bool part)
    {
        ref Vector128<ulong> v = ref core.VRegister(d);
        v = part ? Vector128.Create(v.GetElement(0), result.GetElement(0)) : Vector128.Create(result.GetElement(0), 0UL);
    }

    /// <summary>Vpart[n, part] moved to the low half (the source of the long and wide forms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> ReadPart(ArmCore core, uint n, bool part)
    {
        Vector128<ulong> v = core.VRegister(n);
        return part ? Vector128.Create(v.GetElement(1), 0UL) : v;
    }

    /// <summary>Sets FPSR.QC when an element saturated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetQc(ArmCore core, bool saturated)
    {
        if (saturated)
            core.RaiseFpExceptions(SimdLanes.Qc);
    }

    /// <summary>The polynomial (carry-less) product of two 8-bit values (PolynomialMult, Arm ARM shared/functions/vector/PolynomialMult).</summary>
    public static ulong PolynomialMult(ulong op1, ulong op2)
    {
        ulong result = 0;
        for (int i = 0; i < 8; i++)
        {
            if (((op1 >> i) & 1) != 0)
                result ^= op2 << i;
        }
        return result;
    }

    /// <summary>
    /// SQDMULH/SQRDMULH on one element: product = 2 * element1 * element2 + round_const
    /// (1 &lt;&lt; (esize - 1) when rounding); SignedSatQ(product &gt;&gt; esize, esize).
    /// </summary>
    public static ulong DoublingMultiplyHigh(ulong a, ulong b, int esize, bool rounding, ref bool saturated)
    {
        Int128 product = 2 * (Int128)SInt(a, esize) * SInt(b, esize);
        if (rounding)
            product += (Int128)1 << (esize - 1);
        return SatQ(product >> esize, esize, false, ref saturated);
    }
}
