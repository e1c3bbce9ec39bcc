using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>LD1-LD4/ST1-ST4 (multiple and single structures), LD1R-LD4R.</summary>
public sealed class LoadStoreStructureTests
{
    private static void SetUpBases(GuestMachine m)
    {
        for (int r = 1; r <= 7; r++)
            m.Core.X[r] = Data + (ulong)r * 0x1000;
        m.Core.X[9] = 0x30;
        m.Core.X[10] = unchecked((ulong)-0x40L);
        m.Core.Sp = Data + 0x9000;
    }

    [Theory]
    [InlineData(0x4C40_7020u, "ld1 {v0.16b}, [x1]")]
    [InlineData(0x0C40_A021u, "ld1 {v1.8b, v2.8b}, [x1]")]
    [InlineData(0x4C40_6823u, "ld1 {v3.4s-v5.4s}, [x1]")]
    [InlineData(0x0C40_2C26u, "ld1 {v6.1d-v9.1d}, [x1]")]
    [InlineData(0x4C40_2C2Au, "ld1 {v10.2d-v13.2d}, [x1]")]
    [InlineData(0x0C40_742Eu, "ld1 {v14.4h}, [x1]")]
    [InlineData(0x4C40_205Eu, "ld1 {v30.16b, v31.16b, v0.16b, v1.16b}, [x2]")]
    [InlineData(0x4C40_8420u, "ld2 {v0.8h, v1.8h}, [x1]")]
    [InlineData(0x0C40_8822u, "ld2 {v2.2s, v3.2s}, [x1]")]
    [InlineData(0x4C40_4824u, "ld3 {v4.4s-v6.4s}, [x1]")]
    [InlineData(0x0C40_4027u, "ld3 {v7.8b-v9.8b}, [x1]")]
    [InlineData(0x4C40_002Au, "ld4 {v10.16b-v13.16b}, [x1]")]
    [InlineData(0x0C40_042Eu, "ld4 {v14.4h-v17.4h}, [x1]")]
    [InlineData(0x4C40_8C32u, "ld2 {v18.2d, v19.2d}, [x1]")]
    [InlineData(0x4C40_0C5Fu, "ld4 {v31.2d, v0.2d, v1.2d, v2.2d}, [x2]")]
    [InlineData(0x0C40_4BFDu, "ld3 {v29.2s-v31.2s}, [sp]")]
    [InlineData(0x4C00_7020u, "st1 {v0.16b}, [x1]")]
    [InlineData(0x0C00_A021u, "st1 {v1.8b, v2.8b}, [x1]")]
    [InlineData(0x4C00_6823u, "st1 {v3.4s-v5.4s}, [x1]")]
    [InlineData(0x0C00_2C3Fu, "st1 {v31.1d, v0.1d, v1.1d, v2.1d}, [x1]")]
    [InlineData(0x4C00_8420u, "st2 {v0.8h, v1.8h}, [x1]")]
    [InlineData(0x0C00_8822u, "st2 {v2.2s, v3.2s}, [x1]")]
    [InlineData(0x4C00_4024u, "st3 {v4.16b-v6.16b}, [x1]")]
    [InlineData(0x0C00_4427u, "st3 {v7.4h-v9.4h}, [x1]")]
    [InlineData(0x4C00_082Au, "st4 {v10.4s-v13.4s}, [x1]")]
    [InlineData(0x0C00_003Eu, "st4 {v30.8b, v31.8b, v0.8b, v1.8b}, [x1]")]
    [InlineData(0x4C00_8C34u, "st2 {v20.2d, v21.2d}, [x1]")]
    [InlineData(0x4CDF_7020u, "ld1 {v0.16b}, [x1], #16")]
    [InlineData(0x0CDF_6041u, "ld1 {v1.8b-v3.8b}, [x2], #24")]
    [InlineData(0x4CC9_8864u, "ld2 {v4.4s, v5.4s}, [x3], x9")]
    [InlineData(0x0CDF_0086u, "ld4 {v6.8b-v9.8b}, [x4], #32")]
    [InlineData(0x4C8A_ACAAu, "st1 {v10.2d, v11.2d}, [x5], x10")]
    [InlineData(0x4C9F_44CCu, "st3 {v12.8h-v14.8h}, [x6], #48")]
    [InlineData(0x0C9F_0BF0u, "st4 {v16.2s-v19.2s}, [sp], #32")]
    public void Multiple_MatchesThePseudocode(uint word, string disassembly)
    {
        GuestMachine m = Prepare(SetUpBases, [word]);
        var reference = new StructureReference(m);
        reference.Multiple(word);
        m.RunToEnd();
        reference.AssertMatches(m, disassembly);
    }

