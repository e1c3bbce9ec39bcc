using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions.FloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPointOperations;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD two-register miscellaneous, floating point, vector and scalar forms (Arm ARM C7.2):
/// FRINTN/M/P/Z/A (FPRoundInt with the named rounding), FRINTX/I (the FPCR rounding, exact or
/// not), FCVTNS/NU/MS/MU/PS/PU/ZS/ZU/AS/AU (FPToFixed, fbits 0), SCVTF/UCVTF (FixedToFP, the FPCR
/// rounding), FCMGT/GE/EQ/LE/LT (zero), FABS, FNEG, FSQRT, FRECPE, FRSQRTE, FRECPX (scalar),
/// URECPE, URSQRTE. Vector forms: "if sz:Q == '10' then UNDEFINED".
/// </summary>
internal static class SimdFloatingPointTwoRegisterMisc
{
    public static void Frintn(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundInt, FPRounding.TieEven, 0);

    public static void Frintm(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundInt, FPRounding.NegInf, 0);

    public static void Frintp(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundInt, FPRounding.PosInf, 0);

    public static void Frintz(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundInt, FPRounding.Zero, 0);

    public static void Frinta(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundInt, FPRounding.TieAway, 0);

    /// <summary>FRINTX: the FPCR rounding, Inexact raised when the value changes.</summary>
    public static void Frintx(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundIntExact, FPCore.FPRoundingMode(core.Fpcr), 0);

    /// <summary>FRINTI: the FPCR rounding, no Inexact.</summary>
    public static void Frinti(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RoundInt, FPCore.FPRoundingMode(core.Fpcr), 0);

    public static void Fcvtns(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToSigned, FPRounding.TieEven, 0);

    public static void Fcvtnu(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToUnsigned, FPRounding.TieEven, 0);

    public static void Fcvtms(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToSigned, FPRounding.NegInf, 0);

    public static void Fcvtmu(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToUnsigned, FPRounding.NegInf, 0);

    public static void Fcvtps(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToSigned, FPRounding.PosInf, 0);

    public static void Fcvtpu(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToUnsigned, FPRounding.PosInf, 0);

    public static void Fcvtzs(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToSigned, FPRounding.Zero, 0);

    public static void Fcvtzu(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToUnsigned, FPRounding.Zero, 0);

    public static void Fcvtas(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToSigned, FPRounding.TieAway, 0);

    public static void Fcvtau(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.ToUnsigned, FPRounding.TieAway, 0);

    public static void Scvtf(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.FromSigned, FPCore.FPRoundingMode(core.Fpcr), 0);

    public static void Ucvtf(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.FromUnsigned, FPCore.FPRoundingMode(core.Fpcr), 0);

    public static void FcmgtZero(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.CompareGreaterThanZero, FPRounding.TieEven, 0);

    public static void FcmgeZero(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.CompareGreaterEqualZero, FPRounding.TieEven, 0);

    public static void FcmeqZero(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.CompareEqualZero, FPRounding.TieEven, 0);

    public static void FcmleZero(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.CompareLessEqualZero, FPRounding.TieEven, 0);

    public static void FcmltZero(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.CompareLessThanZero, FPRounding.TieEven, 0);

    public static void Fabs(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.Abs, FPRounding.TieEven, 0);

    public static void Fneg(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.Neg, FPRounding.TieEven, 0);

    public static void Fsqrt(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.Sqrt, FPRounding.TieEven, 0);

    public static void Frecpe(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RecipEstimate, FPRounding.TieEven, 0);

    public static void Frsqrte(ArmCore core, uint insn) => Vector(core, insn, FpUnaryOp.RSqrtEstimate, FPRounding.TieEven, 0);

    /// <summary>URECPE: "if sz == '1' then UNDEFINED"; UnsignedRecipEstimate on 32-bit elements.</summary>
    public static void Urecpe(ArmCore core, uint insn) => UnsignedEstimate(core, insn, FpUnaryOp.UnsignedRecipEstimate);

    /// <summary>URSQRTE: "if sz == '1' then UNDEFINED"; UnsignedRSqrtEstimate on 32-bit elements.</summary>
    public static void Ursqrte(ArmCore core, uint insn) => UnsignedEstimate(core, insn, FpUnaryOp.UnsignedRSqrtEstimate);

