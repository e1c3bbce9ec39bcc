using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdArithmeticLanes;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD three same (integer) and scalar three same (Arm ARM C4.1.95, "Advanced SIMD three
/// same" and "Advanced SIMD scalar three same"): 0 Q U 01110 size 1 Rm opcode 1 Rn Rd, and
/// 01 U 11110 size 1 Rm opcode 1 Rn Rd. One handler serves an opcode in both encodings (bit 28
/// tells them apart); each checks the decode's reserved size/Q combinations first.
/// </summary>
public static class SimdArithmeticThreeSame
{
    /// <summary>The operation of one element of a three-same instruction.</summary>
    internal interface ILane
    {
        /// <summary>Elem[result, e, esize] from Elem[operand1, e, esize], Elem[operand2, e, esize] and the destination's element (accumulating forms); sets saturated when the element saturated.</summary>
        static abstract ulong Apply(ulong element1, ulong element2, ulong destination, int esize, uint insn, ref bool saturated);
    }

    // ---- Decode-time UNDEFINED checks ----

    /// <summary>Vector-only forms without 64-bit elements: size == '11' is reserved.</summary>
    private static bool NoDoubleUndefined(uint insn) => Size(insn) == 3;

    /// <summary>Forms with 64-bit elements in vectors only: size:Q == '110' is reserved; the scalar form exists for size == '11' only.</summary>
    private static bool DoubleInScalarUndefined(uint insn) => Scalar(insn) ? Size(insn) != 3 : Size(insn) == 3 && !Q(insn);

    /// <summary>Saturating forms: size:Q == '110' reserved in vectors; every size in scalars.</summary>
    private static bool SaturatingUndefined(uint insn) => !Scalar(insn) && Size(insn) == 3 && !Q(insn);

    /// <summary>SQDMULH and SQRDMULH: 16- and 32-bit elements only.</summary>
    internal static bool DoublingUndefined(uint insn) => Size(insn) is 0 or 3;

    /// <summary>The element loop of every three-same instruction (vector: datasize 64 or 128; scalar: one element, the rest of V[d] cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lanes<TLane>(ArmCore core, uint insn, int esize) where TLane : struct, ILane
    {
        bool scalar = Scalar(insn);
        int elements = scalar ? 1 : (Q(insn) ? 128 : 64) / esize;
        uint d = Rd(insn);
        Vector128<ulong> operand1 = core.VRegister(Rn(insn));
        Vector128<ulong> operand2 = core.VRegister(Rm(insn));
        Vector128<ulong> operand3 = core.VRegister(d);
        Vector128<ulong> result = default;
        bool saturated = false;
        for (int e = 0; e < elements; e++)
            SetElem(ref result, e, esize, TLane.Apply(Elem(operand1, e, esize), Elem(operand2, e, esize), Elem(operand3, e, esize), esize, insn, ref saturated));
        WriteVector(core, d, result, !scalar && Q(insn));
        SetQc(core, saturated);
    }

    private static int Esize(uint insn) => 8 << Size(insn);

    /// <summary>SHADD, UHADD (opcode 00000).</summary>
    public static void HalvingAdd(ArmCore core, uint insn)
    {
        if (NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<HalvingAddLane>(core, insn, Esize(insn));
    }

    /// <summary>SRHADD, URHADD (opcode 00010).</summary>
    public static void RoundingHalvingAdd(ArmCore core, uint insn)
    {
        if (NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<RoundingHalvingAddLane>(core, insn, Esize(insn));
    }

    /// <summary>SHSUB, UHSUB (opcode 00100).</summary>
    public static void HalvingSubtract(ArmCore core, uint insn)
    {
        if (NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<HalvingSubtractLane>(core, insn, Esize(insn));
    }

    /// <summary>SQADD, UQADD (opcode 00001), vector and scalar.</summary>
    public static void SaturatingAdd(ArmCore core, uint insn)
    {
        if (SaturatingUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<SaturatingAddLane>(core, insn, Esize(insn));
    }

    /// <summary>SQSUB, UQSUB (opcode 00101), vector and scalar.</summary>
    public static void SaturatingSubtract(ArmCore core, uint insn)
    {
        if (SaturatingUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<SaturatingSubtractLane>(core, insn, Esize(insn));
    }

    /// <summary>CMGT, CMHI (opcode 00110) and CMGE, CMHS (opcode 00111: cmp_eq), vector and scalar.</summary>
    public static void Compare(ArmCore core, uint insn)
    {
        if (DoubleInScalarUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<CompareLane>(core, insn, Esize(insn));
    }

    /// <summary>SSHL, USHL, SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL (register) (opcode 010 R S), vector and scalar.</summary>
    public static void ShiftByRegister(ArmCore core, uint insn)
    {
        bool saturating = Bit(insn, 11);
        if (saturating ? SaturatingUndefined(insn) : DoubleInScalarUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<ShiftByRegisterLane>(core, insn, Esize(insn));
    }

    /// <summary>SMAX, UMAX (opcode 01100) and SMIN, UMIN (opcode 01101).</summary>
    public static void MaxMin(ArmCore core, uint insn)
    {
        if (NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<MaxMinLane>(core, insn, Esize(insn));
    }

    /// <summary>SABD, UABD (opcode 01110) and SABA, UABA (opcode 01111: accumulate).</summary>
    public static void AbsoluteDifference(ArmCore core, uint insn)
    {
        if (NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<AbsoluteDifferenceLane>(core, insn, Esize(insn));
    }

    /// <summary>ADD (U = 0), SUB (U = 1) (vector and scalar, opcode 10000).</summary>
    public static void AddSubtract(ArmCore core, uint insn)
    {
        if (DoubleInScalarUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<AddSubtractLane>(core, insn, Esize(insn));
    }

    /// <summary>CMTST (U = 0), CMEQ (register) (U = 1) (vector and scalar, opcode 10001).</summary>
    public static void TestEqual(ArmCore core, uint insn)
    {
        if (DoubleInScalarUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<TestEqualLane>(core, insn, Esize(insn));
    }

    /// <summary>MLA (U = 0), MLS (U = 1) (vector, opcode 10010).</summary>
    public static void MultiplyAccumulate(ArmCore core, uint insn)
    {
        if (NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<MultiplyAccumulateLane>(core, insn, Esize(insn));
    }

    /// <summary>MUL (U = 0), PMUL (U = 1: 8-bit elements only) (vector, opcode 10011).</summary>
    public static void Multiply(ArmCore core, uint insn)
    {
        if (U(insn) ? Size(insn) != 0 : NoDoubleUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<MultiplyLane>(core, insn, Esize(insn));
    }

    /// <summary>SQDMULH (U = 0), SQRDMULH (U = 1) (vector and scalar, opcode 10110).</summary>
    public static void SaturatingDoublingMultiplyHigh(ArmCore core, uint insn)
    {
        if (DoublingUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        Lanes<DoublingMultiplyHighLane>(core, insn, Esize(insn));
    }

    // ---- Lanes, each citing the instruction's pseudocode (Arm ARM C7.2) ----

    /// <summary>SHADD/UHADD: sum = element1 + element2; Elem[result] = sum&lt;esize:1&gt;.</summary>
    private readonly struct HalvingAddLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            (ulong)((Int64(a, esize, U(insn)) + Int64(b, esize, U(insn))) >> 1);
    }

    /// <summary>SRHADD/URHADD: Elem[result] = (element1 + element2 + 1)&lt;esize:1&gt;.</summary>
    private readonly struct RoundingHalvingAddLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            (ulong)((Int64(a, esize, U(insn)) + Int64(b, esize, U(insn)) + 1) >> 1);
    }

    /// <summary>SHSUB/UHSUB: diff = element1 - element2; Elem[result] = diff&lt;esize:1&gt;.</summary>
    private readonly struct HalvingSubtractLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            (ulong)((Int64(a, esize, U(insn)) - Int64(b, esize, U(insn))) >> 1);
    }

    /// <summary>SQADD/UQADD: SatQ(element1 + element2, esize, unsigned).</summary>
    private readonly struct SaturatingAddLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            SatQ(Int(a, esize, U(insn)) + Int(b, esize, U(insn)), esize, U(insn), ref saturated);
    }

    /// <summary>SQSUB/UQSUB: SatQ(element1 - element2, esize, unsigned).</summary>
    private readonly struct SaturatingSubtractLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            SatQ(Int(a, esize, U(insn)) - Int(b, esize, U(insn)), esize, U(insn), ref saturated);
    }

    /// <summary>CMGT/CMHI/CMGE/CMHS: test_passed = cmp_eq ? element1 &gt;= element2 : element1 &gt; element2; Ones or Zeros.</summary>
    private readonly struct CompareLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated)
        {
            Int128 element1 = Int(a, esize, U(insn)), element2 = Int(b, esize, U(insn));
            bool passed = Bit(insn, 11) ? element1 >= element2 : element1 > element2;
            return passed ? ulong.MaxValue : 0;
        }
    }

    /// <summary>
    /// SSHL and the other register shifts (rounding = opcode&lt;1&gt;, saturating = opcode&lt;0&gt;):
    /// shift = SInt(element2&lt;7:0&gt;); round_const = 1 &lt;&lt; (-shift - 1) when rounding (0 for a
    /// left shift); element = (Int(element1, unsigned) + round_const) &lt;&lt; shift; saturated
    /// through SatQ, otherwise element&lt;esize-1:0&gt;.
    /// </summary>
    private readonly struct ShiftByRegisterLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated)
        {
            bool unsigned = U(insn);
            int shift = (sbyte)b;
            Int128 element = ShiftInteger(Int(a, esize, unsigned), shift, Bit(insn, 12), esize);
            return Bit(insn, 11) ? SatQ(element, esize, unsigned, ref saturated) : (ulong)element;
        }
    }

    /// <summary>SMAX/UMAX/SMIN/UMIN: maxmin = minimum ? Min(element1, element2) : Max(element1, element2).</summary>
    private readonly struct MaxMinLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated)
        {
            long element1 = Int64(a, esize, U(insn)), element2 = Int64(b, esize, U(insn));
            return (ulong)(Bit(insn, 11) ? Math.Min(element1, element2) : Math.Max(element1, element2));
        }
    }

    /// <summary>SABD/UABD/SABA/UABA: absdiff = Abs(element1 - element2); Elem[result] = (accumulate ? Elem[d] : 0) + absdiff.</summary>
    private readonly struct AbsoluteDifferenceLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated)
        {
            ulong absdiff = (ulong)Math.Abs(Int64(a, esize, U(insn)) - Int64(b, esize, U(insn)));
            return Bit(insn, 11) ? d + absdiff : absdiff;
        }
    }

    /// <summary>ADD/SUB: Elem[result] = sub_op ? element1 - element2 : element1 + element2 (modulo 2^esize).</summary>
    private readonly struct AddSubtractLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) => U(insn) ? a - b : a + b;
    }

    /// <summary>CMTST: (element1 AND element2) != Zeros; CMEQ: element1 == element2; Ones or Zeros.</summary>
    private readonly struct TestEqualLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            (U(insn) ? a == b : (a & b) != 0) ? ulong.MaxValue : 0;
    }

    /// <summary>MLA/MLS: product = (element1 * element2)&lt;esize-1:0&gt;; Elem[result] = sub_op ? Elem[d] - product : Elem[d] + product.</summary>
    private readonly struct MultiplyAccumulateLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) => U(insn) ? d - a * b : d + a * b;
    }

    /// <summary>MUL: (element1 * element2)&lt;esize-1:0&gt;; PMUL: PolynomialMult(element1, element2)&lt;esize-1:0&gt;.</summary>
    private readonly struct MultiplyLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) => U(insn) ? PolynomialMult(a, b) : a * b;
    }

    /// <summary>SQDMULH/SQRDMULH (rounding = U).</summary>
    private readonly struct DoublingMultiplyHighLane : ILane
    {
        public static ulong Apply(ulong a, ulong b, ulong d, int esize, uint insn, ref bool saturated) =>
            DoublingMultiplyHigh(a, b, esize, U(insn), ref saturated);
    }
}
