using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

/// <summary>
/// The A64 decode table: every encoding the interpreter implements, one line each, readable next
/// to the encoding diagrams of the Arm ARM (C4.1, "A64 instruction set encoding"), fields
/// separated by spaces. First match wins, so more specific patterns come first. Anything that
/// matches no line is UNDEFINED. Field letters: s sf/size, o opc/op, S set-flags, h shift/hw,
/// N, r immr, x imms/option, i immediate, m Rm, n Rn, d Rd, t Rt, u Rt2, a Ra, c cond, f nzcv,
/// b bit number, y addressing type, L load, k CRn/CRm, p op2, z size (exclusives, atomics,
/// CRC32), s Rs (exclusives, atomics), A R acquire/release. Operand-level unallocated
/// combinations (e.g. sf = 0 with N = 1) are rejected by the handlers.
/// </summary>
internal static unsafe partial class A64DecodeTable
{
    /// <summary>Every row, in match order: the integer groups, then the SIMD&amp;FP groups (bit 26, op0<2> = 1 in loads and stores, never overlap the integer rows; each SIMD&amp;FP row fixes the opcode bits of exactly the instructions it implements, so the SIMD&amp;FP groups do not overlap either).</summary>
    public static A64Encoding[] Build() =>
    [
        .. IntegerRows(),
        .. SimdFpLoadStoreRows(),
        .. FloatingPointRows(),
        .. AdvancedSimdFloatingPointRows(),
        .. AdvancedSimdRows(),
        .. AdvancedSimdArithmeticRows(),
        .. CryptoRows(),
    ];

