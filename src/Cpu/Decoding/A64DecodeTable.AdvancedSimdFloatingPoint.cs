using Emulator.Cpu.Instructions.Simd;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of Advanced SIMD floating point (C4.1.90: the FP operations of the vector and scalar SIMD groups).</summary>
    private static A64Encoding[] AdvancedSimdFloatingPointRows() =>
    [
        // ---- Three same, vector ----
        new(A64Op.SimdFmaxnm, "FMAXNM (vector)", "0 q 0 01110 0 s 1 mmmmm 11000 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmaxnm, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmla, "FMLA (vector)", "0 q 0 01110 0 s 1 mmmmm 11001 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmla, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFadd, "FADD (vector)", "0 q 0 01110 0 s 1 mmmmm 11010 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fadd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmulx, "FMULX (vector)", "0 q 0 01110 0 s 1 mmmmm 11011 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmulx, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmeq, "FCMEQ (register, vector)", "0 q 0 01110 0 s 1 mmmmm 11100 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fcmeq, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmax, "FMAX (vector)", "0 q 0 01110 0 s 1 mmmmm 11110 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmax, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrecps, "FRECPS (vector)", "0 q 0 01110 0 s 1 mmmmm 11111 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Frecps, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminnm, "FMINNM (vector)", "0 q 0 01110 1 s 1 mmmmm 11000 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fminnm, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmls, "FMLS (vector)", "0 q 0 01110 1 s 1 mmmmm 11001 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmls, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFsub, "FSUB (vector)", "0 q 0 01110 1 s 1 mmmmm 11010 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fsub, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmin, "FMIN (vector)", "0 q 0 01110 1 s 1 mmmmm 11110 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmin, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrsqrts, "FRSQRTS (vector)", "0 q 0 01110 1 s 1 mmmmm 11111 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Frsqrts, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmaxnmp, "FMAXNMP (vector)", "0 q 1 01110 0 s 1 mmmmm 11000 1 nnnnn ddddd", &SimdFloatingPointPairwise.Fmaxnmp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFaddp, "FADDP (vector)", "0 q 1 01110 0 s 1 mmmmm 11010 1 nnnnn ddddd", &SimdFloatingPointPairwise.Faddp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmul, "FMUL (vector)", "0 q 1 01110 0 s 1 mmmmm 11011 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fmul, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmge, "FCMGE (register, vector)", "0 q 1 01110 0 s 1 mmmmm 11100 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fcmge, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFacge, "FACGE (vector)", "0 q 1 01110 0 s 1 mmmmm 11101 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Facge, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmaxp, "FMAXP (vector)", "0 q 1 01110 0 s 1 mmmmm 11110 1 nnnnn ddddd", &SimdFloatingPointPairwise.Fmaxp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFdiv, "FDIV (vector)", "0 q 1 01110 0 s 1 mmmmm 11111 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fdiv, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminnmp, "FMINNMP (vector)", "0 q 1 01110 1 s 1 mmmmm 11000 1 nnnnn ddddd", &SimdFloatingPointPairwise.Fminnmp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFabd, "FABD (vector)", "0 q 1 01110 1 s 1 mmmmm 11010 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fabd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgt, "FCMGT (register, vector)", "0 q 1 01110 1 s 1 mmmmm 11100 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Fcmgt, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFacgt, "FACGT (vector)", "0 q 1 01110 1 s 1 mmmmm 11101 1 nnnnn ddddd", &SimdFloatingPointThreeSame.Facgt, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminp, "FMINP (vector)", "0 q 1 01110 1 s 1 mmmmm 11110 1 nnnnn ddddd", &SimdFloatingPointPairwise.Fminp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar three same ----
        new(A64Op.SimdFmulxScalar, "FMULX (scalar)", "01 0 11110 0 s 1 mmmmm 11011 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FmulxScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmeqScalar, "FCMEQ (register, scalar)", "01 0 11110 0 s 1 mmmmm 11100 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FcmeqScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrecpsScalar, "FRECPS (scalar)", "01 0 11110 0 s 1 mmmmm 11111 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FrecpsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrsqrtsScalar, "FRSQRTS (scalar)", "01 0 11110 1 s 1 mmmmm 11111 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FrsqrtsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgeScalar, "FCMGE (register, scalar)", "01 1 11110 0 s 1 mmmmm 11100 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FcmgeScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFacgeScalar, "FACGE (scalar)", "01 1 11110 0 s 1 mmmmm 11101 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FacgeScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFabdScalar, "FABD (scalar)", "01 1 11110 1 s 1 mmmmm 11010 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FabdScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgtScalar, "FCMGT (register, scalar)", "01 1 11110 1 s 1 mmmmm 11100 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FcmgtScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFacgtScalar, "FACGT (scalar)", "01 1 11110 1 s 1 mmmmm 11101 1 nnnnn ddddd", &SimdFloatingPointThreeSame.FacgtScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Two-register miscellaneous, vector ----
        new(A64Op.SimdFcvtn, "FCVTN, FCVTN2", "0 q 0 01110 0 s 10000 10110 10 nnnnn ddddd", &SimdFloatingPointConvert.Fcvtn, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtl, "FCVTL, FCVTL2", "0 q 0 01110 0 s 10000 10111 10 nnnnn ddddd", &SimdFloatingPointConvert.Fcvtl, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrintn, "FRINTN (vector)", "0 q 0 01110 0 s 10000 11000 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frintn, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrintm, "FRINTM (vector)", "0 q 0 01110 0 s 10000 11001 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frintm, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtns, "FCVTNS (vector)", "0 q 0 01110 0 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtns, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtms, "FCVTMS (vector)", "0 q 0 01110 0 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtms, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtas, "FCVTAS (vector)", "0 q 0 01110 0 s 10000 11100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtas, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScvtf, "SCVTF (vector, integer)", "0 q 0 01110 0 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Scvtf, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgtZero, "FCMGT (zero, vector)", "0 q 0 01110 1 s 10000 01100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmgtZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmeqZero, "FCMEQ (zero, vector)", "0 q 0 01110 1 s 10000 01101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmeqZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmltZero, "FCMLT (zero, vector)", "0 q 0 01110 1 s 10000 01110 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmltZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFabs, "FABS (vector)", "0 q 0 01110 1 s 10000 01111 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fabs, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrintp, "FRINTP (vector)", "0 q 0 01110 1 s 10000 11000 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frintp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrintz, "FRINTZ (vector)", "0 q 0 01110 1 s 10000 11001 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frintz, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtps, "FCVTPS (vector)", "0 q 0 01110 1 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtps, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzs, "FCVTZS (vector, integer)", "0 q 0 01110 1 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtzs, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUrecpe, "URECPE", "0 q 0 01110 1 s 10000 11100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Urecpe, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrecpe, "FRECPE (vector)", "0 q 0 01110 1 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frecpe, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtxn, "FCVTXN, FCVTXN2 (vector)", "0 q 1 01110 0 s 10000 10110 10 nnnnn ddddd", &SimdFloatingPointConvert.Fcvtxn, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrinta, "FRINTA (vector)", "0 q 1 01110 0 s 10000 11000 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frinta, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrintx, "FRINTX (vector)", "0 q 1 01110 0 s 10000 11001 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frintx, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtnu, "FCVTNU (vector)", "0 q 1 01110 0 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtnu, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtmu, "FCVTMU (vector)", "0 q 1 01110 0 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtmu, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtau, "FCVTAU (vector)", "0 q 1 01110 0 s 10000 11100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtau, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUcvtf, "UCVTF (vector, integer)", "0 q 1 01110 0 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Ucvtf, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgeZero, "FCMGE (zero, vector)", "0 q 1 01110 1 s 10000 01100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmgeZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmleZero, "FCMLE (zero, vector)", "0 q 1 01110 1 s 10000 01101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmleZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFneg, "FNEG (vector)", "0 q 1 01110 1 s 10000 01111 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fneg, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrinti, "FRINTI (vector)", "0 q 1 01110 1 s 10000 11001 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frinti, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtpu, "FCVTPU (vector)", "0 q 1 01110 1 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtpu, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzu, "FCVTZU (vector, integer)", "0 q 1 01110 1 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fcvtzu, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUrsqrte, "URSQRTE", "0 q 1 01110 1 s 10000 11100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Ursqrte, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrsqrte, "FRSQRTE (vector)", "0 q 1 01110 1 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Frsqrte, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFsqrt, "FSQRT (vector)", "0 q 1 01110 1 s 10000 11111 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.Fsqrt, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar two-register miscellaneous ----
        new(A64Op.SimdFcvtnsScalar, "FCVTNS (scalar SIMD)", "01 0 11110 0 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtnsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtmsScalar, "FCVTMS (scalar SIMD)", "01 0 11110 0 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtmsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtasScalar, "FCVTAS (scalar SIMD)", "01 0 11110 0 s 10000 11100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtasScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScvtfScalar, "SCVTF (scalar SIMD, integer)", "01 0 11110 0 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.ScvtfScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgtZeroScalar, "FCMGT (zero, scalar)", "01 0 11110 1 s 10000 01100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmgtZeroScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmeqZeroScalar, "FCMEQ (zero, scalar)", "01 0 11110 1 s 10000 01101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmeqZeroScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmltZeroScalar, "FCMLT (zero, scalar)", "01 0 11110 1 s 10000 01110 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmltZeroScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtpsScalar, "FCVTPS (scalar SIMD)", "01 0 11110 1 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtpsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzsScalar, "FCVTZS (scalar SIMD, integer)", "01 0 11110 1 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtzsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrecpeScalar, "FRECPE (scalar)", "01 0 11110 1 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FrecpeScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrecpxScalar, "FRECPX", "01 0 11110 1 s 10000 11111 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FrecpxScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtxnScalar, "FCVTXN (scalar)", "01 1 11110 0 s 10000 10110 10 nnnnn ddddd", &SimdFloatingPointConvert.FcvtxnScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtnuScalar, "FCVTNU (scalar SIMD)", "01 1 11110 0 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtnuScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtmuScalar, "FCVTMU (scalar SIMD)", "01 1 11110 0 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtmuScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtauScalar, "FCVTAU (scalar SIMD)", "01 1 11110 0 s 10000 11100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtauScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUcvtfScalar, "UCVTF (scalar SIMD, integer)", "01 1 11110 0 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.UcvtfScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmgeZeroScalar, "FCMGE (zero, scalar)", "01 1 11110 1 s 10000 01100 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmgeZeroScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcmleZeroScalar, "FCMLE (zero, scalar)", "01 1 11110 1 s 10000 01101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcmleZeroScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtpuScalar, "FCVTPU (scalar SIMD)", "01 1 11110 1 s 10000 11010 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtpuScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzuScalar, "FCVTZU (scalar SIMD, integer)", "01 1 11110 1 s 10000 11011 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FcvtzuScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFrsqrteScalar, "FRSQRTE (scalar)", "01 1 11110 1 s 10000 11101 10 nnnnn ddddd", &SimdFloatingPointTwoRegisterMisc.FrsqrteScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Across lanes (single precision, Q = 1) ----
        new(A64Op.SimdFmaxnmv, "FMAXNMV", "0 q 1 01110 0 s 11000 01100 10 nnnnn ddddd", &SimdFloatingPointPairwise.Fmaxnmv, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmaxv, "FMAXV", "0 q 1 01110 0 s 11000 01111 10 nnnnn ddddd", &SimdFloatingPointPairwise.Fmaxv, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminnmv, "FMINNMV", "0 q 1 01110 1 s 11000 01100 10 nnnnn ddddd", &SimdFloatingPointPairwise.Fminnmv, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminv, "FMINV", "0 q 1 01110 1 s 11000 01111 10 nnnnn ddddd", &SimdFloatingPointPairwise.Fminv, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar pairwise ----
        new(A64Op.SimdFmaxnmpScalar, "FMAXNMP (scalar)", "01 1 11110 0 s 11000 01100 10 nnnnn ddddd", &SimdFloatingPointPairwise.FmaxnmpScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFaddpScalar, "FADDP (scalar)", "01 1 11110 0 s 11000 01101 10 nnnnn ddddd", &SimdFloatingPointPairwise.FaddpScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmaxpScalar, "FMAXP (scalar)", "01 1 11110 0 s 11000 01111 10 nnnnn ddddd", &SimdFloatingPointPairwise.FmaxpScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminnmpScalar, "FMINNMP (scalar)", "01 1 11110 1 s 11000 01100 10 nnnnn ddddd", &SimdFloatingPointPairwise.FminnmpScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFminpScalar, "FMINP (scalar)", "01 1 11110 1 s 11000 01111 10 nnnnn ddddd", &SimdFloatingPointPairwise.FminpScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Vector x indexed element ----
        new(A64Op.SimdFmlaByElement, "FMLA (by element, vector)", "0 q 0 01111 1 s l mmmmm 0001 h 0 nnnnn ddddd", &SimdFloatingPointByElement.Fmla, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmlsByElement, "FMLS (by element, vector)", "0 q 0 01111 1 s l mmmmm 0101 h 0 nnnnn ddddd", &SimdFloatingPointByElement.Fmls, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmulByElement, "FMUL (by element, vector)", "0 q 0 01111 1 s l mmmmm 1001 h 0 nnnnn ddddd", &SimdFloatingPointByElement.Fmul, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmulxByElement, "FMULX (by element, vector)", "0 q 1 01111 1 s l mmmmm 1001 h 0 nnnnn ddddd", &SimdFloatingPointByElement.Fmulx, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar x indexed element ----
        new(A64Op.SimdFmlaByElementScalar, "FMLA (by element, scalar)", "01 0 11111 1 s l mmmmm 0001 h 0 nnnnn ddddd", &SimdFloatingPointByElement.FmlaScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmlsByElementScalar, "FMLS (by element, scalar)", "01 0 11111 1 s l mmmmm 0101 h 0 nnnnn ddddd", &SimdFloatingPointByElement.FmlsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmulByElementScalar, "FMUL (by element, scalar)", "01 0 11111 1 s l mmmmm 1001 h 0 nnnnn ddddd", &SimdFloatingPointByElement.FmulScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmulxByElementScalar, "FMULX (by element, scalar)", "01 1 11111 1 s l mmmmm 1001 h 0 nnnnn ddddd", &SimdFloatingPointByElement.FmulxScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Shift by immediate: fixed-point conversions, vector ----
        new(A64Op.SimdScvtfFixedSingle, "SCVTF (vector, fixed-point, single)", "0 q 0 011110 01 ii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Scvtf, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScvtfFixedDouble, "SCVTF (vector, fixed-point, double)", "0 q 0 011110 1 iii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Scvtf, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUcvtfFixedSingle, "UCVTF (vector, fixed-point, single)", "0 q 1 011110 01 ii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Ucvtf, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUcvtfFixedDouble, "UCVTF (vector, fixed-point, double)", "0 q 1 011110 1 iii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Ucvtf, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzsFixedSingle, "FCVTZS (vector, fixed-point, single)", "0 q 0 011110 01 ii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Fcvtzs, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzsFixedDouble, "FCVTZS (vector, fixed-point, double)", "0 q 0 011110 1 iii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Fcvtzs, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzuFixedSingle, "FCVTZU (vector, fixed-point, single)", "0 q 1 011110 01 ii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Fcvtzu, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzuFixedDouble, "FCVTZU (vector, fixed-point, double)", "0 q 1 011110 1 iii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.Fcvtzu, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar shift by immediate: fixed-point conversions ----
        new(A64Op.SimdScvtfFixedScalarSingle, "SCVTF (scalar, fixed-point, single)", "01 0 111110 01 ii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.ScvtfScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScvtfFixedScalarDouble, "SCVTF (scalar, fixed-point, double)", "01 0 111110 1 iii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.ScvtfScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUcvtfFixedScalarSingle, "UCVTF (scalar, fixed-point, single)", "01 1 111110 01 ii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.UcvtfScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUcvtfFixedScalarDouble, "UCVTF (scalar, fixed-point, double)", "01 1 111110 1 iii bbb 11100 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.UcvtfScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzsFixedScalarSingle, "FCVTZS (scalar, fixed-point, single)", "01 0 111110 01 ii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.FcvtzsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzsFixedScalarDouble, "FCVTZS (scalar, fixed-point, double)", "01 0 111110 1 iii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.FcvtzsScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzuFixedScalarSingle, "FCVTZU (scalar, fixed-point, single)", "01 1 111110 01 ii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.FcvtzuScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFcvtzuFixedScalarDouble, "FCVTZU (scalar, fixed-point, double)", "01 1 111110 1 iii bbb 11111 1 nnnnn ddddd", &SimdFloatingPointFixedPoint.FcvtzuScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
    ];
}
