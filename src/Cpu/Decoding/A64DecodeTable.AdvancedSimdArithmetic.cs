using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions.Simd;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>
    /// The rows of Advanced SIMD integer arithmetic: three same, three different, shift by immediate,
    /// by element, and their scalar forms (C4.1.95). Each row fixes the opcode bits of the
    /// instructions it implements; U, size and Q are operand fields whose reserved values the
    /// handlers reject (the bitwise three-same opcode 00011 and the floating-point opcodes belong to
    /// other groups). Field letters: q Q, u U, z size, m Rm, n Rn, d Rd, o/r/w/c opcode bits the
    /// handler reads, h immh, b immb, l L, x M, i H.
    /// </summary>
    private static A64Encoding[] AdvancedSimdArithmeticRows() =>
    [
        // ---- Three same (integer): 0 Q U 01110 size 1 Rm opcode 1 Rn Rd ----
        new(A64Op.SimdHalvingAdd, "SHADD, UHADD", "0 q u 01110 zz 1 mmmmm 00000 1 nnnnn ddddd", &SimdArithmeticThreeSame.HalvingAdd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingAdd, "SQADD, UQADD", "0 q u 01110 zz 1 mmmmm 00001 1 nnnnn ddddd", &SimdArithmeticThreeSame.SaturatingAdd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdRoundingHalvingAdd, "SRHADD, URHADD", "0 q u 01110 zz 1 mmmmm 00010 1 nnnnn ddddd", &SimdArithmeticThreeSame.RoundingHalvingAdd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdHalvingSubtract, "SHSUB, UHSUB", "0 q u 01110 zz 1 mmmmm 00100 1 nnnnn ddddd", &SimdArithmeticThreeSame.HalvingSubtract, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingSubtract, "SQSUB, UQSUB", "0 q u 01110 zz 1 mmmmm 00101 1 nnnnn ddddd", &SimdArithmeticThreeSame.SaturatingSubtract, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdCompare, "CMGT, CMHI, CMGE, CMHS (register)", "0 q u 01110 zz 1 mmmmm 0011 o 1 nnnnn ddddd", &SimdArithmeticThreeSame.Compare, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdShiftByRegister, "SSHL, USHL, SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL (register)", "0 q u 01110 zz 1 mmmmm 010 r o 1 nnnnn ddddd", &SimdArithmeticThreeSame.ShiftByRegister, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMaxMin, "SMAX, UMAX, SMIN, UMIN", "0 q u 01110 zz 1 mmmmm 0110 o 1 nnnnn ddddd", &SimdArithmeticThreeSame.MaxMin, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAbsoluteDifference, "SABD, UABD, SABA, UABA", "0 q u 01110 zz 1 mmmmm 0111 o 1 nnnnn ddddd", &SimdArithmeticThreeSame.AbsoluteDifference, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAddSubtract, "ADD, SUB (vector)", "0 q u 01110 zz 1 mmmmm 10000 1 nnnnn ddddd", &SimdArithmeticThreeSame.AddSubtract, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdTestEqual, "CMTST, CMEQ (register)", "0 q u 01110 zz 1 mmmmm 10001 1 nnnnn ddddd", &SimdArithmeticThreeSame.TestEqual, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiplyAccumulate, "MLA, MLS (vector)", "0 q u 01110 zz 1 mmmmm 10010 1 nnnnn ddddd", &SimdArithmeticThreeSame.MultiplyAccumulate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiply, "MUL, PMUL (vector)", "0 q u 01110 zz 1 mmmmm 10011 1 nnnnn ddddd", &SimdArithmeticThreeSame.Multiply, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMaxMinPairwise, "SMAXP, UMAXP, SMINP, UMINP", "0 q u 01110 zz 1 mmmmm 1010 o 1 nnnnn ddddd", &SimdArithmeticPairwise.Pairwise, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingDoublingMultiplyHigh, "SQDMULH, SQRDMULH (vector)", "0 q u 01110 zz 1 mmmmm 10110 1 nnnnn ddddd", &SimdArithmeticThreeSame.SaturatingDoublingMultiplyHigh, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAddPairwise, "ADDP (vector)", "0 q 0 01110 zz 1 mmmmm 10111 1 nnnnn ddddd", &SimdArithmeticPairwise.Pairwise, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar three same (integer): 01 U 11110 size 1 Rm opcode 1 Rn Rd ----
        new(A64Op.SimdScalarSaturatingAdd, "SQADD, UQADD (scalar)", "01 u 11110 zz 1 mmmmm 00001 1 nnnnn ddddd", &SimdArithmeticThreeSame.SaturatingAdd, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSaturatingSubtract, "SQSUB, UQSUB (scalar)", "01 u 11110 zz 1 mmmmm 00101 1 nnnnn ddddd", &SimdArithmeticThreeSame.SaturatingSubtract, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarCompare, "CMGT, CMHI, CMGE, CMHS (scalar register)", "01 u 11110 zz 1 mmmmm 0011 o 1 nnnnn ddddd", &SimdArithmeticThreeSame.Compare, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarShiftByRegister, "SSHL, USHL, SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL (scalar register)", "01 u 11110 zz 1 mmmmm 010 r o 1 nnnnn ddddd", &SimdArithmeticThreeSame.ShiftByRegister, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarAddSubtract, "ADD, SUB (scalar)", "01 u 11110 zz 1 mmmmm 10000 1 nnnnn ddddd", &SimdArithmeticThreeSame.AddSubtract, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarTestEqual, "CMTST, CMEQ (scalar register)", "01 u 11110 zz 1 mmmmm 10001 1 nnnnn ddddd", &SimdArithmeticThreeSame.TestEqual, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSaturatingDoublingMultiplyHigh, "SQDMULH, SQRDMULH (scalar)", "01 u 11110 zz 1 mmmmm 10110 1 nnnnn ddddd", &SimdArithmeticThreeSame.SaturatingDoublingMultiplyHigh, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar pairwise (integer): 01 U 11110 size 11000 opcode 10 Rn Rd ----
        new(A64Op.SimdScalarAddPairwise, "ADDP (scalar)", "01 0 11110 zz 11000 11011 10 nnnnn ddddd", &SimdArithmeticPairwise.AddPairwiseScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd ----
        new(A64Op.SimdAddSubtractLong, "SADDL, UADDL, SADDW, UADDW, SSUBL, USUBL, SSUBW, USUBW", "0 q u 01110 zz 1 mmmmm 00 o w 00 nnnnn ddddd", &SimdWideningThreeDifferent.AddSubtractLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAddSubtractHighNarrow, "ADDHN, RADDHN, SUBHN, RSUBHN", "0 q u 01110 zz 1 mmmmm 01 o 0 00 nnnnn ddddd", &SimdWideningThreeDifferent.AddSubtractHighNarrow, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAbsoluteDifferenceLong, "SABAL, UABAL, SABDL, UABDL", "0 q u 01110 zz 1 mmmmm 01 o 1 00 nnnnn ddddd", &SimdWideningThreeDifferent.AbsoluteDifferenceLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiplyAccumulateLong, "SMLAL, UMLAL, SMLSL, UMLSL", "0 q u 01110 zz 1 mmmmm 10 o 0 00 nnnnn ddddd", &SimdWideningThreeDifferent.MultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingDoublingMultiplyAccumulateLong, "SQDMLAL, SQDMLSL (vector)", "0 q 0 01110 zz 1 mmmmm 10 o 1 00 nnnnn ddddd", &SimdWideningThreeDifferent.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiplyLong, "SMULL, UMULL (vector)", "0 q u 01110 zz 1 mmmmm 1100 00 nnnnn ddddd", &SimdWideningThreeDifferent.MultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingDoublingMultiplyLong, "SQDMULL (vector)", "0 q 0 01110 zz 1 mmmmm 1101 00 nnnnn ddddd", &SimdWideningThreeDifferent.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdPolynomialMultiplyLong, "PMULL (8-bit)", "0 q 0 01110 00 1 mmmmm 1110 00 nnnnn ddddd", &SimdWideningThreeDifferent.PolynomialMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar three different: 01 U 11110 size 1 Rm opcode 00 Rn Rd ----
        new(A64Op.SimdScalarSaturatingDoublingMultiplyAccumulateLong, "SQDMLAL, SQDMLSL (scalar)", "01 0 11110 zz 1 mmmmm 10 o 1 00 nnnnn ddddd", &SimdWideningThreeDifferent.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSaturatingDoublingMultiplyLong, "SQDMULL (scalar)", "01 0 11110 zz 1 mmmmm 1101 00 nnnnn ddddd", &SimdWideningThreeDifferent.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd, one row per immh (element size), immh = 0000 never ----
        .. ByImmh(A64Op.SimdShiftRight, "SSHR, USHR, SSRA, USRA, SRSHR, URSHR, SRSRA, URSRA", "0 q u 011110", "bbb 00 r c 0 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRight, withDouble: true),
        .. ByImmh(A64Op.SimdShiftRightInsert, "SRI", "0 q 1 011110", "bbb 01000 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRightInsert, withDouble: true),
        .. ByImmh(A64Op.SimdShiftLeft, "SHL, SLI", "0 q u 011110", "bbb 01010 1 nnnnn ddddd", &SimdShiftImmediate.ShiftLeft, withDouble: true),
        .. ByImmh(A64Op.SimdSaturatingShiftLeftUnsigned, "SQSHLU", "0 q 1 011110", "bbb 01100 1 nnnnn ddddd", &SimdShiftImmediate.SaturatingShiftLeft, withDouble: true),
        .. ByImmh(A64Op.SimdSaturatingShiftLeft, "SQSHL, UQSHL (immediate)", "0 q u 011110", "bbb 01110 1 nnnnn ddddd", &SimdShiftImmediate.SaturatingShiftLeft, withDouble: true),
        .. ByImmh(A64Op.SimdShiftRightNarrow, "SHRN, RSHRN, SQSHRUN, SQRSHRUN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN", "0 q u 011110", "bbb 100 o r 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRightNarrow, withDouble: false),
        .. ByImmh(A64Op.SimdShiftLeftLong, "SSHLL, USHLL", "0 q u 011110", "bbb 10100 1 nnnnn ddddd", &SimdShiftImmediate.ShiftLeftLong, withDouble: false),

        // ---- Scalar shift by immediate: 01 U 111110 immh immb opcode 1 Rn Rd ----
        new(A64Op.SimdScalarShiftRight, "SSHR, USHR, SSRA, USRA, SRSHR, URSHR, SRSRA, URSRA (scalar)", "01 u 111110 1hhh bbb 00 r c 0 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRight, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarShiftRightInsert, "SRI (scalar)", "01 1 111110 1hhh bbb 01000 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRightInsert, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarShiftLeft, "SHL, SLI (scalar)", "01 u 111110 1hhh bbb 01010 1 nnnnn ddddd", &SimdShiftImmediate.ShiftLeft, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        .. ByImmh(A64Op.SimdScalarSaturatingShiftLeftUnsigned, "SQSHLU (scalar)", "01 1 111110", "bbb 01100 1 nnnnn ddddd", &SimdShiftImmediate.SaturatingShiftLeft, withDouble: true),
        .. ByImmh(A64Op.SimdScalarSaturatingShiftLeft, "SQSHL, UQSHL (scalar immediate)", "01 u 111110", "bbb 01110 1 nnnnn ddddd", &SimdShiftImmediate.SaturatingShiftLeft, withDouble: true),
        .. ByImmh(A64Op.SimdScalarShiftRightNarrowUnsigned, "SQSHRUN, SQRSHRUN (scalar)", "01 1 111110", "bbb 1000 r 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRightNarrow, withDouble: false),
        .. ByImmh(A64Op.SimdScalarShiftRightNarrow, "SQSHRN, UQSHRN, SQRSHRN, UQRSHRN (scalar)", "01 u 111110", "bbb 1001 r 1 nnnnn ddddd", &SimdShiftImmediate.ShiftRightNarrow, withDouble: false),

        // ---- Vector x indexed element (integer): 0 Q U 01111 size L M Rm opcode H 0 Rn Rd ----
        new(A64Op.SimdMultiplyAccumulateByElement, "MLA, MLS (by element)", "0 q 1 01111 zz l x mmmm 0 o 00 i 0 nnnnn ddddd", &SimdByElement.MultiplyAccumulate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiplyByElement, "MUL (by element)", "0 q 0 01111 zz l x mmmm 1000 i 0 nnnnn ddddd", &SimdByElement.MultiplyAccumulate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiplyAccumulateLongByElement, "SMLAL, UMLAL, SMLSL, UMLSL (by element)", "0 q u 01111 zz l x mmmm 0 o 10 i 0 nnnnn ddddd", &SimdByElement.MultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMultiplyLongByElement, "SMULL, UMULL (by element)", "0 q u 01111 zz l x mmmm 1010 i 0 nnnnn ddddd", &SimdByElement.MultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingDoublingMultiplyAccumulateLongByElement, "SQDMLAL, SQDMLSL (by element)", "0 q 0 01111 zz l x mmmm 0 o 11 i 0 nnnnn ddddd", &SimdByElement.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingDoublingMultiplyLongByElement, "SQDMULL (by element)", "0 q 0 01111 zz l x mmmm 1011 i 0 nnnnn ddddd", &SimdByElement.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingDoublingMultiplyHighByElement, "SQDMULH, SQRDMULH (by element)", "0 q 0 01111 zz l x mmmm 110 r i 0 nnnnn ddddd", &SimdByElement.SaturatingDoublingMultiplyHigh, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Scalar x indexed element (integer): 01 U 11111 size L M Rm opcode H 0 Rn Rd ----
        new(A64Op.SimdScalarSaturatingDoublingMultiplyAccumulateLongByElement, "SQDMLAL, SQDMLSL (scalar, by element)", "01 0 11111 zz l x mmmm 0 o 11 i 0 nnnnn ddddd", &SimdByElement.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSaturatingDoublingMultiplyLongByElement, "SQDMULL (scalar, by element)", "01 0 11111 zz l x mmmm 1011 i 0 nnnnn ddddd", &SimdByElement.SaturatingDoublingMultiplyLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSaturatingDoublingMultiplyHighByElement, "SQDMULH, SQRDMULH (scalar, by element)", "01 0 11111 zz l x mmmm 110 r i 0 nnnnn ddddd", &SimdByElement.SaturatingDoublingMultiplyHigh, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
    ];

    /// <summary>
    /// The rows of one shift-by-immediate instruction, one per element size: immh = 1xxx (64-bit
    /// elements, when the instruction has them), 01xx, 001x, 0001; immh = 0000 is left to the
    /// modified-immediate rows (vector) or unallocated (scalar).
    /// </summary>
    private static A64Encoding[] ByImmh(A64Op op, string name, string before, string after, delegate*<ArmCore, uint, void> handler, bool withDouble)
    {
        string[] immh = withDouble ? ["1hhh", "01hh", "001h", "0001"] : ["01hh", "001h", "0001"];
        var rows = new A64Encoding[immh.Length];
        for (int i = 0; i < immh.Length; i++)
            rows[i] = new(op, name, $"{before} {immh[i]} {after}", handler, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd);
        return rows;
    }
}
