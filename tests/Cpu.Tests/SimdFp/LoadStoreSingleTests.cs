using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>LDR/STR (SIMD&amp;FP) of B, H, S, D, Q in every addressing mode, LDUR/STUR, LDR (literal).</summary>
public sealed class LoadStoreSingleTests
{
    /// <summary>Checks the bytes V[n]'s low <paramref name="bytes"/> bytes were stored at address, and the byte before and after still hold the pattern.</summary>
    private static void AssertStored(GuestMachine m, ulong address, int n, int bytes)
    {
        (ulong low, ulong high) = (m.Core.GetVLow((uint)n), m.Core.GetVHigh((uint)n));
        byte[] got = m.ReadBytes(address - 1, bytes + 2);
        Assert.Equal(Pattern(address - 1 - Data), got[0]);
        Assert.Equal(Pattern(address + (ulong)bytes - Data), got[bytes + 1]);
        for (int i = 0; i < bytes; i++)
        {
            byte expected = (byte)((i < 8 ? low >> (8 * i) : high >> (8 * (i - 8))) & 0xFF);
            Assert.True(expected == got[i + 1], $"V{n} byte {i} at 0x{address + (ulong)i:x}: expected 0x{expected:x2}, got 0x{got[i + 1]:x2}");
        }
    }

    [Fact]
    public void Ldr_UnsignedOffset_AllSizes_ClearTheRestOfTheRegister()
    {
        GuestMachine m = Run(
            mm =>
            {
                mm.Core.X[1] = Data;
                mm.Core.Sp = Data + 0x100;
            },
            0x3D40_0020, // ldr b0, [x1]
            0x3D7F_FC21, // ldr b1, [x1, #4095]
            0x7D40_0422, // ldr h2, [x1, #2]
            0x7D7F_FC23, // ldr h3, [x1, #8190]
            0xBD40_0424, // ldr s4, [x1, #4]
            0xBD7F_FC25, // ldr s5, [x1, #16380]
            0xFD40_0426, // ldr d6, [x1, #8]
            0xFD7F_FC27, // ldr d7, [x1, #32760]
            0x3DC0_0428, // ldr q8, [x1, #16]
            0x3DFF_FC29, // ldr q9, [x1, #65520]
            0x3DC0_0BFF, // ldr q31, [sp, #32]
            0xFD40_03FE); // ldr d30, [sp]
        AssertV(m, 0, 0x31, 0); // Pattern(0)
        AssertVPattern(m, 1, 4095, 1);
        AssertVPattern(m, 2, 2, 2);
        AssertVPattern(m, 3, 8190, 2);
        AssertVPattern(m, 4, 4, 4);
        AssertVPattern(m, 5, 16380, 4);
        AssertVPattern(m, 6, 8, 8);
        AssertVPattern(m, 7, 32760, 8);
        AssertVPattern(m, 8, 16, 16);
        AssertVPattern(m, 9, 65520, 16);
        AssertVPattern(m, 31, 0x120, 16);
        AssertVPattern(m, 30, 0x100, 8);
        AssertV(m, 10, Initial(10).Low, Initial(10).High);
        Assert.Equal(Data, m.X(1));
    }

    [Fact]
    public void Str_UnsignedOffset_AllSizes_WriteOnlyTheirBytes()
    {
        const ulong Base = Data + 0x1000;
        GuestMachine m = Run(
            mm =>
            {
                mm.Core.X[1] = Base;
                mm.Core.Sp = Data + 0x200;
            },
            0x3D00_0020, // str b0, [x1]
            0x7D00_2421, // str h1, [x1, #18]
            0xBD00_2422, // str s2, [x1, #36]
            0xFD00_1C23, // str d3, [x1, #56]
            0x3D80_1424, // str q4, [x1, #80]
            0x3DBF_FC3F, // str q31, [x1, #65520]
            0xFD00_07E5); // str d5, [sp, #8]
        Assert.Equal(0x00, m.Read8(Base)); // V0 byte 0 is the register number
        AssertStored(m, Base, 0, 1);
        AssertStored(m, Base + 18, 1, 2);
        AssertStored(m, Base + 36, 2, 4);
        AssertStored(m, Base + 56, 3, 8);
        Assert.Equal(0xA7A6_A5A4_A3A2_A103UL, m.Read64(Base + 56));
        AssertStored(m, Base + 80, 4, 16);
        Assert.Equal(0xAFAE_ADAC_ABAA_A9A8UL + (4UL << 56), m.Read64(Base + 88));
        AssertStored(m, Base + 65520, 31, 16);
        AssertStored(m, Data + 0x208, 5, 8);
        AssertVUnchanged(m);
    }