    [Theory]
    [InlineData(0x4D40_1C20u, "ld1 {v0.b}[15], [x1]")]
    [InlineData(0x0D40_0021u, "ld1 {v1.b}[0], [x1]")]
    [InlineData(0x0D40_5822u, "ld1 {v2.h}[3], [x1]")]
    [InlineData(0x4D40_5023u, "ld1 {v3.h}[6], [x1]")]
    [InlineData(0x0D40_9024u, "ld1 {v4.s}[1], [x1]")]
    [InlineData(0x4D40_8025u, "ld1 {v5.s}[2], [x1]")]
    [InlineData(0x0D40_8426u, "ld1 {v6.d}[0], [x1]")]
    [InlineData(0x4D40_8427u, "ld1 {v7.d}[1], [x1]")]
    [InlineData(0x4D60_9028u, "ld2 {v8.s, v9.s}[3], [x1]")]
    [InlineData(0x4D40_782Au, "ld3 {v10.h-v12.h}[7], [x1]")]
    [InlineData(0x4D60_243Eu, "ld4 {v30.b, v31.b, v0.b, v1.b}[9], [x1]")]
    [InlineData(0x4D60_87EDu, "ld2 {v13.d, v14.d}[1], [sp]")]
    [InlineData(0x0D60_A02Fu, "ld4 {v15.s-v18.s}[0], [x1]")]
    [InlineData(0x4D00_1420u, "st1 {v0.b}[13], [x1]")]
    [InlineData(0x4D00_4821u, "st1 {v1.h}[5], [x1]")]
    [InlineData(0x4D00_9022u, "st1 {v2.s}[3], [x1]")]
    [InlineData(0x4D00_8423u, "st1 {v3.d}[1], [x1]")]
    [InlineData(0x0D20_1C24u, "st2 {v4.b, v5.b}[7], [x1]")]
    [InlineData(0x0D00_B03Fu, "st3 {v31.s, v0.s, v1.s}[1], [x1]")]
    [InlineData(0x0D20_7026u, "st4 {v6.h-v9.h}[2], [x1]")]
    [InlineData(0x0D20_A7EAu, "st4 {v10.d-v13.d}[0], [sp]")]
    [InlineData(0x4D40_C020u, "ld1r {v0.16b}, [x1]")]
    [InlineData(0x0D40_C421u, "ld1r {v1.4h}, [x1]")]
    [InlineData(0x0D40_C822u, "ld1r {v2.2s}, [x1]")]
    [InlineData(0x0D40_CC23u, "ld1r {v3.1d}, [x1]")]
    [InlineData(0x4D60_C824u, "ld2r {v4.4s, v5.4s}, [x1]")]
    [InlineData(0x4D40_EC26u, "ld3r {v6.2d-v8.2d}, [x1]")]
    [InlineData(0x0D60_E03Eu, "ld4r {v30.8b, v31.8b, v0.8b, v1.8b}, [x1]")]
    [InlineData(0x4D60_E7E9u, "ld4r {v9.8h-v12.8h}, [sp]")]
    [InlineData(0x0DDF_9020u, "ld1 {v0.s}[1], [x1], #4")]
    [InlineData(0x0DC9_3041u, "ld3 {v1.b-v3.b}[4], [x2], x9")]
    [InlineData(0x4DBF_8464u, "st2 {v4.d, v5.d}[1], [x3], #16")]
    [InlineData(0x4DAA_B086u, "st4 {v6.s-v9.s}[3], [x4], x10")]
    [InlineData(0x4DDF_C4AAu, "ld1r {v10.8h}, [x5], #2")]
    [InlineData(0x0DFF_E8CBu, "ld4r {v11.2s-v14.2s}, [x6], #16")]
    [InlineData(0x4DE9_C0EFu, "ld2r {v15.16b, v16.16b}, [x7], x9")]
    [InlineData(0x0D9F_43F1u, "st1 {v17.h}[0], [sp], #2")]
    public void Single_MatchesThePseudocode(uint word, string disassembly)
    {
        GuestMachine m = Prepare(SetUpBases, [word]);
        var reference = new StructureReference(m);
        reference.Single(word);
        m.RunToEnd();
        reference.AssertMatches(m, disassembly);
    }

