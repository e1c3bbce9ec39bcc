using Emulator.Cpu.Instructions;
using Emulator.Cpu.Instructions.SimdFp;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of SIMD&amp;FP loads and stores (C4.1.85, V = 1).</summary>
    private static A64Encoding[] SimdFpLoadStoreRows() =>
    [
        new(A64Op.SimdLoadStoreMultiple, "LD1-LD4, ST1-ST4 (multiple structures)", "0 q 0011000 L 000000 oooo zz nnnnn ttttt", &StructureLoadStore.Multiple, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdLoadStoreMultiplePostIndex, "LD1-LD4, ST1-ST4 (multiple structures, post-index)", "0 q 0011001 L 0 mmmmm oooo zz nnnnn ttttt", &StructureLoadStore.Multiple, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdLoadStoreSingle, "LD1-LD4, ST1-ST4 (single structure), LD1R-LD4R", "0 q 0011010 L R 00000 ooo S zz nnnnn ttttt", &StructureLoadStoreSingle.Single, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdLoadStoreSinglePostIndex, "LD1-LD4, ST1-ST4 (single structure), LD1R-LD4R (post-index)", "0 q 0011011 L R mmmmm ooo S zz nnnnn ttttt", &StructureLoadStoreSingle.Single, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFpLoadLiteral, "LDR (literal, SIMD&FP)", "oo 011 1 00 iiiiiiiiiiiiiiiiiii ttttt", &SimdFpLoadStore.Literal, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFpLoadStorePair, "LDP/STP, LDNP/STNP (SIMD&FP)", "oo 101 1 0yy L iiiiiii uuuuu nnnnn ttttt", &SimdFpLoadStorePair.Pair, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFpLoadStoreImmediate9, "LDR/STR (SIMD&FP, imm9), LDUR/STUR (SIMD&FP)", "ss 111 1 00 oo 0 iiiiiiiii yy nnnnn ttttt", &SimdFpLoadStore.Immediate9, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFpLoadStoreRegisterOffset, "LDR/STR (register, SIMD&FP)", "ss 111 1 00 oo 1 mmmmm xxx S 10 nnnnn ttttt", &SimdFpLoadStore.RegisterOffset, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
        new(A64Op.SimdFpLoadStoreUnsignedOffset, "LDR/STR (SIMD&FP, unsigned offset)", "ss 111 1 01 oo iiiiiiiiiiii nnnnn ttttt", &SimdFpLoadStore.UnsignedOffset, InstructionClass.LoadStore, RowTraits.None, DifferentialGroup.FpSimd),
    ];
}