    [Fact]
    public void Immediate9_UnscaledPreAndPostIndex_LoadStoreAndWriteBack()
    {
        const ulong Base = Data + 0x1000;
        GuestMachine m = Run(
            mm =>
            {
                for (int r = 1; r <= 11; r++)
                    mm.Core.X[r] = Base + (ulong)r * 0x400;
                mm.Core.Sp = Data + 0x4000;
            },
            0x3C5F_F020, // ldur b0, [x1, #-1]
            0x7C4F_E021, // ldur h1, [x1, #254]
            0xBC50_0022, // ldur s2, [x1, #-256]
            0xFC4F_8023, // ldur d3, [x1, #248]
            0x3CDF_0024, // ldur q4, [x1, #-16]
            0x3CC1_0C45, // ldr q5, [x2, #16]!
            0xFC5F_8466, // ldr d6, [x3], #-8
            0xBC5F_CC87, // ldr s7, [x4, #-4]!
            0x7C40_24A8, // ldr h8, [x5], #2
            0x3C4F_FCC9, // ldr b9, [x6, #255]!
            0x3C9E_00EA, // stur q10, [x7, #-32]
            0xFC10_050B, // str d11, [x8], #-256
            0x3C91_0D2C, // str q12, [x9, #-240]!
            0x3C00_154D, // str b13, [x10], #1
            0x7C1F_EFEE, // str h14, [sp, #-2]!
            0xBC00_C16F); // stur s15, [x11, #12]
        ulong b(int r) => Base + (ulong)r * 0x400 - Data; // a base register's offset in the pattern
        AssertVPattern(m, 0, b(1) - 1, 1);
        AssertVPattern(m, 1, b(1) + 254, 2);
        AssertVPattern(m, 2, b(1) - 256, 4);
        AssertVPattern(m, 3, b(1) + 248, 8);
        AssertVPattern(m, 4, b(1) - 16, 16);
        AssertVPattern(m, 5, b(2) + 16, 16);
        AssertVPattern(m, 6, b(3), 8);
        AssertVPattern(m, 7, b(4) - 4, 4);
        AssertVPattern(m, 8, b(5), 2);
        AssertVPattern(m, 9, b(6) + 255, 1);
        Assert.Equal(Base + 0x400, m.X(1)); // unscaled: no writeback
        Assert.Equal(Data + b(2) + 16, m.X(2));
        Assert.Equal(Data + b(3) - 8, m.X(3));
        Assert.Equal(Data + b(4) - 4, m.X(4));
        Assert.Equal(Data + b(5) + 2, m.X(5));
        Assert.Equal(Data + b(6) + 255, m.X(6));
        AssertStored(m, Data + b(7) - 32, 10, 16);
        Assert.Equal(Data + b(7), m.X(7));
        AssertStored(m, Data + b(8), 11, 8);
        Assert.Equal(Data + b(8) - 256, m.X(8));
        AssertStored(m, Data + b(9) - 240, 12, 16);
        Assert.Equal(Data + b(9) - 240, m.X(9));
        AssertStored(m, Data + b(10), 13, 1);
        Assert.Equal(Data + b(10) + 1, m.X(10));
        AssertStored(m, Data + 0x4000 - 2, 14, 2);
        Assert.Equal(Data + 0x4000 - 2, m.Sp);
        AssertStored(m, Data + b(11) + 12, 15, 4);
        Assert.Equal(Data + b(11), m.X(11));
    }

