using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPointOperations;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD (scalar) x indexed element, floating point, single and double precision (size =
/// 1:sz; Arm ARM C7.2: FMLA, FMLS, FMUL, FMULX (by element), vector and scalar). Decode: Rm =
/// M:Rm; index = H:L (single) or H (double, "if sz:L == '11' then UNDEFINED"); vector forms "if
/// sz:Q == '10' then UNDEFINED". element2 = Elem[V[m], index, esize] is read once, before Rd is
/// written.
/// </summary>
internal static class SimdFloatingPointByElement
{
    public static void Fmul(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.Mul);

    public static void Fmulx(ArmCore core, uint insn) => Vector(core, insn, FpBinaryOp.MulX);

    public static void Fmla(ArmCore core, uint insn) => VectorFused(core, insn, negate: false);

    public static void Fmls(ArmCore core, uint insn) => VectorFused(core, insn, negate: true);

    public static void FmulScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.Mul);

    public static void FmulxScalar(ArmCore core, uint insn) => Scalar(core, insn, FpBinaryOp.MulX);

    public static void FmlaScalar(ArmCore core, uint insn) => ScalarFused(core, insn, negate: false);

    public static void FmlsScalar(ArmCore core, uint insn) => ScalarFused(core, insn, negate: true);

    /// <summary>"if sz:L == '11' then UNDEFINED" (a double has index H only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IndexUndefined(uint insn) => Sz(insn) && (insn & (1u << 21)) != 0;

    /// <summary>index = UInt(H:L) for single precision, UInt(H) for double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(uint insn)
    {
        int h = (int)(insn >> 11) & 1;
        return Sz(insn) ? h : h << 1 | (int)(insn >> 21) & 1;
    }

    /// <summary>FMUL/FMULX (by element, vector): Elem[result, e] = FPMul[X](Elem[Vn, e], element2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vector(ArmCore core, uint insn, FpBinaryOp op)
    {
        if (IndexUndefined(insn) || VectorSizeUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        int esize = Esize(insn);
        uint fpcr = core.Fpcr;
        ulong element2 = Element(core, Rm(insn), Index(insn), esize);
        ulong broadcast = esize == 64 ? element2 : element2 | element2 << 32;
        ulong low = SimdFloatingPointThreeSame.Half(op, core.GetVLow(n), broadcast, esize, fpcr, ref core.Fpsr);
        ulong high = Q(insn) ? SimdFloatingPointThreeSame.Half(op, core.GetVHigh(n), broadcast, esize, fpcr, ref core.Fpsr) : 0;
        core.SetV(Rd(insn), low, high);
    }

    /// <summary>FMLA/FMLS (by element, vector): Elem[result, e] = FPMulAdd(Elem[Vd, e], [FPNeg] Elem[Vn, e], element2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VectorFused(ArmCore core, uint insn, bool negate)
    {
        if (IndexUndefined(insn) || VectorSizeUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn), d = Rd(insn);
        int esize = Esize(insn);
        uint fpcr = core.Fpcr;
        ulong element2 = Element(core, Rm(insn), Index(insn), esize);
        ulong broadcast = esize == 64 ? element2 : element2 | element2 << 32;
        ulong low = SimdFloatingPointThreeSame.FusedHalf(core.GetVLow(d), core.GetVLow(n), broadcast, negate, esize, fpcr, ref core.Fpsr);
        ulong high = Q(insn) ? SimdFloatingPointThreeSame.FusedHalf(core.GetVHigh(d), core.GetVHigh(n), broadcast, negate, esize, fpcr, ref core.Fpsr) : 0;
        core.SetV(d, low, high);
    }

    /// <summary>FMUL/FMULX (by element, scalar): V[d] = FPMul[X](V[n], element2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar(ArmCore core, uint insn, FpBinaryOp op)
    {
        if (IndexUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int esize = Esize(insn);
        ulong element2 = Element(core, Rm(insn), Index(insn), esize);
        ulong result = Binary(op, SimdFloatingPoint.Scalar(core, Rn(insn), esize), element2, esize, core.Fpcr, ref core.Fpsr);
        core.SetVScalar(Rd(insn), result);
    }

    /// <summary>FMLA/FMLS (by element, scalar): V[d] = FPMulAdd(V[d], [FPNeg] V[n], element2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScalarFused(ArmCore core, uint insn, bool negate)
    {
        if (IndexUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint d = Rd(insn);
        int esize = Esize(insn);
        ulong element2 = Element(core, Rm(insn), Index(insn), esize);
        ulong result = SimdFloatingPointThreeSame.Fused(SimdFloatingPoint.Scalar(core, d, esize), SimdFloatingPoint.Scalar(core, Rn(insn), esize), element2, negate, esize, core.Fpcr, ref core.Fpsr);
        core.SetVScalar(d, result);
    }
}
