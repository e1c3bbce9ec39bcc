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
internal static unsafe class A64DecodeTable
{
    public static A64Encoding[] Build() =>
    [
        // ---- Data processing -- immediate (C4.1.86) ----
        new("ADR", "0 ii 10000 iiiiiiiiiiiiiiiiiii ddddd", &DataProcessingImmediate.Adr, InstructionClass.Alu),
        new("ADRP", "1 ii 10000 iiiiiiiiiiiiiiiiiii ddddd", &DataProcessingImmediate.Adr, InstructionClass.Alu),
        new("ADD/SUB (immediate)", "s o S 100010 h iiiiiiiiiiii nnnnn ddddd", &DataProcessingImmediate.AddSubImmediate, InstructionClass.Alu),
        new("Logical (immediate)", "s oo 100100 N rrrrrr xxxxxx nnnnn ddddd", &DataProcessingImmediate.LogicalImmediate, InstructionClass.Alu),
        new("Move wide (immediate)", "s oo 100101 hh iiiiiiiiiiiiiiii ddddd", &DataProcessingImmediate.MoveWide, InstructionClass.Alu),
        new("Bitfield", "s oo 100110 N rrrrrr xxxxxx nnnnn ddddd", &DataProcessingImmediate.Bitfield, InstructionClass.Alu),
        new("EXTR", "s 00 100111 N 0 mmmmm xxxxxx nnnnn ddddd", &DataProcessingImmediate.Extract, InstructionClass.Alu),

        // ---- Branches, exception generating and system instructions (C4.1.84) ----
        new("B.cond", "01010100 iiiiiiiiiiiiiiiiiii 0 cccc", &Branches.BranchConditional, InstructionClass.Branch),
        new("Exception generation", "11010100 ooo iiiiiiiiiiiiiiii 000 oo", &SystemInstructions.ExceptionGeneration, InstructionClass.System),
        new("Hints", "11010101000000110010 kkkk ppp 11111", &SystemInstructions.Hint, InstructionClass.Alu),
        new("Barriers", "11010101000000110011 kkkk ppp 11111", &SystemInstructions.Barrier, InstructionClass.Barrier),
        new("MSR (immediate)", "1101010100000 ooo 0100 kkkk ppp 11111", &SystemInstructions.MsrImmediate, InstructionClass.System),
        new("SYS, SYSL", "1101010100 L 01 ooo kkkk kkkk ppp ttttt", &SystemInstructions.Sys, InstructionClass.System),
        new("MRS, MSR (register)", "1101010100 L 1 o ooo kkkk kkkk ppp ttttt", &SystemInstructions.SystemRegisterMove, InstructionClass.System),
        new("BR", "1101011 0000 11111 000000 nnnnn 00000", &Branches.BranchRegister, InstructionClass.Branch),
        new("BLR", "1101011 0001 11111 000000 nnnnn 00000", &Branches.BranchRegister, InstructionClass.Branch),
        new("RET", "1101011 0010 11111 000000 nnnnn 00000", &Branches.BranchRegister, InstructionClass.Branch),
        new("ERET", "1101011 0100 11111 000000 11111 00000", &Branches.ExceptionReturn, InstructionClass.ExceptionReturn),
        new("B, BL", "o 00101 iiiiiiiiiiiiiiiiiiiiiiiiii", &Branches.BranchImmediate, InstructionClass.Branch),
        new("CBZ, CBNZ", "s 011010 o iiiiiiiiiiiiiiiiiii ttttt", &Branches.CompareAndBranch, InstructionClass.Branch),
        new("TBZ, TBNZ", "b 011011 o bbbbb iiiiiiiiiiiiii ttttt", &Branches.TestAndBranch, InstructionClass.Branch),

        // ---- Loads and stores (C4.1.85); V = 1 (SIMD&FP) forms are absent: FP is not implemented ----
        new("LDXR, LDAXR, STXR, STLXR", "zz 001000 0 L 0 sssss o uuuuu nnnnn ttttt", &LoadStoreExclusive.ExclusiveRegister, InstructionClass.LoadStore),
        new("LDXP, LDAXP, STXP, STLXP", "1z 001000 0 L 1 sssss o uuuuu nnnnn ttttt", &LoadStoreExclusive.ExclusivePair, InstructionClass.LoadStore),
        new("CASP", "0z 001000 0 L 1 sssss o 11111 nnnnn ttttt", &LoadStoreExclusive.CompareAndSwapPair, InstructionClass.LoadStore),
        new("LDAR, STLR", "zz 001000 1 L 0 sssss 1 uuuuu nnnnn ttttt", &LoadStoreExclusive.Ordered, InstructionClass.LoadStore),
        new("CAS", "zz 001000 1 L 1 sssss o 11111 nnnnn ttttt", &LoadStoreExclusive.CompareAndSwap, InstructionClass.LoadStore),
        new("Atomic memory operations", "zz 111 0 00 A R 1 sssss o ooo 00 nnnnn ttttt", &AtomicMemory.Execute, InstructionClass.LoadStore),
        new("LDR (literal)", "oo 011 0 00 iiiiiiiiiiiiiiiiiii ttttt", &LoadStore.Literal, InstructionClass.LoadStore),
        new("Load/store pair", "oo 101 0 0yy L iiiiiii uuuuu nnnnn ttttt", &LoadStore.Pair, InstructionClass.LoadStore),
        new("Load/store (imm9)", "ss 111 0 00 oo 0 iiiiiiiii yy nnnnn ttttt", &LoadStore.Immediate9, InstructionClass.LoadStore),
        new("Load/store (register offset)", "ss 111 0 00 oo 1 mmmmm xxx S 10 nnnnn ttttt", &LoadStore.RegisterOffset, InstructionClass.LoadStore),
        new("Load/store (unsigned offset)", "ss 111 0 01 oo iiiiiiiiiiii nnnnn ttttt", &LoadStore.UnsignedOffset, InstructionClass.LoadStore),

        // ---- Data processing -- register (C4.1.88) ----
        new("Logical (shifted register)", "s oo 01010 hh N mmmmm iiiiii nnnnn ddddd", &DataProcessingRegister.LogicalShifted, InstructionClass.Alu),
        new("ADD/SUB (shifted register)", "s o S 01011 hh 0 mmmmm iiiiii nnnnn ddddd", &DataProcessingRegister.AddSubShifted, InstructionClass.Alu),
        new("ADD/SUB (extended register)", "s o S 01011 00 1 mmmmm xxx iii nnnnn ddddd", &DataProcessingRegister.AddSubExtended, InstructionClass.Alu),
        new("ADC, SBC", "s o S 11010000 mmmmm 000000 nnnnn ddddd", &DataProcessingRegister.AddSubCarry, InstructionClass.Alu),
        new("CCMN, CCMP (register)", "s o 1 11010010 mmmmm cccc 0 0 nnnnn 0 ffff", &DataProcessingRegister.ConditionalCompare, InstructionClass.Alu),
        new("CCMN, CCMP (immediate)", "s o 1 11010010 iiiii cccc 1 0 nnnnn 0 ffff", &DataProcessingRegister.ConditionalCompare, InstructionClass.Alu),
        new("Conditional select", "s o 0 11010100 mmmmm cccc 0 o nnnnn ddddd", &DataProcessingRegister.ConditionalSelect, InstructionClass.Alu),
        new("Data processing (1 source)", "s 1 0 11010110 00000 oooooo nnnnn ddddd", &DataProcessingRegister.DataProcessing1Source, InstructionClass.Alu),
        new("CRC32, CRC32C", "s 0 0 11010110 mmmmm 010 o zz nnnnn ddddd", &Crc32.Execute, InstructionClass.Alu),
        new("UDIV, SDIV", "s 0 0 11010110 mmmmm 00001 o nnnnn ddddd", &DataProcessingRegister.DataProcessing2Source, InstructionClass.Divide),
        new("Data processing (2 source)", "s 0 0 11010110 mmmmm oooooo nnnnn ddddd", &DataProcessingRegister.DataProcessing2Source, InstructionClass.Alu),
        new("Data processing (3 source)", "s 00 11011 ooo mmmmm o aaaaa nnnnn ddddd", &DataProcessingRegister.DataProcessing3Source, InstructionClass.Multiply),
    ];
}
