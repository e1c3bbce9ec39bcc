using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>LDP/STP, LDNP/STNP (SIMD&amp;FP) of S, D, Q in every index mode.</summary>
public sealed class LoadStorePairTests
{
    private static void AssertStored(GuestMachine m, ulong address, int n, int bytes)
    {
        ulong low = m.Core.GetVLow((uint)n), high = m.Core.GetVHigh((uint)n);
        if (bytes < 8)
            Assert.Equal(low & ((1UL << (8 * bytes)) - 1), bytes == 4 ? m.Read32(address) : m.Read64(address));
        else
            Assert.Equal(low, m.Read64(address));
        if (bytes == 16)
            Assert.Equal(high, m.Read64(address + 8));
    }

    [Fact]
    public void Ldp_AllSizesAndIndexModes()
    {
        const ulong Base = Data + 0x2000;
        GuestMachine m = Run(
            mm =>
            {
                for (int r = 1; r <= 5; r++)
                    mm.Core.X[r] = Base + (ulong)r * 0x800;
                mm.Core.Sp = Data + 0x8000;
            },
            0x2D40_0420, // ldp s0, s1, [x1]
            0x6D7F_8C22, // ldp d2, d3, [x1, #-8]
            0xAD5F_9424, // ldp q4, q5, [x1, #1008]
            0xAD60_1C26, // ldp q6, q7, [x1, #-1024]
            0x2DC1_2448, // ldp s8, s9, [x2, #8]!
            0x6CFF_2C6A, // ldp d10, d11, [x3], #-16
            0xADC1_348C, // ldp q12, q13, [x4, #32]!
            0xACFE_BCAE, // ldp q14, q15, [x5], #-48
            0xAC41_4430, // ldnp q16, q17, [x1, #32]
            0x6C40_CC32, // ldnp d18, d19, [x1, #8]
            0x2C40_D434, // ldnp s20, s21, [x1, #4]
            0xADFF_7FFE); // ldp q30, q31, [sp, #-32]!
        ulong b(int r) => Base + (ulong)r * 0x800 - Data;
        AssertVPattern(m, 0, b(1), 4);
        AssertVPattern(m, 1, b(1) + 4, 4);
        AssertVPattern(m, 2, b(1) - 8, 8);
        AssertVPattern(m, 3, b(1), 8);
        AssertVPattern(m, 4, b(1) + 1008, 16);
        AssertVPattern(m, 5, b(1) + 1024, 16);
        AssertVPattern(m, 6, b(1) - 1024, 16);
        AssertVPattern(m, 7, b(1) - 1008, 16);
        AssertVPattern(m, 8, b(2) + 8, 4);
        AssertVPattern(m, 9, b(2) + 12, 4);
        AssertVPattern(m, 10, b(3), 8);
        AssertVPattern(m, 11, b(3) + 8, 8);
        AssertVPattern(m, 12, b(4) + 32, 16);
        AssertVPattern(m, 13, b(4) + 48, 16);
        AssertVPattern(m, 14, b(5), 16);
        AssertVPattern(m, 15, b(5) + 16, 16);
        AssertVPattern(m, 16, b(1) + 32, 16);
        AssertVPattern(m, 17, b(1) + 48, 16);
        AssertVPattern(m, 18, b(1) + 8, 8);
        AssertVPattern(m, 19, b(1) + 16, 8);
        AssertVPattern(m, 20, b(1) + 4, 4);
        AssertVPattern(m, 21, b(1) + 8, 4);
        AssertVPattern(m, 30, 0x8000 - 32, 16);
        AssertVPattern(m, 31, 0x8000 - 16, 16);
        Assert.Equal(Data + b(1), m.X(1));
        Assert.Equal(Data + b(2) + 8, m.X(2));
        Assert.Equal(Data + b(3) - 16, m.X(3));
        Assert.Equal(Data + b(4) + 32, m.X(4));
        Assert.Equal(Data + b(5) - 48, m.X(5));
        Assert.Equal(Data + 0x8000 - 32, m.Sp);
        AssertV(m, 22, Initial(22).Low, Initial(22).High);
    }