    [Fact]
    public void RegisterOffset_EveryExtendAndShift()
    {
        const ulong Base = Data + 0x1000;
        GuestMachine m = Run(
            mm =>
            {
                mm.Core.X[1] = Base;
                mm.Core.X[2] = 3;
                mm.Core.X[3] = 0xFFFF_FFFF_0000_0010; // uxtw: 0x10
                mm.Core.X[4] = 0x0000_0000_FFFF_FFF8; // sxtw: -8
                mm.Core.X[5] = 4;
                mm.Core.X[6] = 0xFFFF_FFFF_FFFF_FFF0; // -16
                mm.Core.Sp = Data + 0x8000;
            },
            0x3C62_6820, // ldr b0, [x1, x2]
            0x3C63_4821, // ldr b1, [x1, w3, uxtw]
            0x7C62_7822, // ldr h2, [x1, x2, lsl #1]
            0xBC64_D823, // ldr s3, [x1, w4, sxtw #2]
            0xFC65_F824, // ldr d4, [x1, x5, sxtx #3]
            0x3CE2_7825, // ldr q5, [x1, x2, lsl #4]
            0x3CE3_4826, // ldr q6, [x1, w3, uxtw]
            0x3C62_7827, // ldr b7, [x1, x2, lsl #0]
            0xFC64_C828, // ldr d8, [x1, w4, sxtw]
            0xBC65_7829, // ldr s9, [x1, x5, lsl #2]
            0x3CA6_782A, // str q10, [x1, x6, lsl #4]
            0xFC24_D82B, // str d11, [x1, w4, sxtw #3]
            0x3C22_782C, // str b12, [x1, x2, lsl #0]
            0x7C23_582D, // str h13, [x1, w3, uxtw #1]
            0xBC25_6BEE); // str s14, [sp, x5]
        const ulong B = Base - Data;
        AssertVPattern(m, 0, B + 3, 1);
        AssertVPattern(m, 1, B + 0x10, 1);
        AssertVPattern(m, 2, B + 6, 2);
        AssertVPattern(m, 3, B - 32, 4);
        AssertVPattern(m, 4, B + 32, 8);
        AssertVPattern(m, 5, B + 48, 16);
        AssertVPattern(m, 6, B + 0x10, 16);
        AssertVPattern(m, 7, B + 3, 1);
        AssertVPattern(m, 8, B - 8, 8);
        AssertVPattern(m, 9, B + 16, 4);
        AssertStored(m, Base - 256, 10, 16);
        AssertStored(m, Base - 64, 11, 8);
        AssertStored(m, Base + 3, 12, 1);
        AssertStored(m, Base + 0x20, 13, 2);
        AssertStored(m, Data + 0x8004, 14, 4);
        Assert.Equal(Base, m.X(1));
    }

    [Fact]
    public void Literal_S_D_Q_ForwardAndBackward()
    {
        GuestMachine m = Run(
            null,
            0x1400_0008, // b 20
            0xD503_201F, // nop
            0xD503_201F, // nop
            0xD503_201F, // nop
            0x1122_3344, // .word (at 0x10)
            0x5566_7788, // .word
            0x99AA_BBCC, // .word
            0xDDEE_FF00, // .word
            0x1CFF_FF80, // ldr s0, 10
            0x5CFF_FF61, // ldr d1, 10
            0x9CFF_FF42, // ldr q2, 10
            0x9C00_00A3, // ldr q3, 40
            0x1C00_00E4, // ldr s4, 4c
            0x5C00_00A5, // ldr d5, 48
            0x1400_0006, // b 50
            0xD503_201F, // nop
            0x0102_0304, // .word (at 0x40)
            0x0506_0708, // .word
            0x090A_0B0C, // .word
            0x0D0E_0F10, // .word
            0xD503_201F); // nop
        AssertV(m, 0, 0x1122_3344, 0);
        AssertV(m, 1, 0x5566_7788_1122_3344, 0);
        AssertV(m, 2, 0x5566_7788_1122_3344, 0xDDEE_FF00_99AA_BBCC);
        AssertV(m, 3, 0x0506_0708_0102_0304, 0x0D0E_0F10_090A_0B0C);
        AssertV(m, 4, 0x0D0E_0F10, 0);
        AssertV(m, 5, 0x0D0E_0F10_090A_0B0C, 0);
    }

    [Theory]
    [InlineData(0x7DC0_0020u, "ldr (unsigned offset) size 01 opc 11")]
    [InlineData(0xFD80_0020u, "str (unsigned offset) size 11 opc 10")]
    [InlineData(0x3C40_0820u, "ldr b0 imm9 type 10 (no unprivileged SIMD&FP form)")]
    [InlineData(0xBCC0_0420u, "ldr (post-index) size 10 opc 11")]
    [InlineData(0x3C62_2820u, "ldr b0, [x1, x2] option 001")]
    [InlineData(0x3C62_D820u, "ldr b0, [x1, x2] option 110 is sxtw: allowed")]
    [InlineData(0xDC00_0000u, "ldr (literal) opc 11")]
    public void UnallocatedEncodings_AreUndefined(uint word, string what)
    {
        if (what.EndsWith("allowed", StringComparison.Ordinal))
        {
            GuestMachine m = Run(mm => mm.Core.X[1] = Data, word);
            AssertVPattern(m, 0, 0, 1);
            return;
        }
        AssertUndefined(word, mm => mm.Core.X[1] = Data);
    }

