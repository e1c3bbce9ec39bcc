using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD two-register miscellaneous, integer arithmetic, vector and scalar forms (Arm ARM
/// C4.1.95; bit 28 = 1 is "Advanced SIMD scalar two-register miscellaneous"): SADDLP, UADDLP,
/// SADALP, UADALP, SUQADD, USQADD, SQABS, SQNEG, ABS, NEG, CMGT, CMEQ, CMLT, CMGE, CMLE (zero).
/// A scalar form works on one element of esize bits and writes it as a scalar (V[d] = result).
/// </summary>
internal static class SimdMiscArithmetic
{
    /// <summary>
    /// SADDLP, UADDLP, SADALP, UADALP (aarch64/instrs/vector/arithmetic/unary/add-pairwise): each
    /// pair of elements summed to a 2*esize-bit element, extended per U, added to Vd's element
    /// when op (bit 14) = 1; size = 11 is UNDEFINED.
    /// </summary>
    public static void AddPairwiseLong(ArmCore core, uint insn)
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
        bool unsigned = ((insn >> 29) & 1) != 0;
        bool accumulate = ((insn >> 14) & 1) != 0;
        int esize = 8 << size;
        int elements = (q ? 128 : 64) / (2 * esize);
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n);
        ulong lo = accumulate ? core.GetVLow(d) : 0, hi = accumulate ? core.GetVHigh(d) : 0;
        for (int e = 0; e < elements; e++)
        {
            long op1 = SimdLanes.Int(SimdLanes.Get(nLo, nHi, 2 * e, esize), esize, unsigned);
            long op2 = SimdLanes.Int(SimdLanes.Get(nLo, nHi, 2 * e + 1, esize), esize, unsigned);
            ulong sum = (ulong)(op1 + op2);
            if (accumulate)
                sum += SimdLanes.Get(lo, hi, e, 2 * esize);
            SimdLanes.Set(ref lo, ref hi, e, 2 * esize, sum);
        }
        SimdLanes.Write(core, d, q, lo, hi);
    }

    /// <summary>
    /// SUQADD (U = 0) and USQADD (U = 1) (aarch64/instrs/vector/arithmetic/unary/add-saturating):
    /// SatQ(Int(Vn[e], !unsigned) + Int(Vd[e], unsigned), esize, unsigned); FPSR.QC set on saturation.
    /// </summary>
    public static void SaturatingAccumulate(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, scalarNeedsDoubleword: false, out bool scalar, out bool q, out int esize, out int elements))
            return;
        bool unsigned = ((insn >> 29) & 1) != 0;
        uint n = (insn >> 5) & 31, d = insn & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), dLo = core.GetVLow(d), dHi = core.GetVHigh(d), lo = 0, hi = 0;
        bool anySaturated = false;
        for (int e = 0; e < elements; e++)
        {
            Int128 op1 = Extend(SimdLanes.Get(nLo, nHi, e, esize), esize, !unsigned);
            Int128 op2 = Extend(SimdLanes.Get(dLo, dHi, e, esize), esize, unsigned);
            ulong result = SimdLanes.SatQ(op1 + op2, esize, unsigned, out bool saturated);
            anySaturated |= saturated;
            SimdLanes.Set(ref lo, ref hi, e, esize, result);
        }
        Finish(core, d, scalar, q, lo, hi, anySaturated);
    }

    /// <summary>
    /// SQABS (U = 0) and SQNEG (U = 1) (aarch64/instrs/vector/arithmetic/unary/diff-neg/sat):
    /// SignedSatQ(Abs(element)) or SignedSatQ(-element); FPSR.QC set on saturation.
    /// </summary>
    public static void SaturatingAbsNeg(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, scalarNeedsDoubleword: false, out bool scalar, out bool q, out int esize, out int elements))
            return;
        bool neg = ((insn >> 29) & 1) != 0;
        uint n = (insn >> 5) & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), lo = 0, hi = 0;
        bool anySaturated = false;
        for (int e = 0; e < elements; e++)
        {
            Int128 element = SimdLanes.SignExtend(SimdLanes.Get(nLo, nHi, e, esize), esize);
            Int128 value = neg ? -element : Int128.Abs(element);
            ulong result = SimdLanes.SignedSatQ(value, esize, out bool saturated);
            anySaturated |= saturated;
            SimdLanes.Set(ref lo, ref hi, e, esize, result);
        }
        Finish(core, insn & 31, scalar, q, lo, hi, anySaturated);
    }

    /// <summary>ABS (U = 0) and NEG (U = 1) (aarch64/instrs/vector/arithmetic/unary/diff-neg/int), modulo 2^esize; the scalar form needs size = 11.</summary>
    public static void AbsNeg(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, scalarNeedsDoubleword: true, out bool scalar, out bool q, out int esize, out int elements))
            return;
        bool neg = ((insn >> 29) & 1) != 0;
        uint n = (insn >> 5) & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), lo = 0, hi = 0;
        for (int e = 0; e < elements; e++)
        {
            long element = SimdLanes.SignExtend(SimdLanes.Get(nLo, nHi, e, esize), esize);
            long value = neg || element < 0 ? -element : element;
            SimdLanes.Set(ref lo, ref hi, e, esize, (ulong)value);
        }
        Finish(core, insn & 31, scalar, q, lo, hi, false);
    }

    /// <summary>
    /// CMGT, CMGE, CMEQ, CMLE, CMLT (zero) (aarch64/instrs/vector/arithmetic/unary/cmp/int/bulk
    /// and .../lessthan): each signed element compared with zero, the result all ones or zero.
    /// opcode&lt;1:0&gt;:U = 00:0 GT, 00:1 GE, 01:0 EQ, 01:1 LE, 10:0 LT. The scalar form needs size = 11.
    /// </summary>
    public static void CompareZero(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, scalarNeedsDoubleword: true, out bool scalar, out bool q, out int esize, out int elements))
            return;
        uint op = (insn >> 12) & 3;
        bool u = ((insn >> 29) & 1) != 0;
        uint n = (insn >> 5) & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), lo = 0, hi = 0;
        for (int e = 0; e < elements; e++)
        {
            long element = SimdLanes.SignExtend(SimdLanes.Get(nLo, nHi, e, esize), esize);
            bool passed = op switch
            {
                0 => u ? element >= 0 : element > 0,
                1 => u ? element <= 0 : element == 0,
                _ => element < 0,
            };
            SimdLanes.Set(ref lo, ref hi, e, esize, passed ? ulong.MaxValue : 0);
        }
        Finish(core, insn & 31, scalar, q, lo, hi, false);
    }

    /// <summary>
    /// The decode shared by the forms with a vector and a scalar encoding: vector size:Q = 110 is
    /// UNDEFINED; a scalar form works on one esize-bit element and, for the non-saturating
    /// instructions, is UNDEFINED unless size = 11.
    /// </summary>
    private static bool Decode(ArmCore core, uint insn, bool scalarNeedsDoubleword, out bool scalar, out bool q, out int esize, out int elements)
    {
        scalar = ((insn >> 28) & 1) != 0;
        q = ((insn >> 30) & 1) != 0;
        int size = (int)((insn >> 22) & 3);
        esize = 8 << size;
        elements = scalar ? 1 : (q ? 128 : 64) / esize;
        bool undefined = scalar ? scalarNeedsDoubleword && size != 3 : size == 3 && !q;
        if (undefined)
        {
            core.Undefined();
            return false;
        }
        return core.CheckFpEnabled();
    }

    private static Int128 Extend(ulong value, int esize, bool unsigned) =>
        unsigned ? (Int128)value : (Int128)SimdLanes.SignExtend(value, esize);

    private static void Finish(ArmCore core, uint d, bool scalar, bool q, ulong lo, ulong hi, bool saturated)
    {
        if (scalar)
            core.SetVScalar(d, lo);
        else
            SimdLanes.Write(core, d, q, lo, hi);
        if (saturated)
            core.RaiseFpExceptions(SimdLanes.Qc);
    }
}
