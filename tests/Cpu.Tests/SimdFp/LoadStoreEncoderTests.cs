using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>The SIMD&amp;FP load/store encoders of A64Assembler.SimdLoadStore.cs against GNU as, and their rows in the decode table.</summary>
public sealed class LoadStoreEncoderTests
{
    public static TheoryData<uint, uint, string> Samples => new()
    {
        { SimdLdr(SimdFpSize.B, 1, 1, 4095), 0x3D7F_FC21, "ldr b1, [x1, #4095]" },
        { SimdLdr(SimdFpSize.H, 2, 1, 2), 0x7D40_0422, "ldr h2, [x1, #2]" },
        { SimdLdr(SimdFpSize.S, 5, 1, 16380), 0xBD7F_FC25, "ldr s5, [x1, #16380]" },
        { SimdLdr(SimdFpSize.D, 30, 31), 0xFD40_03FE, "ldr d30, [sp]" },
        { SimdLdr(SimdFpSize.Q, 9, 1, 65520), 0x3DFF_FC29, "ldr q9, [x1, #65520]" },
        { SimdStr(SimdFpSize.Q, 4, 1, 0x50), 0x3D80_1424, "str q4, [x1, #80]" },
        { SimdStr(SimdFpSize.D, 5, 31, 8), 0xFD00_07E5, "str d5, [sp, #8]" },
        { SimdLdur(SimdFpSize.B, 0, 1, -1), 0x3C5F_F020, "ldur b0, [x1, #-1]" },
        { SimdLdur(SimdFpSize.Q, 4, 1, -16), 0x3CDF_0024, "ldur q4, [x1, #-16]" },
        { SimdStur(SimdFpSize.S, 15, 11, 12), 0xBC00_C16F, "stur s15, [x11, #12]" },
        { SimdLdrPre(SimdFpSize.Q, 5, 2, 16), 0x3CC1_0C45, "ldr q5, [x2, #16]!" },
        { SimdLdrPost(SimdFpSize.D, 6, 3, -8), 0xFC5F_8466, "ldr d6, [x3], #-8" },
        { SimdStrPre(SimdFpSize.H, 14, 31, -2), 0x7C1F_EFEE, "str h14, [sp, #-2]!" },
        { SimdStrPost(SimdFpSize.D, 11, 8, -256), 0xFC10_050B, "str d11, [x8], #-256" },
        { SimdLdrRegister(SimdFpSize.S, 3, 1, 4, Extend.SXTW, true), 0xBC64_D823, "ldr s3, [x1, w4, sxtw #2]" },
        { SimdLdrRegister(SimdFpSize.Q, 5, 1, 2, Extend.UXTX, true), 0x3CE2_7825, "ldr q5, [x1, x2, lsl #4]" },
        { SimdStrRegister(SimdFpSize.S, 14, 31, 5), 0xBC25_6BEE, "str s14, [sp, x5]" },
        { SimdLdrLiteral(SimdFpSize.Q, 3, 0), 0x9C00_0003, "ldr q3, ." },
        { SimdLdrLiteral(SimdFpSize.S, 0, -16), 0x1CFF_FF80, "ldr s0, .-16" },
        { SimdLdp(SimdFpSize.Q, 4, 5, 1, 1008), 0xAD5F_9424, "ldp q4, q5, [x1, #1008]" },
        { SimdLdp(SimdFpSize.S, 8, 9, 2, 8, PairMode.PreIndex), 0x2DC1_2448, "ldp s8, s9, [x2, #8]!" },
        { SimdLdp(SimdFpSize.D, 10, 11, 3, -16, PairMode.PostIndex), 0x6CFF_2C6A, "ldp d10, d11, [x3], #-16" },
        { SimdLdp(SimdFpSize.Q, 16, 17, 1, 32, PairMode.NonTemporal), 0xAC41_4430, "ldnp q16, q17, [x1, #32]" },
        { SimdStp(SimdFpSize.Q, 30, 31, 31, -32, PairMode.PreIndex), 0xADBF_7FFE, "stp q30, q31, [sp, #-32]!" },
        { SimdStp(SimdFpSize.S, 18, 19, 1, 112, PairMode.NonTemporal), 0x2C0E_4C32, "stnp s18, s19, [x1, #112]" },
        { SimdStructures(true, 1, 4, 0, true, 30, 2), 0x4C40_205E, "ld1 {v30.16b, v31.16b, v0.16b, v1.16b}, [x2]" },
        { SimdStructures(true, 1, 4, 3, false, 6, 1), 0x0C40_2C26, "ld1 {v6.1d-v9.1d}, [x1]" },
        { SimdStructures(true, 3, 3, 2, true, 4, 1), 0x4C40_4824, "ld3 {v4.4s-v6.4s}, [x1]" },
        { SimdStructures(true, 2, 2, 2, true, 4, 3, 9), 0x4CC9_8864, "ld2 {v4.4s, v5.4s}, [x3], x9" },
        { SimdStructures(false, 4, 4, 2, false, 16, 31, 31), 0x0C9F_0BF0, "st4 {v16.2s-v19.2s}, [sp], #32" },
        { SimdStructures(false, 1, 2, 3, true, 10, 5, 10), 0x4C8A_ACAA, "st1 {v10.2d, v11.2d}, [x5], x10" },
        { SimdStructureLane(true, 1, 0, 15, 0, 1), 0x4D40_1C20, "ld1 {v0.b}[15], [x1]" },
        { SimdStructureLane(true, 3, 1, 7, 10, 1), 0x4D40_782A, "ld3 {v10.h-v12.h}[7], [x1]" },
        { SimdStructureLane(true, 4, 0, 9, 30, 1), 0x4D60_243E, "ld4 {v30.b, v31.b, v0.b, v1.b}[9], [x1]" },
        { SimdStructureLane(true, 2, 3, 1, 13, 31), 0x4D60_87ED, "ld2 {v13.d, v14.d}[1], [sp]" },
        { SimdStructureLane(false, 3, 2, 1, 31, 1), 0x0D00_B03F, "st3 {v31.s, v0.s, v1.s}[1], [x1]" },
        { SimdStructureLane(false, 4, 2, 3, 6, 4, 10), 0x4DAA_B086, "st4 {v6.s-v9.s}[3], [x4], x10" },
        { SimdStructureLane(false, 1, 1, 0, 17, 31, 31), 0x0D9F_43F1, "st1 {v17.h}[0], [sp], #2" },
        { SimdLoadReplicate(1, 0, true, 0, 1), 0x4D40_C020, "ld1r {v0.16b}, [x1]" },
        { SimdLoadReplicate(3, 3, true, 6, 1), 0x4D40_EC26, "ld3r {v6.2d-v8.2d}, [x1]" },
        { SimdLoadReplicate(4, 2, false, 11, 6, 31), 0x0DFF_E8CB, "ld4r {v11.2s-v14.2s}, [x6], #16" },
        { SimdLoadReplicate(2, 0, true, 15, 7, 9), 0x4DE9_C0EF, "ld2r {v15.16b, v16.16b}, [x7], x9" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Encoder_MatchesGnuAs_AndDecodesToAnFpSimdLoadStoreRow(uint encoded, uint expected, string disassembly)
    {
        Assert.True(encoded == expected, $"{disassembly}: encoder 0x{encoded:x8}, GNU as 0x{expected:x8}");
        Decoding.A64Encoding? row = Decoding.A64Decoder.Instance.Find(encoded);
        Assert.NotNull(row);
        Assert.Equal(Decoding.InstructionClass.LoadStore, row.Class);
        Assert.Equal(Decoding.DifferentialGroup.FpSimd, row.Differential);
    }
}
