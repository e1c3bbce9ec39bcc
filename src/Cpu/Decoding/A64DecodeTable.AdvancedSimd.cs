using Emulator.Cpu.Instructions.Simd;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>
    /// The rows of Advanced SIMD copy, permute, table lookup, modified immediate, across lanes,
    /// two-register miscellaneous and bitwise (C4.1.95), integer forms only. Field letters: q Q,
    /// u U, o op/o0, s size, i imm5/immediate, j imm4, c cmode, l len, m Rm, n Rn, d Rd. Each row
    /// fixes the opcode bits of exactly the instructions it implements; reserved size/Q
    /// combinations are rejected by the handlers.
    /// </summary>
    private static A64Encoding[] AdvancedSimdRows() =>
    [
        // ---- Advanced SIMD copy, scalar copy ----
        new(A64Op.SimdDupElement, "DUP (element)", "0 q 0 01110000 iiiii 0 0000 1 nnnnn ddddd", &SimdCopy.DupElement, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdDupGeneral, "DUP (general)", "0 q 0 01110000 iiiii 0 0001 1 nnnnn ddddd", &SimdCopy.DupGeneral, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdInsGeneral, "INS (general)", "0 1 0 01110000 iiiii 0 0011 1 nnnnn ddddd", &SimdCopy.InsGeneral, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSmov, "SMOV", "0 q 0 01110000 iiiii 0 0101 1 nnnnn ddddd", &SimdCopy.Smov, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdUmov, "UMOV", "0 q 0 01110000 iiiii 0 0111 1 nnnnn ddddd", &SimdCopy.Umov, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdInsElement, "INS (element)", "0 1 1 01110000 iiiii 0 jjjj 1 nnnnn ddddd", &SimdCopy.InsElement, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdDupScalar, "DUP (element, scalar)", "01 0 11110000 iiiii 0 0000 1 nnnnn ddddd", &SimdCopy.DupScalar, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD permute, extract, table lookup ----
        new(A64Op.SimdUzp, "UZP1, UZP2", "0 q 001110 ss 0 mmmmm 0 o 01 10 nnnnn ddddd", &SimdPermute.Uzp, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdTrn, "TRN1, TRN2", "0 q 001110 ss 0 mmmmm 0 o 10 10 nnnnn ddddd", &SimdPermute.Trn, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdZip, "ZIP1, ZIP2", "0 q 001110 ss 0 mmmmm 0 o 11 10 nnnnn ddddd", &SimdPermute.Zip, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdExt, "EXT", "0 q 101110 00 0 mmmmm 0 jjjj 0 nnnnn ddddd", &SimdPermute.Ext, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdTable, "TBL, TBX", "0 q 001110 00 0 mmmmm 0 ll o 00 nnnnn ddddd", &SimdPermute.Table, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD modified immediate (o2 = 0) ----
        new(A64Op.SimdImmediate32, "MOVI, MVNI, ORR, BIC (32-bit shifted immediate)", "0 q o 0111100000 iii 0ccc 0 1 iiiii ddddd", &SimdImmediate.ModifiedImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdImmediate16, "MOVI, MVNI, ORR, BIC (16-bit shifted immediate)", "0 q o 0111100000 iii 10cc 0 1 iiiii ddddd", &SimdImmediate.ModifiedImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdImmediateOnes, "MOVI, MVNI (32-bit shifting ones)", "0 q o 0111100000 iii 110c 0 1 iiiii ddddd", &SimdImmediate.ModifiedImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdImmediateBytes, "MOVI (8-bit, 64-bit)", "0 q o 0111100000 iii 1110 0 1 iiiii ddddd", &SimdImmediate.ModifiedImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmovSingleImmediate, "FMOV (vector, immediate, single)", "0 q 0 0111100000 iii 1111 0 1 iiiii ddddd", &SimdImmediate.ModifiedImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFmovDoubleImmediate, "FMOV (vector, immediate, double)", "0 q 1 0111100000 iii 1111 0 1 iiiii ddddd", &SimdImmediate.ModifiedImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD across lanes (integer) ----
        new(A64Op.SimdAddLongAcross, "SADDLV, UADDLV", "0 q u 01110 ss 11000 00011 10 nnnnn ddddd", &SimdAcross.AddLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdMaxMinAcross, "SMAXV, UMAXV, SMINV, UMINV", "0 q u 01110 ss 11000 o1010 10 nnnnn ddddd", &SimdAcross.MaxMin, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAddv, "ADDV", "0 q 0 01110 ss 11000 11011 10 nnnnn ddddd", &SimdAcross.Addv, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD two-register miscellaneous (integer) ----
        new(A64Op.SimdRev64Rev32, "REV64, REV32", "0 q u 01110 ss 10000 00000 10 nnnnn ddddd", &SimdMiscBits.Rev, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdRev16, "REV16 (vector)", "0 q 0 01110 ss 10000 00001 10 nnnnn ddddd", &SimdMiscBits.Rev, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAddPairwiseLong, "SADDLP, UADDLP, SADALP, UADALP", "0 q u 01110 ss 10000 00o10 10 nnnnn ddddd", &SimdMiscArithmetic.AddPairwiseLong, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingAccumulate, "SUQADD, USQADD (vector)", "0 q u 01110 ss 10000 00011 10 nnnnn ddddd", &SimdMiscArithmetic.SaturatingAccumulate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdCountLeading, "CLS, CLZ (vector)", "0 q u 01110 ss 10000 00100 10 nnnnn ddddd", &SimdMiscBits.CountLeading, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdCnt, "CNT", "0 q 0 01110 ss 10000 00101 10 nnnnn ddddd", &SimdMiscBits.Cnt, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdNotRbit, "NOT, RBIT (vector)", "0 q 1 01110 ss 10000 00101 10 nnnnn ddddd", &SimdMiscBits.NotRbit, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSaturatingAbsNeg, "SQABS, SQNEG (vector)", "0 q u 01110 ss 10000 00111 10 nnnnn ddddd", &SimdMiscArithmetic.SaturatingAbsNeg, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdCompareZero, "CMGT, CMGE, CMEQ, CMLE (zero, vector)", "0 q u 01110 ss 10000 0100o 10 nnnnn ddddd", &SimdMiscArithmetic.CompareZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdCompareLessThanZero, "CMLT (zero, vector)", "0 q 0 01110 ss 10000 01010 10 nnnnn ddddd", &SimdMiscArithmetic.CompareZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdAbsNeg, "ABS, NEG (vector)", "0 q u 01110 ss 10000 01011 10 nnnnn ddddd", &SimdMiscArithmetic.AbsNeg, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdXtnSqxtun, "XTN, SQXTUN (vector)", "0 q u 01110 ss 10000 10010 10 nnnnn ddddd", &SimdMiscNarrow.Narrow, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdShll, "SHLL", "0 q 1 01110 ss 10000 10011 10 nnnnn ddddd", &SimdMiscNarrow.Shll, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdSqxtnUqxtn, "SQXTN, UQXTN (vector)", "0 q u 01110 ss 10000 10100 10 nnnnn ddddd", &SimdMiscNarrow.Narrow, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD scalar two-register miscellaneous (integer) ----
        new(A64Op.SimdScalarSaturatingAccumulate, "SUQADD, USQADD (scalar)", "01 u 11110 ss 10000 00011 10 nnnnn ddddd", &SimdMiscArithmetic.SaturatingAccumulate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSaturatingAbsNeg, "SQABS, SQNEG (scalar)", "01 u 11110 ss 10000 00111 10 nnnnn ddddd", &SimdMiscArithmetic.SaturatingAbsNeg, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarCompareZero, "CMGT, CMGE, CMEQ, CMLE (zero, scalar)", "01 u 11110 ss 10000 0100o 10 nnnnn ddddd", &SimdMiscArithmetic.CompareZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarCompareLessThanZero, "CMLT (zero, scalar)", "01 0 11110 ss 10000 01010 10 nnnnn ddddd", &SimdMiscArithmetic.CompareZero, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarAbsNeg, "ABS, NEG (scalar)", "01 u 11110 ss 10000 01011 10 nnnnn ddddd", &SimdMiscArithmetic.AbsNeg, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSqxtun, "SQXTUN (scalar)", "01 1 11110 ss 10000 10010 10 nnnnn ddddd", &SimdMiscNarrow.Narrow, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdScalarSqxtnUqxtn, "SQXTN, UQXTN (scalar)", "01 u 11110 ss 10000 10100 10 nnnnn ddddd", &SimdMiscNarrow.Narrow, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),

        // ---- Advanced SIMD three same, logical ----
        new(A64Op.SimdLogical, "AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF (vector)", "0 q u 01110 ss 1 mmmmm 00011 1 nnnnn ddddd", &SimdBitwise.Logical, InstructionClass.Alu, RowTraits.None, DifferentialGroup.FpSimd),
    ];
}