    [Fact]
    public void Ld2_DeinterleavesHalfwords()
    {
        GuestMachine m = Run(
            mm =>
            {
                for (ushort i = 0; i < 16; i++)
                    mm.Write16(Data + 2UL * i, (ushort)(0x100 + i));
                mm.Core.X[1] = Data;
            },
            0x4C40_8420); // ld2 {v0.8h, v1.8h}, [x1]
        AssertV(m, 0, 0x0106_0104_0102_0100, 0x010E_010C_010A_0108);
        AssertV(m, 1, 0x0107_0105_0103_0101, 0x010F_010D_010B_0109);
    }

    [Fact]
    public void St3_InterleavesBytes_Ld3_ReadsThemBack()
    {
        GuestMachine m = Run(
            mm =>
            {
                mm.Core.SetV(4, 0x0706_0504_0302_0100, 0x0F0E_0D0C_0B0A_0908);
                mm.Core.SetV(5, 0x1716_1514_1312_1110, 0x1F1E_1D1C_1B1A_1918);
                mm.Core.SetV(6, 0x2726_2524_2322_2120, 0x2F2E_2D2C_2B2A_2928);
                mm.Core.X[1] = Data;
            },
            0x4C00_4024, // st3 {v4.16b-v6.16b}, [x1]
            0x4CDF_4027); // ld3 {v7.16b-v9.16b}, [x1], #48
        Assert.Equal(0x1202_2111_0120_1000UL, m.Read64(Data));
        Assert.Equal(0x2F1F_0F2E_1E0E_2D1DUL, m.Read64(Data + 40));
        AssertV(m, 7, 0x0706_0504_0302_0100, 0x0F0E_0D0C_0B0A_0908);
        AssertV(m, 8, 0x1716_1514_1312_1110, 0x1F1E_1D1C_1B1A_1918);
        AssertV(m, 9, 0x2726_2524_2322_2120, 0x2F2E_2D2C_2B2A_2928);
        Assert.Equal(Data + 48, m.X(1));
    }

    [Fact]
    public void Ld1Lane_KeepsTheOtherLanes_Ld1R_Replicates()
    {
        GuestMachine m = Run(
            mm =>
            {
                mm.Write32(Data, 0xCAFE_F00D);
                mm.Core.X[1] = Data;
            },
            0x0D40_9024, // ld1 {v4.s}[1], [x1]
            0x0D40_C822, // ld1r {v2.2s}, [x1]
            0x4D40_C020); // ld1r {v0.16b}, [x1]
        AssertV(m, 4, 0xCAFE_F00D_A3A2_A104, Initial(4).High);
        AssertV(m, 2, 0xCAFE_F00D_CAFE_F00D, 0);
        AssertV(m, 0, 0x0D0D_0D0D_0D0D_0D0D, 0x0D0D_0D0D_0D0D_0D0D);
    }

    [Fact]
    public void Ld1_ByteElements_AtAnOddAddress_AreElementAligned()
    {
        // With the MMU off memory is Device: only the element size must be aligned.
        GuestMachine m = Run(mm => mm.Core.X[1] = Data + 1, 0x4C40_7020); // ld1 {v0.16b}, [x1]
        AssertVPattern(m, 0, 1, 16);
    }

