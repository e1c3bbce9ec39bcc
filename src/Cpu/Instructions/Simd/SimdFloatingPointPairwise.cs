using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPointOperations;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// The Advanced SIMD floating-point operations on adjacent elements (Arm ARM C7.2): the pairwise
/// vector forms of three same (FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (vector)), the scalar pairwise
/// forms (FADDP ... (scalar): Reduce of the two elements of the low 2*esize bits of Vn) and across
/// lanes (FMAXV, FMINV, FMAXNMV, FMINNMV: Reduce of the four single-precision elements of Vn).
/// Reduce (shared/functions/vector/Reduce) halves its input and applies op(lo, hi), lo first,
/// which decides which NaN propagates.
/// </summary>
internal static class SimdFloatingPointPairwise
{
    public static void Faddp(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Add);

    public static void Fmaxp(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Max);

    public static void Fminp(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Min);

    public static void Fmaxnmp(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.MaxNum);

    public static void Fminnmp(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.MinNum);

    public static void FaddpScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.Add);

    public static void FmaxpScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.Max);

    public static void FminpScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.Min);

    public static void FmaxnmpScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.MaxNum);

    public static void FminnmpScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.MinNum);

    public static void Fmaxv(ArmCore core, uint insn) => AcrossLanes(core, insn, FpBinaryOp.Max);

    public static void Fminv(ArmCore core, uint insn) => AcrossLanes(core, insn, FpBinaryOp.Min);

    public static void Fmaxnmv(ArmCore core, uint insn) => AcrossLanes(core, insn, FpBinaryOp.MaxNum);

    public static void Fminnmv(ArmCore core, uint insn) => AcrossLanes(core, insn, FpBinaryOp.MinNum);

    /// <summary>
    /// The pairwise vector form: concat = Vm:Vn; Elem[result, e] = op(Elem[concat, 2e], Elem[concat, 2e+1]),
    /// so the low half of the result comes from Vn and the high half from Vm. "if sz:Q == '10' then UNDEFINED".
    /// </summary>
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
        uint fpcr = core.Fpcr;
        ulong n0 = core.GetVLow(n), n1 = core.GetVHigh(n), m0 = core.GetVLow(m), m1 = core.GetVHigh(m);
        ulong low, high;
        if (Sz(insn))
        {
            low = Binary(op, n0, n1, 64, fpcr, ref core.Fpsr);
            high = Binary(op, m0, m1, 64, fpcr, ref core.Fpsr);
        }
        else if (Q(insn))
        {
            low = Pack(SinglePair(op, n0, fpcr, ref core.Fpsr), SinglePair(op, n1, fpcr, ref core.Fpsr));
            high = Pack(SinglePair(op, m0, fpcr, ref core.Fpsr), SinglePair(op, m1, fpcr, ref core.Fpsr));
        }
        else
        {
            low = Pack(SinglePair(op, n0, fpcr, ref core.Fpsr), SinglePair(op, m0, fpcr, ref core.Fpsr));
            high = 0;
        }
        core.SetV(Rd(insn), low, high);
    }

    /// <summary>The scalar pairwise form: V[d] = Reduce(op, V[n]&lt;2*esize-1:0&gt;, esize) = op(element 0, element 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar(ArmCore core, uint insn, FpBinaryOp op)
    {
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        ulong result = Sz(insn)
            ? Binary(op, core.GetVLow(n), core.GetVHigh(n), 64, core.Fpcr, ref core.Fpsr)
            : SinglePair(op, core.GetVLow(n), core.Fpcr, ref core.Fpsr);
        core.SetVScalar(Rd(insn), result);
    }

    /// <summary>Across lanes: "if sz:Q != '01' then UNDEFINED"; V[d] = Reduce(op, V[n], 32) = op(op(e0, e1), op(e2, e3)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AcrossLanes(ArmCore core, uint insn, FpBinaryOp op)
    {
        if (Sz(insn) || !Q(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        uint fpcr = core.Fpcr;
        ulong hi = SinglePair(op, core.GetVHigh(n), fpcr, ref core.Fpsr);
        ulong lo = SinglePair(op, core.GetVLow(n), fpcr, ref core.Fpsr);
        core.SetVScalar(Rd(insn), Binary(op, lo, hi, 32, fpcr, ref core.Fpsr));
    }

    /// <summary>op(element 0, element 1) of the two single-precision elements of a 64-bit half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SinglePair(FpBinaryOp op, ulong half, uint fpcr, ref uint fpsr) =>
        Binary(op, half & uint.MaxValue, half >> 32, 32, fpcr, ref fpsr);
}