    [Fact]
    public void Stp_AllSizesAndIndexModes()
    {
        const ulong Base = Data + 0x2000;
        GuestMachine m = Run(
            mm =>
            {
                for (int r = 1; r <= 5; r++)
                    mm.Core.X[r] = Base + (ulong)r * 0x800;
                mm.Core.Sp = Data + 0x8000;
            },
            0x2D00_0420, // stp s0, s1, [x1]
            0x6D01_0C22, // stp d2, d3, [x1, #16]
            0xAD01_1424, // stp q4, q5, [x1, #32]
            0x2DBF_1C46, // stp s6, s7, [x2, #-8]!
            0x6C81_2468, // stp d8, d9, [x3], #16
            0xADBF_2C8A, // stp q10, q11, [x4, #-32]!
            0xAC9F_B4AC, // stp q12, q13, [x5], #1008
            0xAC02_3C2E, // stnp q14, q15, [x1, #64]
            0x6C06_4430, // stnp d16, d17, [x1, #96]
            0x2C0E_4C32, // stnp s18, s19, [x1, #112]
            0xADBF_7FFE); // stp q30, q31, [sp, #-32]!
        ulong a(int r) => Base + (ulong)r * 0x800;
        AssertStored(m, a(1), 0, 4);
        AssertStored(m, a(1) + 4, 1, 4);
        Assert.Equal(0xA3A2_A101_A3A2_A100UL, m.Read64(a(1))); // S1:S0
        AssertStored(m, a(1) + 16, 2, 8);
        AssertStored(m, a(1) + 24, 3, 8);
        AssertStored(m, a(1) + 32, 4, 16);
        AssertStored(m, a(1) + 48, 5, 16);
        AssertStored(m, a(2) - 8, 6, 4);
        AssertStored(m, a(2) - 4, 7, 4);
        AssertStored(m, a(3), 8, 8);
        AssertStored(m, a(3) + 8, 9, 8);
        AssertStored(m, a(4) - 32, 10, 16);
        AssertStored(m, a(4) - 16, 11, 16);
        AssertStored(m, a(5), 12, 16);
        AssertStored(m, a(5) + 16, 13, 16);
        AssertStored(m, a(1) + 64, 14, 16);
        AssertStored(m, a(1) + 80, 15, 16);
        AssertStored(m, a(1) + 96, 16, 8);
        AssertStored(m, a(1) + 104, 17, 8);
        AssertStored(m, a(1) + 112, 18, 4);
        AssertStored(m, a(1) + 116, 19, 4);
        AssertStored(m, Data + 0x8000 - 32, 30, 16);
        AssertStored(m, Data + 0x8000 - 16, 31, 16);
        Assert.Equal(SimdGuest.PatternValue(a(1) + 120 - Data, 8), m.Read64(a(1) + 120)); // untouched
        Assert.Equal(a(1), m.X(1));
        Assert.Equal(a(2) - 8, m.X(2));
        Assert.Equal(a(3) + 16, m.X(3));
        Assert.Equal(a(4) - 32, m.X(4));
        Assert.Equal(a(5) + 1008, m.X(5));
        Assert.Equal(Data + 0x8000 - 32, m.Sp);
        AssertVUnchanged(m);
    }

    [Fact]
    public void Stp_SameRegisterTwice_IsAllowed()
    {
        GuestMachine m = Run(mm => mm.Core.X[1] = Data, 0x6D00_0020); // stp d0, d0, [x1]
        Assert.Equal(Initial(0).Low, m.Read64(Data));
        Assert.Equal(Initial(0).Low, m.Read64(Data + 8));
    }

    [Theory]
    [InlineData(0x6D40_0020u)] // ldp d0, d0, [x1] (CONSTRAINED UNPREDICTABLE: UNDEFINED here)
    [InlineData(0xAD40_0C23u)] // ldp q3, q3, [x1]
    [InlineData(0xED40_0400u)] // ldp opc 11
    [InlineData(0xEC80_0400u)] // stp opc 11 post-index
    public void UnallocatedAndOverlappingForms_AreUndefined(uint word) =>
        AssertUndefined(word, mm => mm.Core.X[1] = Data);

    [Theory]
    [InlineData(0xAD40_0400u)] // ldp q0, q1, [x0]
    [InlineData(0x6DBF_27E8u)] // stp d8, d9, [sp, #-16]!
    [InlineData(0x6D40_0020u)] // ldp d0, d0, [x1]: the access check comes first
    public void WithFpDisabled_TrapsWithEc7(uint word) =>
        AssertFpTrap(word, mm =>
        {
            mm.Core.X[0] = Data;
            mm.Core.X[1] = Data;
            mm.Core.Sp = Data + 0x100;
        });

    [Fact]
    public void Ldp_Q_FaultOnTheLastAccess_WritesNoRegisterAndNoBase()
    {
        const ulong End = GuestMachine.RamBase + GuestMachine.RamSize;
        GuestMachine m = Prepare(mm => mm.Core.X[1] = End - 16,
            [0xACC1_0420]); // ldp q0, q1, [x1], #32: q1 is outside RAM
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, m.ExceptionClass);
        Assert.Equal(End, m.Far);
        Assert.Equal(End - 16, m.X(1));
        AssertVUnchanged(m);
    }
}
