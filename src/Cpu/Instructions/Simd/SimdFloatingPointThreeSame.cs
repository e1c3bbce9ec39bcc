using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions.FloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPointOperations;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD three same, floating point (opcode 11xxx, size = a:sz), vector and scalar forms
/// (Arm ARM C7.2: FADD, FSUB, FMUL, FMULX, FDIV, FMAX, FMIN, FMAXNM, FMINNM, FABD, FRECPS,
/// FRSQRTS, FCMEQ, FCMGE, FCMGT, FACGE, FACGT, FMLA, FMLS (vector)). Vector forms: "if sz:Q ==
/// '10' then UNDEFINED"; the elements are esize = 32 &lt;&lt; sz bits; every operand is read
/// before Rd is written. The pairwise forms are in <see cref="SimdFloatingPointPairwise"/>.
/// </summary>
internal static class SimdFloatingPointThreeSame
{
    public static void Fadd(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Add);

    public static void Fsub(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Sub);

    public static void Fmul(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Mul);

    public static void Fmulx(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.MulX);

    public static void Fdiv(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Div);

    public static void Fmax(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Max);

    public static void Fmin(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Min);

    public static void Fmaxnm(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.MaxNum);

    public static void Fminnm(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.MinNum);

    public static void Fabd(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.AbsoluteDifference);

    public static void Frecps(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.RecipStep);

    public static void Frsqrts(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.RSqrtStep);

    public static void Fcmeq(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.CompareEqual);

    public static void Fcmge(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.CompareGreaterEqual);

    public static void Fcmgt(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.CompareGreaterThan);

    public static void Facge(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.AbsoluteCompareGreaterEqual);

    public static void Facgt(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.AbsoluteCompareGreaterThan);

    /// <summary>FMLA (vector): Rd = FPMulAdd(Rd, Rn, Rm) per element, one rounding.</summary>
    public static void Fmla(ArmCore core, uint insn) => VectorFused(core, insn, negate: false);

    /// <summary>FMLS (vector): Rd = FPMulAdd(Rd, FPNeg(Rn), Rm) per element.</summary>
    public static void Fmls(ArmCore core, uint insn) => VectorFused(core, insn, negate: true);

    public static void FmulxScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.MulX);

    public static void FabdScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.AbsoluteDifference);

    public static void FrecpsScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.RecipStep);

    public static void FrsqrtsScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.RSqrtStep);

    public static void FcmeqScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.CompareEqual);

    public static void FcmgeScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.CompareGreaterEqual);

    public static void FcmgtScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.CompareGreaterThan);

    public static void FacgeScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.AbsoluteCompareGreaterEqual);

    public static void FacgtScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.AbsoluteCompareGreaterThan);

    /// <summary>The vector form: Elem[result, e] = op(Elem[Vn, e], Elem[Vm, e]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vector(ArmCore core, uint insn, FpBinaryOp op)
    {
        if (VectorSizeUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn), m = Rm(insn);
        int esize = Esize(insn);
        uint fpcr = core.Fpcr;
        ulong low = Half(op, core.GetVLow(n), core.GetVLow(m), esize, fpcr, ref core.Fpsr);
        ulong high = Q(insn) ? Half(op, core.GetVHigh(n), core.GetVHigh(m), esize, fpcr, ref core.Fpsr) : 0;
        core.SetV(Rd(insn), low, high);
    }

    /// <summary>The scalar form: V[d] = op(V[n], V[m]) on esize bits, the rest of Rd cleared.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar(ArmCore core, uint insn, FpBinaryOp op)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = Esize(insn);
        ulong result = Binary(op, SimdFloatingPoint.Scalar(core, Rn(insn), esize), SimdFloatingPoint.Scalar(core, Rm(insn), esize), esize, core.Fpcr, ref core.Fpsr);
        core.SetVScalar(Rd(insn), result);
    }

    /// <summary>FMLA/FMLS (vector): if sub_op then element1 = FPNeg(element1); Elem[result, e] = FPMulAdd(Elem[Vd, e], element1, element2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VectorFused(ArmCore core, uint insn, bool negate)
    {
        if (VectorSizeUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn), m = Rm(insn), d = Rd(insn);
        int esize = Esize(insn);
        uint fpcr = core.Fpcr;
        ulong low = FusedHalf(core.GetVLow(d), core.GetVLow(n), core.GetVLow(m), negate, esize, fpcr, ref core.Fpsr);
        ulong high = Q(insn) ? FusedHalf(core.GetVHigh(d), core.GetVHigh(n), core.GetVHigh(m), negate, esize, fpcr, ref core.Fpsr) : 0;
        core.SetV(d, low, high);
    }

    /// <summary>The binary operation on the elements of one 64-bit half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Half(FpBinaryOp op, ulong a, ulong b, int esize, uint fpcr, ref uint fpsr)
    {
        if (esize == 64)
            return Binary(op, a, b, 64, fpcr, ref fpsr);
        ulong lane0 = Binary(op, a & uint.MaxValue, b & uint.MaxValue, 32, fpcr, ref fpsr);
        ulong lane1 = Binary(op, a >> 32, b >> 32, 32, fpcr, ref fpsr);
        return Pack(lane0, lane1);
    }

    /// <summary>FPMulAdd(addend, [FPNeg] op1, op2) on the elements of one 64-bit half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong FusedHalf(ulong addend, ulong a, ulong b, bool negate, int esize, uint fpcr, ref uint fpsr)
    {
        if (esize == 64)
            return Fused(addend, a, b, negate, 64, fpcr, ref fpsr);
        ulong lane0 = Fused(addend & uint.MaxValue, a & uint.MaxValue, b & uint.MaxValue, negate, 32, fpcr, ref fpsr);
        ulong lane1 = Fused(addend >> 32, a >> 32, b >> 32, negate, 32, fpcr, ref fpsr);
        return Pack(lane0, lane1);
    }

    /// <summary>One element of FMLA/FMLS: FPMulAdd(addend, sub_op ? FPNeg(op1) : op1, op2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Fused(ulong addend, ulong op1, ulong op2, bool negate, int esize, uint fpcr, ref uint fpsr)
    {
        if (negate)
            op1 = FPCore.FPNeg(op1, esize);
        return FPCore.FPMulAdd(addend, op1, op2, esize, fpcr, ref fpsr);
    }
}