    public static void FcvtnsScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToSigned, FPRounding.TieEven, 0);

    public static void FcvtnuScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToUnsigned, FPRounding.TieEven, 0);

    public static void FcvtmsScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToSigned, FPRounding.NegInf, 0);

    public static void FcvtmuScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToUnsigned, FPRounding.NegInf, 0);

    public static void FcvtpsScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToSigned, FPRounding.PosInf, 0);

    public static void FcvtpuScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToUnsigned, FPRounding.PosInf, 0);

    public static void FcvtzsScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToSigned, FPRounding.Zero, 0);

    public static void FcvtzuScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToUnsigned, FPRounding.Zero, 0);

    public static void FcvtasScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToSigned, FPRounding.TieAway, 0);

    public static void FcvtauScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.ToUnsigned, FPRounding.TieAway, 0);

    public static void ScvtfScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.FromSigned, FPCore.FPRoundingMode(core.Fpcr), 0);

    public static void UcvtfScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.FromUnsigned, FPCore.FPRoundingMode(core.Fpcr), 0);

    public static void FcmgtZeroScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.CompareGreaterThanZero, FPRounding.TieEven, 0);

    public static void FcmgeZeroScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.CompareGreaterEqualZero, FPRounding.TieEven, 0);

    public static void FcmeqZeroScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.CompareEqualZero, FPRounding.TieEven, 0);

    public static void FcmleZeroScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.CompareLessEqualZero, FPRounding.TieEven, 0);

    public static void FcmltZeroScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.CompareLessThanZero, FPRounding.TieEven, 0);

    public static void FrecpeScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.RecipEstimate, FPRounding.TieEven, 0);

    public static void FrsqrteScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.RSqrtEstimate, FPRounding.TieEven, 0);

    /// <summary>FRECPX (scalar only): FPRecpX.</summary>
    public static void FrecpxScalar(ArmCore core, uint insn) => Scalar(core, insn, FpUnaryOp.RecpX, FPRounding.TieEven, 0);

    /// <summary>
    /// The vector form: Elem[result, e] = op(Elem[Vn, e]), esize = 32 &lt;&lt; sz ("if sz:Q == '10'
    /// then UNDEFINED"). Shared with the fixed-point conversions of shift by immediate, whose
    /// immh&lt;3&gt; is the same bit 22 and whose reserved arrangement is immh&lt;3&gt;:Q == '10'.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Vector(ArmCore core, uint insn, FpUnaryOp op, FPRounding rounding, int fbits)
    {
        if (VectorSizeUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        int esize = Esize(insn);
        uint fpcr = core.Fpcr;
        ulong low = Half(op, core.GetVLow(n), esize, fpcr, rounding, fbits, ref core.Fpsr);
        ulong high = Q(insn) ? Half(op, core.GetVHigh(n), esize, fpcr, rounding, fbits, ref core.Fpsr) : 0;
        core.SetV(Rd(insn), low, high);
    }

    /// <summary>The scalar form: V[d] = op(V[n]&lt;esize-1:0&gt;), the rest of Rd cleared.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Scalar(ArmCore core, uint insn, FpUnaryOp op, FPRounding rounding, int fbits)
    {
        if (!core.CheckFpEnabled())
            return;
        int esize = Esize(insn);
        ulong result = Unary(op, SimdFloatingPoint.Scalar(core, Rn(insn), esize), esize, core.Fpcr, rounding, fbits, ref core.Fpsr);
        core.SetVScalar(Rd(insn), result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UnsignedEstimate(ArmCore core, uint insn, FpUnaryOp op)
    {
        if (Sz(insn))
        {
            core.Undefined();
            return;
        }
        Vector(core, insn, op, FPRounding.TieEven, 0);
    }

    /// <summary>The operation on the elements of one 64-bit half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Half(FpUnaryOp op, ulong half, int esize, uint fpcr, FPRounding rounding, int fbits, ref uint fpsr)
    {
        if (esize == 64)
            return Unary(op, half, 64, fpcr, rounding, fbits, ref fpsr);
        ulong lane0 = Unary(op, half & uint.MaxValue, 32, fpcr, rounding, fbits, ref fpsr);
        ulong lane1 = Unary(op, half >> 32, 32, fpcr, rounding, fbits, ref fpsr);
        return Pack(lane0, lane1);
    }
}