    [Theory]
    [InlineData(0x3DC0_0020u)] // ldr q0, [x1]
    [InlineData(0x3D00_0020u)] // str b0, [x1]
    [InlineData(0x3C5F_F020u)] // ldur b0, [x1, #-1]
    [InlineData(0x3CE2_7825u)] // ldr q5, [x1, x2, lsl #4]
    [InlineData(0x9C00_0003u)] // ldr q3, .
    public void WithFpDisabled_TrapsWithEc7(uint word) =>
        AssertFpTrap(word, mm => mm.Core.X[1] = Data);

    /// <summary>An MMU-on guest (RAM identity-mapped as Normal memory) with FP enabled, the pattern and V registers set, running <paramref name="code"/>.</summary>
    private static GuestMachine MmuGuestWith(Action<GuestMachine> setup, ulong extraSctlr, params uint[] code)
    {
        var g = new Mmu.MmuGuest();
        g.Load([.. code, GuestMachine.EndMarker], extraSctlr: extraSctlr);
        GuestMachine m = g.Machine;
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        byte[] pattern = new byte[PatternLength];
        for (int k = 0; k < pattern.Length; k++)
            pattern[k] = Pattern((ulong)k);
        m.WriteBytes(Data, pattern);
        for (int n = 0; n < 32; n++)
            m.Core.SetV((uint)n, Initial(n).Low, Initial(n).High);
        setup(m);
        return m;
    }

    [Fact]
    public void Q_Load_FaultOnTheHighHalf_WritesNoRegisterAndNoBase()
    {
        const ulong End = GuestMachine.RamBase + GuestMachine.RamSize;
        // Normal memory, SCTLR_EL1.A = 0: a Q access need not be aligned; its high half is outside the mapped RAM.
        GuestMachine m = MmuGuestWith(mm => mm.Core.X[1] = End - 8 - 16, 0,
            0x3CC1_0C20); // ldr q0, [x1, #16]!
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, m.ExceptionClass); // data abort, same EL
        Assert.Equal(End, m.Far);
        Assert.Equal(End - 8 - 16, m.X(1));
        AssertVUnchanged(m);
    }

    [Fact]
    public void Q_Access_NormalMemory_NeedNotBeAligned()
    {
        GuestMachine m = MmuGuestWith(
            mm =>
            {
                mm.Core.X[1] = Data + 8;
                mm.Core.X[2] = Data + 0x1004;
            }, 0,
            0x3DC0_0020, // ldr q0, [x1]
            0x3DC0_0041, // ldr q1, [x2]
            0x3D80_0442); // str q2, [x2, #16]
        m.RunToEnd();
        AssertVPattern(m, 0, 8, 16);
        AssertVPattern(m, 1, 0x1004, 16);
        Assert.Equal(Initial(2).Low, m.Read64(Data + 0x1014));
        Assert.Equal(Initial(2).High, m.Read64(Data + 0x101C));
    }

    [Theory]
    [InlineData(0x3DC0_0020u, false)] // ldr q0, [x1]
    [InlineData(0x3D80_0020u, false)] // str q0, [x1]
    [InlineData(0xAD40_0420u, false)] // ldp q0, q1, [x1]
    [InlineData(0x3DC0_0020u, true)]
    [InlineData(0xAC81_0420u, true)] // stp q0, q1, [x1], #32
    public void Q_Access_NotAlignedTo16_TakesAnAlignmentFault_WhenSctlrAOrDevice(uint word, bool mmuWithSctlrA)
    {
        GuestMachine m;
        if (mmuWithSctlrA)
        {
            m = MmuGuestWith(mm => mm.Core.X[1] = Data + 8, 2, word); // SCTLR_EL1.A
        }
        else
        {
            m = Prepare(mm => mm.Core.X[1] = Data + 8, [word]); // MMU off: Device memory
            m.InstallHvcVectors();
        }
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, m.ExceptionClass);
        Assert.Equal(0x21UL, m.Esr & 0x3F); // alignment fault
        Assert.Equal(Data + 8, m.Far);
        Assert.Equal(Data + 8, m.X(1));
        Assert.Equal(PatternValue(8, 8), m.Read64(Data + 8));
        AssertVUnchanged(m);
    }
}
