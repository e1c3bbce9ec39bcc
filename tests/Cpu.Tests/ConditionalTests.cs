using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>Condition codes (all 16 against all 16 NZCV values), CSEL family, CCMP/CCMN.</summary>
public sealed class ConditionalTests
{
    public static TheoryData<uint> AllNzcv => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    [Theory]
    [MemberData(nameof(AllNzcv))]
    public void Csel_AllConditions(uint nzcv)
    {
        // X3..X18 = CSEL(1, 0, cond) for cond = 0..15.
        var code = new List<uint>();
        code.AddRange(MovImm(X1, 1));
        code.AddRange(SetFlags(nzcv));
        for (int cond = 0; cond < 16; cond++)
            code.Add(Csel(X(3 + cond), X1, XZR, (Cond)cond));
        var m = GuestMachine.Execute([.. code]);
        for (int cond = 0; cond < 16; cond++)
        {
            bool expected = Reference.ConditionHolds(cond, nzcv << 28);
            Assert.True((m.X(3 + cond) == 1) == expected, $"cond {(Cond)cond} with NZCV {nzcv:x}: expected {expected}");
        }
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Theory]
    [MemberData(nameof(AllNzcv))]
    public void BCond_AllConditions(uint nzcv)
    {
        // For each cond: X(3+cond) = 1 if the branch is not taken.
        var code = new List<uint>();
        code.AddRange(SetFlags(nzcv));
        for (int cond = 0; cond < 16; cond++)
        {
            code.Add(BCond((Cond)cond, 8));
            code.Add(Movz(X(3 + cond), 1));
        }
        var m = GuestMachine.Execute([.. code]);
        for (int cond = 0; cond < 16; cond++)
        {
            bool taken = Reference.ConditionHolds(cond, nzcv << 28);
            Assert.True((m.X(3 + cond) == 0) == taken, $"b.{(Cond)cond} with NZCV {nzcv:x}: expected taken = {taken}");
        }
    }

    [Fact]
    public void CsincCsinvCsneg_FalseConditionTransformsSecondOperand()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 100), .. MovImm(X2, 5),
            CmpImm(X1, 100),                   // Z set: EQ holds, NE fails
            Csinc(X3, X1, X2, Cond.NE),        // 6
            Csinv(X4, X1, X2, Cond.NE),        // ~5
            Csneg(X5, X1, X2, Cond.NE),        // -5
            Csinc(X6, X1, X2, Cond.EQ),        // 100
            Csneg(W7, W1, W2, Cond.NE),        // -5 in 32 bits
            .. MovImm(X8, 0xFFFF_FFFF),
            Csinc(W9, W1, W8, Cond.NE),        // 0xFFFFFFFF + 1 wraps to 0 in 32 bits
            Csinv(W10, W1, W2, Cond.NE),
            Cset(X11, Cond.EQ), Cset(X12, Cond.NE), Csetm(X13, Cond.EQ), Csetm(W14, Cond.EQ),
            Cinc(X15, X2, Cond.EQ), Cneg(X16, X2, Cond.EQ), Cneg(X17, X2, Cond.NE),
        ]);
        Assert.Equal(6UL, m.X(3));
        Assert.Equal(~5UL, m.X(4));
        Assert.Equal(unchecked((ulong)-5L), m.X(5));
        Assert.Equal(100UL, m.X(6));
        Assert.Equal(0xFFFF_FFFBUL, m.X(7));
        Assert.Equal(0UL, m.X(9));
        Assert.Equal(0xFFFF_FFFAUL, m.X(10));
        Assert.Equal(1UL, m.X(11));
        Assert.Equal(0UL, m.X(12));
        Assert.Equal(ulong.MaxValue, m.X(13));
        Assert.Equal(0xFFFF_FFFFUL, m.X(14));
        Assert.Equal(6UL, m.X(15));
        Assert.Equal(unchecked((ulong)-5L), m.X(16));
        Assert.Equal(5UL, m.X(17));
    }

    [Fact]
    public void Ccmp_ConditionHolds_ComparesOperands()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 5), .. MovImm(X2, 5), .. MovImm(X3, 7),
            .. SetFlags(0b0100),                    // Z: EQ holds
            Ccmp(X1, X2, 0b1001, Cond.EQ), Mrs(X4, NZCV),       // 5 - 5: Z C
            .. SetFlags(0b0100),
            Ccmp(X1, X3, 0b0000, Cond.EQ), Mrs(X5, NZCV),       // 5 - 7: N
            .. SetFlags(0b0000),
            CcmpImm(X1, 31, 0b0100, Cond.AL), Mrs(X6, NZCV),    // 5 - 31: N
            CcmpImm(W9, 1, 0b0100, Cond.NV), Mrs(X7, NZCV),     // NV also holds: 0 - 1: N
            .. MovImm(X10, ulong.MaxValue),
            Ccmn(X10, X1, 0, Cond.AL), Mrs(X8, NZCV),           // -1 + 5: C
            .. MovImm(X11, unchecked((ulong)-31L)),
            CcmnImm(X11, 31, 0, Cond.AL), Mrs(X12, NZCV),       // 0: Z C
            .. MovImm(X13, 0x8000_0000),
            CcmpImm(W13, 1, 0, Cond.AL), Mrs(X14, NZCV),        // 32-bit INT_MIN - 1: C V
        ]);
        Assert.Equal(0x6000_0000UL, m.X(4));
        Assert.Equal(0x8000_0000UL, m.X(5));
        Assert.Equal(0x8000_0000UL, m.X(6));
        Assert.Equal(0x8000_0000UL, m.X(7));
        Assert.Equal(0x2000_0000UL, m.X(8));
        Assert.Equal(0x6000_0000UL, m.X(12));
        Assert.Equal(0x3000_0000UL, m.X(14));
    }

    [Theory]
    [InlineData(0b0000u)]
    [InlineData(0b1001u)]
    [InlineData(0b0110u)]
    [InlineData(0b1111u)]
    public void Ccmp_ConditionFails_SetsImmediateFlags(uint nzcv)
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 5),
            .. SetFlags(0b0000),                 // Z clear: EQ fails
            Ccmp(X1, X1, nzcv, Cond.EQ), Mrs(X2, NZCV),
            .. SetFlags(0b0000),
            CcmnImm(X1, 3, nzcv, Cond.EQ), Mrs(X3, NZCV),
        ]);
        Assert.Equal((ulong)nzcv << 28, m.X(2));
        Assert.Equal((ulong)nzcv << 28, m.X(3));
    }
}
