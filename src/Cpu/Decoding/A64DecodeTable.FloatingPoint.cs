using Emulator.Cpu.Instructions.FloatingPoint;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>
    /// The rows of scalar floating point (C4.1.90: floating-point data processing 1/2/3 source, compare, conditional compare and select, immediate, conversions between FP and integer or fixed point).
    /// Fields: t ftype&lt;0&gt; (ftype&lt;1&gt; = 0: single or double; half precision arithmetic needs FEAT_FP16), tt full ftype, o opcode, m n d a registers, c cond, f nzcv, e signal all NaNs, z with zero, s sf, r rmode, u unsigned, i immediate/scale.
    /// </summary>
    private static A64Encoding[] FloatingPointRows() =>
    [
        // ---- Data processing, 1 source ----
        new(A64Op.FpMoveAbsNegSqrt, "FMOV (register), FABS, FNEG, FSQRT", "0 0 0 11110 0t 1 0000 oo 10000 nnnnn ddddd", &FloatingPointDataProcessing.MoveAbsNegSqrt, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpConvertPrecision, "FCVT", "0 0 0 11110 tt 1 0001 oo 10000 nnnnn ddddd", &FloatingPointDataProcessing.ConvertPrecision, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpRoundInt, "FRINTN, FRINTP, FRINTM, FRINTZ, FRINTA, FRINTX, FRINTI", "0 0 0 11110 0t 1 001 ooo 10000 nnnnn ddddd", &FloatingPointDataProcessing.RoundInt, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Data processing, 2 and 3 source ----
        new(A64Op.FpDataProcessing2Source, "FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM (scalar)", "0 0 0 11110 0t 1 mmmmm 0ooo 10 nnnnn ddddd", &FloatingPointDataProcessing.TwoSource, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpNegatedMultiply, "FNMUL (scalar)", "0 0 0 11110 0t 1 mmmmm 1000 10 nnnnn ddddd", &FloatingPointDataProcessing.TwoSource, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpDataProcessing3Source, "FMADD, FMSUB, FNMADD, FNMSUB", "0 0 0 11111 0t o mmmmm o aaaaa nnnnn ddddd", &FloatingPointDataProcessing.ThreeSource, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Compare, conditional compare, conditional select, immediate ----
        new(A64Op.FpCompare, "FCMP, FCMPE", "0 0 0 11110 0t 1 mmmmm 00 1000 nnnnn ez 000", &FloatingPointCompare.Compare, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpConditionalCompare, "FCCMP, FCCMPE", "0 0 0 11110 0t 1 mmmmm cccc 01 nnnnn e ffff", &FloatingPointCompare.ConditionalCompare, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpConditionalSelect, "FCSEL", "0 0 0 11110 0t 1 mmmmm cccc 11 nnnnn ddddd", &FloatingPointCompare.Select, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpMoveImmediate, "FMOV (scalar, immediate)", "0 0 0 11110 0t 1 iiiiiiii 100 00000 ddddd", &FloatingPointImmediate.MoveImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Conversions between floating point and integer ----
        new(A64Op.FpConvertToInteger, "FCVTNS, FCVTNU, FCVTPS, FCVTPU, FCVTMS, FCVTMU, FCVTZS, FCVTZU (scalar, integer)", "s 0 0 11110 0t 1 rr 00u 000000 nnnnn ddddd", &FloatingPointConversion.FloatToInteger, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpConvertToIntegerTiesAway, "FCVTAS, FCVTAU (scalar)", "s 0 0 11110 0t 1 00 10u 000000 nnnnn ddddd", &FloatingPointConversion.FloatToInteger, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpConvertFromInteger, "SCVTF, UCVTF (scalar, integer)", "s 0 0 11110 0t 1 00 01u 000000 nnnnn ddddd", &FloatingPointConversion.IntegerToFloat, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpMoveGeneral32, "FMOV (general, W and S)", "0 0 0 11110 00 1 00 11o 000000 nnnnn ddddd", &FloatingPointConversion.MoveGeneral, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpMoveGeneral64, "FMOV (general, X and D)", "1 0 0 11110 01 1 00 11o 000000 nnnnn ddddd", &FloatingPointConversion.MoveGeneral, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpMoveGeneralTop, "FMOV (general, X and V.D[1])", "1 0 0 11110 10 1 01 11o 000000 nnnnn ddddd", &FloatingPointConversion.MoveGeneral, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Conversions between floating point and fixed point ----
        new(A64Op.FpConvertToFixed, "FCVTZS, FCVTZU (scalar, fixed-point)", "s 0 0 11110 0t 0 11 00u iiiiii nnnnn ddddd", &FloatingPointConversion.FloatToFixed, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.FpConvertFromFixed, "SCVTF, UCVTF (scalar, fixed-point)", "s 0 0 11110 0t 0 00 01u iiiiii nnnnn ddddd", &FloatingPointConversion.FixedToFloat, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
    ];
}