    [Fact]
    public void Ld1_DoublewordElements_Misaligned_TakeAnAlignmentFault()
    {
        GuestMachine m = Prepare(mm => mm.Core.X[1] = Data + 4, [0x4CDF_7C20]); // ld1 {v0.2d}, [x1], #16
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, m.ExceptionClass);
        Assert.Equal(0x21UL, m.Esr & 0x3F); // alignment fault
        Assert.Equal(Data + 4, m.Far);
        Assert.Equal(Data + 4, m.X(1));
        AssertVUnchanged(m);
    }

    [Fact]
    public void Ld4_FaultOnTheLastElement_WritesNoRegisterAndNoBase()
    {
        const ulong End = GuestMachine.RamBase + GuestMachine.RamSize;
        GuestMachine m = Prepare(mm => mm.Core.X[4] = End - 30, [0x0CDF_0086]); // ld4 {v6.8b-v9.8b}, [x4], #32 (32 bytes, the last two outside RAM)
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, m.ExceptionClass);
        Assert.Equal(End, m.Far);
        Assert.Equal(End - 30, m.X(4));
        AssertVUnchanged(m);
    }

    [Fact]
    public void St1_FaultPartWay_WritesTheEarlierElementsAndNoBase()
    {
        const ulong End = GuestMachine.RamBase + GuestMachine.RamSize;
        GuestMachine m = Prepare(mm => mm.Core.X[1] = End - 16, [0x4C9F_A020]); // st1 {v0.16b, v1.16b}, [x1], #32
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, m.ExceptionClass);
        Assert.Equal(End, m.Far);
        Assert.Equal(End - 16, m.X(1));
        Assert.Equal(Initial(0).Low, m.Read64(End - 16));
    }

    [Theory]
    [InlineData(0x4C40_1020u, "LD/ST multiple opcode 0001")]
    [InlineData(0x4C40_B020u, "LD/ST multiple opcode 1011")]
    [InlineData(0x0C40_8C20u, "ld2 {v0.1d, v1.1d}")]
    [InlineData(0x0C40_4C20u, "ld3 .1d")]
    [InlineData(0x0C00_0C20u, "st4 .1d")]
    [InlineData(0x0CDF_8C20u, "ld2 .1d, post-index")]
    [InlineData(0x4C41_7020u, "ld1 {v0.16b}, [x1] with bit 16 set (no-offset form, Rm must be 0)")]
    [InlineData(0x4C60_7020u, "ld1 {v0.16b}, [x1] with bit 21 set")]
    [InlineData(0x4D41_C020u, "ld1r no-offset with bit 16 set")]
    [InlineData(0x4D00_C020u, "st1r (replicate store)")]
    [InlineData(0x4D40_D020u, "ld1r with S = 1")]
    [InlineData(0x4D40_4420u, "ld1 .h lane with size<0> = 1")]
    [InlineData(0x4D40_8820u, "ld1 .s lane with size<1> = 1")]
    [InlineData(0x4D40_9420u, "ld1 .d lane with S = 1")]
    public void UnallocatedEncodings_AreUndefined(uint word, string what)
    {
        _ = what;
        AssertUndefined(word, mm => mm.Core.X[1] = Data);
    }

    [Theory]
    [InlineData(0x4C40_7020u)] // ld1 {v0.16b}, [x1]
    [InlineData(0x0C9F_0BF0u)] // st4 {v16.2s-v19.2s}, [sp], #32
    [InlineData(0x4D40_C020u)] // ld1r {v0.16b}, [x1]
    [InlineData(0x4D00_1420u)] // st1 {v0.b}[13], [x1]
    public void WithFpDisabled_TrapsWithEc7(uint word) =>
        AssertFpTrap(word, SetUpBases);

    [Theory]
    [InlineData(0x0C40_8C20u)] // ld2 {v0.1d, v1.1d}: decode-time UNDEFINED comes before the access check
    [InlineData(0x4D00_C020u)] // st1r
    [InlineData(0xED40_0400u)] // ldp opc 11
    [InlineData(0x7DC0_0020u)] // ldr size 01 opc 11
    public void Unallocated_WithFpDisabled_IsStillUndefined(uint word)
    {
        GuestMachine m = Prepare(mm => mm.Core.X[1] = Data, [word], fpEnabled: false);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    [Theory]
    [InlineData(0x4C40_73E0u)] // ld1 {v0.16b}, [sp]
    [InlineData(0x4D40_C3E0u)] // ld1r {v0.16b}, [sp]
    [InlineData(0x3DC0_03E0u)] // ldr q0, [sp]
    [InlineData(0xAD40_07E0u)] // ldp q0, q1, [sp]
    public void SpBase_Misaligned_WithSctlrSa_TakesAnSpAlignmentFault(uint word)
    {
        GuestMachine m = Prepare(mm =>
        {
            mm.Core.Sp = Data + 8;
            mm.Core.Sys.SCTLR_EL1 |= 1UL << 3; // SA
        }, [word]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x26u, m.ExceptionClass);
        AssertVUnchanged(m);
    }
}
