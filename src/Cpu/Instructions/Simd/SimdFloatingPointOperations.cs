using System.Runtime.CompilerServices;
using Emulator.Cpu.Instructions.FloatingPoint;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>The per-element operation of a two-operand Advanced SIMD floating-point instruction.</summary>
internal enum FpBinaryOp : byte
{
    Add,
    Sub,
    Mul,
    MulX,
    Div,
    Max,
    Min,
    MaxNum,
    MinNum,
    AbsoluteDifference,
    RecipStep,
    RSqrtStep,
    CompareEqual,
    CompareGreaterEqual,
    CompareGreaterThan,
    AbsoluteCompareGreaterEqual,
    AbsoluteCompareGreaterThan,
}

/// <summary>The per-element operation of a one-operand Advanced SIMD floating-point instruction (two-register miscellaneous, shift by immediate).</summary>
internal enum FpUnaryOp : byte
{
    RoundInt,
    RoundIntExact,
    ToSigned,
    ToUnsigned,
    FromSigned,
    FromUnsigned,
    CompareGreaterThanZero,
    CompareGreaterEqualZero,
    CompareEqualZero,
    CompareLessEqualZero,
    CompareLessThanZero,
    Abs,
    Neg,
    Sqrt,
    RecipEstimate,
    RSqrtEstimate,
    RecpX,
    UnsignedRecipEstimate,
    UnsignedRSqrtEstimate,
}

/// <summary>
/// One element of an Advanced SIMD floating-point operation, by the FP library of the Arm ARM
/// (shared/functions/float). The operation is a constant at every call site, so that each handler
/// inlines only its own case. Operands are zero-extended esize-bit values; so are the results.
/// </summary>
internal static class SimdFloatingPointOperations
{
    /// <summary>The element operation of the three-same and by-element instructions (FADD: FPAdd, FABD: FPAbs(FPSub), FCMGE: FPCompareGE, FACGE: FPCompareGE(FPAbs, FPAbs)...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Binary(FpBinaryOp op, ulong op1, ulong op2, int esize, uint fpcr, ref uint fpsr)
    {
        switch (op)
        {
            case FpBinaryOp.Add: return FPCore.FPAdd(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.Sub: return FPCore.FPSub(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.Mul: return FPCore.FPMul(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.MulX: return FPCore.FPMulX(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.Div: return FPCore.FPDiv(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.Max: return FPCore.FPMax(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.Min: return FPCore.FPMin(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.MaxNum: return FPCore.FPMaxNum(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.MinNum: return FPCore.FPMinNum(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.AbsoluteDifference: return FPCore.FPAbs(FPCore.FPSub(op1, op2, esize, fpcr, ref fpsr), esize);
            case FpBinaryOp.RecipStep: return FPCore.FPRecipStepFused(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.RSqrtStep: return FPCore.FPRSqrtStepFused(op1, op2, esize, fpcr, ref fpsr);
            case FpBinaryOp.CompareEqual: return Mask(FPCore.FPCompareEQ(op1, op2, esize, fpcr, ref fpsr), esize);
            case FpBinaryOp.CompareGreaterEqual: return Mask(FPCore.FPCompareGE(op1, op2, esize, fpcr, ref fpsr), esize);
            case FpBinaryOp.CompareGreaterThan: return Mask(FPCore.FPCompareGT(op1, op2, esize, fpcr, ref fpsr), esize);
            case FpBinaryOp.AbsoluteCompareGreaterEqual:
                return Mask(FPCore.FPCompareGE(FPCore.FPAbs(op1, esize), FPCore.FPAbs(op2, esize), esize, fpcr, ref fpsr), esize);
            default:
                return Mask(FPCore.FPCompareGT(FPCore.FPAbs(op1, esize), FPCore.FPAbs(op2, esize), esize, fpcr, ref fpsr), esize);
        }
    }

    /// <summary>
    /// The element operation of the one-operand instructions. <paramref name="rounding"/> is the
    /// rounding of FRINT*, FCVT* and [SU]CVTF; <paramref name="fbits"/> the fraction bits of the
    /// fixed-point conversions (0 for the integer ones).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Unary(FpUnaryOp op, ulong operand, int esize, uint fpcr, FPRounding rounding, int fbits, ref uint fpsr)
    {
        switch (op)
        {
            case FpUnaryOp.RoundInt: return FPCore.FPRoundInt(operand, esize, fpcr, rounding, false, ref fpsr);
            case FpUnaryOp.RoundIntExact: return FPCore.FPRoundInt(operand, esize, fpcr, rounding, true, ref fpsr);
            case FpUnaryOp.ToSigned: return FPCore.FPToFixed(operand, fbits, false, fpcr, rounding, esize, esize, ref fpsr);
            case FpUnaryOp.ToUnsigned: return FPCore.FPToFixed(operand, fbits, true, fpcr, rounding, esize, esize, ref fpsr);
            case FpUnaryOp.FromSigned: return FPCore.FixedToFP(operand, fbits, false, fpcr, rounding, esize, esize, ref fpsr);
            case FpUnaryOp.FromUnsigned: return FPCore.FixedToFP(operand, fbits, true, fpcr, rounding, esize, esize, ref fpsr);
            // FCMGT/FCMGE/FCMEQ/FCMLE/FCMLT (zero): the comparison with +0.0, FCMLE and FCMLT with the operands swapped.
            case FpUnaryOp.CompareGreaterThanZero: return Mask(FPCore.FPCompareGT(operand, 0, esize, fpcr, ref fpsr), esize);
            case FpUnaryOp.CompareGreaterEqualZero: return Mask(FPCore.FPCompareGE(operand, 0, esize, fpcr, ref fpsr), esize);
            case FpUnaryOp.CompareEqualZero: return Mask(FPCore.FPCompareEQ(operand, 0, esize, fpcr, ref fpsr), esize);
            case FpUnaryOp.CompareLessEqualZero: return Mask(FPCore.FPCompareGE(0, operand, esize, fpcr, ref fpsr), esize);
            case FpUnaryOp.CompareLessThanZero: return Mask(FPCore.FPCompareGT(0, operand, esize, fpcr, ref fpsr), esize);
            case FpUnaryOp.Abs: return FPCore.FPAbs(operand, esize);
            case FpUnaryOp.Neg: return FPCore.FPNeg(operand, esize);
            case FpUnaryOp.Sqrt: return FPCore.FPSqrt(operand, esize, fpcr, ref fpsr);
            case FpUnaryOp.RecipEstimate: return FPCore.FPRecipEstimate(operand, esize, fpcr, ref fpsr);
            case FpUnaryOp.RSqrtEstimate: return FPCore.FPRSqrtEstimate(operand, esize, fpcr, ref fpsr);
            case FpUnaryOp.RecpX: return FPCore.FPRecpX(operand, esize, fpcr, ref fpsr);
            case FpUnaryOp.UnsignedRecipEstimate: return UnsignedEstimates.UnsignedRecipEstimate((uint)operand);
            default: return UnsignedEstimates.UnsignedRSqrtEstimate((uint)operand);
        }
    }

    /// <summary>A comparison's element: Ones(esize) when it passes, else zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(bool passed, int esize) => passed ? SimdFloatingPoint.Ones(esize) : 0;
}