    private static A64Encoding[] IntegerRows() =>
    [
        // ---- Data processing -- immediate (C4.1.86) ----
        new(A64Op.Adr, "ADR", "0 ii 10000 iiiiiiiiiiiiiiiiiii ddddd", &DataProcessingImmediate.Adr, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.Adrp, "ADRP", "1 ii 10000 iiiiiiiiiiiiiiiiiii ddddd", &DataProcessingImmediate.Adr, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.AddSubImmediate, "ADD/SUB (immediate)", "s o S 100010 h iiiiiiiiiiii nnnnn ddddd", &DataProcessingImmediate.AddSubImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.LogicalImmediate, "Logical (immediate)", "s oo 100100 N rrrrrr xxxxxx nnnnn ddddd", &DataProcessingImmediate.LogicalImmediate, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base, word => DataProcessingImmediate.LogicalImmediateUndefined(word, out _)),
        new(A64Op.MoveWide, "Move wide (immediate)", "s oo 100101 hh iiiiiiiiiiiiiiii ddddd", &DataProcessingImmediate.MoveWide, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base, DataProcessingImmediate.MoveWideUndefined),
        new(A64Op.Bitfield, "Bitfield", "s oo 100110 N rrrrrr xxxxxx nnnnn ddddd", &DataProcessingImmediate.Bitfield, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base, DataProcessingImmediate.BitfieldUndefined),
        new(A64Op.Extr, "EXTR", "s 00 100111 N 0 mmmmm xxxxxx nnnnn ddddd", &DataProcessingImmediate.Extract, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base, DataProcessingImmediate.ExtractUndefined),

        // ---- Branches, exception generating and system instructions (C4.1.84) ----
        new(A64Op.BranchConditional, "B.cond", "01010100 iiiiiiiiiiiiiiiiiii 0 cccc", &Branches.BranchConditional, InstructionClass.Branch, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.ExceptionGeneration, "Exception generation", "11010100 ooo iiiiiiiiiiiiiiii 000 oo", &SystemInstructions.ExceptionGeneration, InstructionClass.System, RowTraits.EndsBlock),
        new(A64Op.Hints, "Hints", "11010101000000110010 kkkk ppp 11111", &SystemInstructions.Hint, InstructionClass.Alu, RowTraits.Hint),
        new(A64Op.Barriers, "Barriers", "11010101000000110011 kkkk ppp 11111", &SystemInstructions.Barrier, InstructionClass.Barrier, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.MsrImmediate, "MSR (immediate)", "1101010100000 ooo 0100 kkkk ppp 11111", &SystemInstructions.MsrImmediate, InstructionClass.System),
        new(A64Op.Sys, "SYS, SYSL", "1101010100 L 01 ooo kkkk kkkk ppp ttttt", &SystemInstructions.Sys, InstructionClass.System),
        new(A64Op.SystemRegisterMove, "MRS, MSR (register)", "1101010100 L 1 o ooo kkkk kkkk ppp ttttt", &SystemInstructions.SystemRegisterMove, InstructionClass.System),
        new(A64Op.Br, "BR", "1101011 0000 11111 000000 nnnnn 00000", &Branches.BranchRegister, InstructionClass.Branch, RowTraits.EndsBlock, DifferentialGroup.Base),
        new(A64Op.Blr, "BLR", "1101011 0001 11111 000000 nnnnn 00000", &Branches.BranchRegister, InstructionClass.Branch, RowTraits.EndsBlock, DifferentialGroup.Base),
        new(A64Op.Ret, "RET", "1101011 0010 11111 000000 nnnnn 00000", &Branches.BranchRegister, InstructionClass.Branch, RowTraits.EndsBlock, DifferentialGroup.Base),
        new(A64Op.Eret, "ERET", "1101011 0100 11111 000000 11111 00000", &Branches.ExceptionReturn, InstructionClass.ExceptionReturn, RowTraits.EndsBlock),
        new(A64Op.BranchImmediate, "B, BL", "o 00101 iiiiiiiiiiiiiiiiiiiiiiiiii", &Branches.BranchImmediate, InstructionClass.Branch, RowTraits.EndsBlock, DifferentialGroup.Base),
        new(A64Op.CompareAndBranch, "CBZ, CBNZ", "s 011010 o iiiiiiiiiiiiiiiiiii ttttt", &Branches.CompareAndBranch, InstructionClass.Branch, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.TestAndBranch, "TBZ, TBNZ", "b 011011 o bbbbb iiiiiiiiiiiiii ttttt", &Branches.TestAndBranch, InstructionClass.Branch, RowTraits.None, DifferentialGroup.Base),

        // ---- Loads and stores (C4.1.85); the V = 1 (SIMD&FP) forms are in A64DecodeTable.SimdFpLoadStore.cs ----
        new(A64Op.ExclusiveRegister, "LDXR, LDAXR, STXR, STLXR", "zz 001000 0 L 0 sssss o uuuuu nnnnn ttttt", &LoadStoreExclusive.ExclusiveRegister, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.ExclusivePair, "LDXP, LDAXP, STXP, STLXP", "1z 001000 0 L 1 sssss o uuuuu nnnnn ttttt", &LoadStoreExclusive.ExclusivePair, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.CompareAndSwapPair, "CASP", "0z 001000 0 L 1 sssss o 11111 nnnnn ttttt", &LoadStoreExclusive.CompareAndSwapPair, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Lse),
        new(A64Op.LoadStoreOrdered, "LDAR, STLR", "zz 001000 1 L 0 sssss 1 uuuuu nnnnn ttttt", &LoadStoreExclusive.Ordered, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.CompareAndSwap, "CAS", "zz 001000 1 L 1 sssss o 11111 nnnnn ttttt", &LoadStoreExclusive.CompareAndSwap, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Lse),
        new(A64Op.AtomicMemory, "Atomic memory operations", "zz 111 0 00 A R 1 sssss o ooo 00 nnnnn ttttt", &AtomicMemory.Execute, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Lse),
        new(A64Op.LoadLiteral, "LDR (literal)", "oo 011 0 00 iiiiiiiiiiiiiiiiiii ttttt", &LoadStore.Literal, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.LoadStorePair, "Load/store pair", "oo 101 0 0yy L iiiiiii uuuuu nnnnn ttttt", &LoadStore.Pair, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.LoadStoreImmediate9, "Load/store (imm9)", "ss 111 0 00 oo 0 iiiiiiiii yy nnnnn ttttt", &LoadStore.Immediate9, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.LoadStoreRegisterOffset, "Load/store (register offset)", "ss 111 0 00 oo 1 mmmmm xxx S 10 nnnnn ttttt", &LoadStore.RegisterOffset, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.LoadStoreUnsignedOffset, "Load/store (unsigned offset)", "ss 111 0 01 oo iiiiiiiiiiii nnnnn ttttt", &LoadStore.UnsignedOffset, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.Base),

        // ---- Data processing -- register (C4.1.88) ----
        new(A64Op.LogicalShifted, "Logical (shifted register)", "s oo 01010 hh N mmmmm iiiiii nnnnn ddddd", &DataProcessingRegister.LogicalShifted, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.AddSubShifted, "ADD/SUB (shifted register)", "s o S 01011 hh 0 mmmmm iiiiii nnnnn ddddd", &DataProcessingRegister.AddSubShifted, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.AddSubExtended, "ADD/SUB (extended register)", "s o S 01011 00 1 mmmmm xxx iii nnnnn ddddd", &DataProcessingRegister.AddSubExtended, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base, DataProcessingRegister.AddSubExtendedUndefined),
        new(A64Op.AddSubCarry, "ADC, SBC", "s o S 11010000 mmmmm 000000 nnnnn ddddd", &DataProcessingRegister.AddSubCarry, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.ConditionalCompareRegister, "CCMN, CCMP (register)", "s o 1 11010010 mmmmm cccc 0 0 nnnnn 0 ffff", &DataProcessingRegister.ConditionalCompare, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.ConditionalCompareImmediate, "CCMN, CCMP (immediate)", "s o 1 11010010 iiiii cccc 1 0 nnnnn 0 ffff", &DataProcessingRegister.ConditionalCompare, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.ConditionalSelect, "Conditional select", "s o 0 11010100 mmmmm cccc 0 o nnnnn ddddd", &DataProcessingRegister.ConditionalSelect, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base, static _ => false),
        new(A64Op.DataProcessing1Source, "Data processing (1 source)", "s 1 0 11010110 00000 oooooo nnnnn ddddd", &DataProcessingRegister.DataProcessing1Source, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.Crc32, "CRC32, CRC32C", "s 0 0 11010110 mmmmm 010 o zz nnnnn ddddd", &Crc32.Execute, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.Divide, "UDIV, SDIV", "s 0 0 11010110 mmmmm 00001 o nnnnn ddddd", &DataProcessingRegister.DataProcessing2Source, InstructionClass.Divide, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.DataProcessing2Source, "Data processing (2 source)", "s 0 0 11010110 mmmmm oooooo nnnnn ddddd", &DataProcessingRegister.DataProcessing2Source, InstructionClass.Alu, RowTraits.None, DifferentialGroup.Base),
        new(A64Op.DataProcessing3Source, "Data processing (3 source)", "s 00 11011 ooo mmmmm o aaaaa nnnnn ddddd", &DataProcessingRegister.DataProcessing3Source, InstructionClass.Multiply, RowTraits.None, DifferentialGroup.Base),
    ];
}
