using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>ADD/SUB (immediate, shifted and extended register), ADC/SBC, CMP/CMN, NEG, with flags (Arm ARM C6.2, AddWithCarry).</summary>
public sealed class ArithmeticTests
{
    private const ulong Min64 = 0x8000_0000_0000_0000, Max64 = 0x7FFF_FFFF_FFFF_FFFF, Ones64 = ulong.MaxValue;

    // ---- Flags: hand-computed edge cases ----

    [Theory]
    [InlineData(1UL, 2UL, 3UL, 0x0u)]
    [InlineData(Max64, 1UL, Min64, 0x9u)]                // signed overflow: N V
    [InlineData(Ones64, 1UL, 0UL, 0x6u)]                 // unsigned carry out, zero: Z C
    [InlineData(Min64, Min64, 0UL, 0x7u)]                // Z C V
    [InlineData(Ones64, Ones64, 0xFFFF_FFFF_FFFF_FFFEUL, 0xAu)] // N C
    [InlineData(0UL, 0UL, 0UL, 0x4u)]
    public void Adds64Flags(ulong a, ulong b, ulong sum, uint nzcv)
    {
        var m = GuestMachine.Execute([.. MovImm(X1, a), .. MovImm(X2, b), Adds(X0, X1, X2)]);
        Assert.Equal(sum, m.X(0));
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Theory]
    [InlineData(5UL, 3UL, 2UL, 0x2u)]                    // no borrow: C
    [InlineData(3UL, 5UL, 0xFFFF_FFFF_FFFF_FFFEUL, 0x8u)] // borrow: N, C clear
    [InlineData(5UL, 5UL, 0UL, 0x6u)]                    // Z C
    [InlineData(Min64, 1UL, Max64, 0x3u)]                // C V
    [InlineData(0UL, Min64, Min64, 0x9u)]                // 0 - INT_MIN overflows: N V
    [InlineData(0UL, 0UL, 0UL, 0x6u)]                    // 0 - 0 sets C
    [InlineData(Max64, Ones64, Min64, 0x9u)]             // MAX - (-1): N V
    public void Subs64Flags(ulong a, ulong b, ulong difference, uint nzcv)
    {
        var m = GuestMachine.Execute([.. MovImm(X1, a), .. MovImm(X2, b), Subs(X0, X1, X2)]);
        Assert.Equal(difference, m.X(0));
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Theory]
    [InlineData(0x7FFF_FFFFu, 1u, 0x8000_0000u, 0x9u)]
    [InlineData(0xFFFF_FFFFu, 1u, 0u, 0x6u)]
    [InlineData(0x8000_0000u, 0x8000_0000u, 0u, 0x7u)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFEu, 0xAu)]
    [InlineData(0x0000_0001u, 0x0000_0001u, 2u, 0x0u)]
    public void Adds32Flags(uint a, uint b, uint sum, uint nzcv)
    {
        // The upper halves of the X registers must not take part.
        var m = GuestMachine.Execute([.. MovImm(X1, 0xDEAD_0000_0000_0000UL | a), .. MovImm(X2, 0x0123_4567_0000_0000UL | b), Adds(W0, W1, W2)]);
        Assert.Equal((ulong)sum, m.X(0));
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Theory]
    [InlineData(0x8000_0000u, 1u, 0x7FFF_FFFFu, 0x3u)]
    [InlineData(1u, 2u, 0xFFFF_FFFFu, 0x8u)]
    [InlineData(7u, 7u, 0u, 0x6u)]
    [InlineData(0u, 0x8000_0000u, 0x8000_0000u, 0x9u)]
    [InlineData(0xFFFF_FFFFu, 0xFFFF_FFFEu, 1u, 0x2u)]
    public void Subs32Flags(uint a, uint b, uint difference, uint nzcv)
    {
        var m = GuestMachine.Execute([.. MovImm(X1, 0xFFFF_FFFF_0000_0000UL | a), .. MovImm(X2, b), Subs(W0, W1, W2)]);
        Assert.Equal((ulong)difference, m.X(0));
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Theory]
    [InlineData(true, Ones64, 0UL, 1u, 0UL, 0x6u)]
    [InlineData(true, Max64, 0UL, 1u, Min64, 0x9u)]
    [InlineData(true, Ones64, Ones64, 1u, Ones64, 0xAu)]
    [InlineData(true, 1UL, 1UL, 0u, 2UL, 0x0u)]
    [InlineData(true, Ones64, 1UL, 0u, 0UL, 0x6u)]
    [InlineData(false, 0xFFFF_FFFFUL, 0UL, 1u, 0UL, 0x6u)]
    [InlineData(false, 0x7FFF_FFFFUL, 0UL, 1u, 0x8000_0000UL, 0x9u)]
    [InlineData(false, 0xFFFF_FFFFUL, 0xFFFF_FFFFUL, 1u, 0xFFFF_FFFFUL, 0xAu)]
    public void AdcsFlags(bool is64, ulong a, ulong b, uint carryIn, ulong result, uint nzcv)
    {
        Reg d = is64 ? X0 : W0, n = is64 ? X1 : W1, mm = is64 ? X2 : W2;
        var m = GuestMachine.Execute([.. MovImm(X1, a), .. MovImm(X2, b), .. SetFlags(carryIn << 1), Adcs(d, n, mm)]);
        Assert.Equal(result, m.X(0));
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Theory]
    [InlineData(true, 5UL, 3UL, 0u, 1UL, 0x2u)]          // 5 - 3 - 1
    [InlineData(true, 5UL, 3UL, 1u, 2UL, 0x2u)]
    [InlineData(true, 0UL, 0UL, 0u, Ones64, 0x8u)]       // borrow in, borrow out
    [InlineData(true, 0UL, 0UL, 1u, 0UL, 0x6u)]
    [InlineData(true, Min64, 0UL, 0u, Max64, 0x3u)]
    [InlineData(false, 0x8000_0000UL, 0UL, 0u, 0x7FFF_FFFFUL, 0x3u)]
    [InlineData(false, 0UL, 0UL, 0u, 0xFFFF_FFFFUL, 0x8u)]
    [InlineData(false, 3UL, 3UL, 1u, 0UL, 0x6u)]
    public void SbcsFlags(bool is64, ulong a, ulong b, uint carryIn, ulong result, uint nzcv)
    {
        Reg d = is64 ? X0 : W0, n = is64 ? X1 : W1, mm = is64 ? X2 : W2;
        var m = GuestMachine.Execute([.. MovImm(X1, a), .. MovImm(X2, b), .. SetFlags(carryIn << 1), Sbcs(d, n, mm)]);
        Assert.Equal(result, m.X(0));
        Assert.Equal(nzcv << 28, m.Nzcv);
    }

    [Fact]
    public void AdcAndSbc_UseCarryButLeaveFlags()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 10), .. MovImm(X2, 20), .. SetFlags(0b1010), // N and C
            Adc(X3, X1, X2), Sbc(X4, X1, X2), Adc(W5, W1, W2), Sbc(W6, W2, W1),
        ]);
        Assert.Equal(31UL, m.X(3));
        Assert.Equal(unchecked((ulong)-10), m.X(4));
        Assert.Equal(31UL, m.X(5));
        Assert.Equal(10UL, m.X(6));
        Assert.Equal(0xA000_0000u, m.Nzcv);
    }

    // ---- Flags: seeded random operands against the AddWithCarry reference ----

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FlagSettingOps_MatchAddWithCarryReference(int seed)
    {
        var random = new Random(seed);
        ulong[] interesting = [0, 1, 2, Max64, Min64, Ones64, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, Min64 + 1];
        ulong Pick() => random.Next(3) == 0 ? interesting[random.Next(interesting.Length)] : (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        for (int i = 0; i < 40; i++)
        {
            ulong a = Pick(), b = Pick();
            uint carry = (uint)random.Next(2);
            foreach (bool is64 in new[] { true, false })
            {
                int bits = is64 ? 64 : 32;
                Reg d = is64 ? X0 : W0, n = is64 ? X1 : W1, mm = is64 ? X2 : W2;
                (uint Insn, ulong Y, int Carry)[] cases =
                [
                    (Adds(d, n, mm), b, 0),
                    (Subs(d, n, mm), ~b, 1),
                    (Adcs(d, n, mm), b, (int)carry),
                    (Sbcs(d, n, mm), ~b, (int)carry),
                ];
                foreach ((uint insn, ulong y, int carryIn) in cases)
                {
                    var m = GuestMachine.Execute([.. MovImm(X1, a), .. MovImm(X2, b), .. SetFlags(carry << 1), insn]);
                    ulong expected = Reference.AddWithCarry(bits, a, y, carryIn, out uint nzcv);
                    Assert.True(expected == m.X(0) && nzcv == m.Nzcv,
                        $"{insn:x8} a=0x{a:x} b=0x{b:x} C={carry}: got 0x{m.X(0):x} nzcv {m.Nzcv >> 28:x}, expected 0x{expected:x} nzcv {nzcv >> 28:x}");
                }
            }
        }
    }

    // ---- CMP, CMN and the immediate forms ----

    [Fact]
    public void CmpAndCmn_SetFlagsOnly()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 5), .. MovImm(X2, 7),
            Cmp(X1, X2), Mrs(X3, NZCV),          // 5 - 7: N
            CmpImm(X1, 5), Mrs(X4, NZCV),        // Z C
            CmnImm(X1, 5), Mrs(X5, NZCV),        // 10: none
            .. MovImm(X6, ulong.MaxValue),
            Cmn(X6, X1), Mrs(X7, NZCV),          // -1 + 5: C
            CmpImm(W6, 1), Mrs(X8, NZCV),        // 0xFFFFFFFF - 1: N C
            CmpImm(X1, 1, lsl12: true), Mrs(X9, NZCV), // 5 - 4096: N
        ]);
        Assert.Equal(0x8000_0000UL, m.X(3));
        Assert.Equal(0x6000_0000UL, m.X(4));
        Assert.Equal(0x0UL, m.X(5));
        Assert.Equal(0x2000_0000UL, m.X(7));
        Assert.Equal(0xA000_0000UL, m.X(8));
        Assert.Equal(0x8000_0000UL, m.X(9));
        Assert.Equal(5UL, m.X(1));
        Assert.Equal(7UL, m.X(2));
    }

    [Fact]
    public void AddSubImmediate_WithAndWithoutShift()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x1000),
            AddImm(X2, X1, 0xFFF),
            AddImm(X3, X1, 0xFFF, lsl12: true),
            SubImm(X4, X1, 1),
            SubImm(X5, X1, 2, lsl12: true),
            AddImm(W6, W1, 1),
            SubsImm(X7, X1, 1, lsl12: true),
        ]);
        Assert.Equal(0x1FFFUL, m.X(2));
        Assert.Equal(0x1000UL + 0xFFF000, m.X(3));
        Assert.Equal(0xFFFUL, m.X(4));
        Assert.Equal(unchecked(0x1000UL - 0x2000), m.X(5));
        Assert.Equal(0x1001UL, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.True(m.Z && m.C && !m.N && !m.V);
    }

    [Fact]
    public void AddSubShiftedRegister_AppliesShiftToSecondOperand()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x100), .. MovImm(X2, 0x8000_0000_0000_0010),
            Add(X3, X1, X2, ShiftType.LSL, 4),   // 0x100 + 0x100
            Add(X4, X1, X2, ShiftType.LSR, 4),   // 0x100 + 0x0800_0000_0000_0001
            Sub(X5, X1, X2, ShiftType.ASR, 4),   // 0x100 - 0xF800_0000_0000_0001
            Add(W6, W1, W2, ShiftType.LSL, 31),  // 0x100 + 0 (bit 4 shifted out)
            Sub(W7, W1, W2, ShiftType.LSR, 1),   // 0x100 - 8
            Neg(X8, X1),
            Neg(W9, W1),
        ]);
        Assert.Equal(0x200UL, m.X(3));
        Assert.Equal(0x0800_0000_0000_0101UL, m.X(4));
        Assert.Equal(unchecked(0x100UL - 0xF800_0000_0000_0001UL), m.X(5));
        Assert.Equal(0x100UL, m.X(6));
        Assert.Equal(0xF8UL, m.X(7));
        Assert.Equal(unchecked((ulong)-0x100L), m.X(8));
        Assert.Equal(0xFFFF_FF00UL, m.X(9));
    }

    [Fact]
    public void AddSubExtendedRegister_ExtendsAndShiftsSecondOperand()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x1000), .. MovImm(X2, 0x1234_5678_9ABC_DEF0),
            AddExt(X3, X1, W2, Extend.UXTB),        // + 0xF0
            AddExt(X4, X1, W2, Extend.SXTB),        // + (-0x10)
            AddExt(X5, X1, W2, Extend.UXTH, 2),     // + 0xDEF0 << 2
            AddExt(X6, X1, W2, Extend.SXTH, 1),     // + (-0x2110) << 1
            AddExt(X7, X1, W2, Extend.UXTW),        // + 0x9ABCDEF0
            AddExt(X8, X1, W2, Extend.SXTW),        // + (int)0x9ABCDEF0
            SubExt(X9, X1, X2, Extend.UXTX, 4),     // - X2 << 4
            SubExt(X10, X1, X2, Extend.SXTX),
            AddExt(W11, W1, W2, Extend.SXTB, 3),    // 0x1000 + (-0x10 << 3)
        ]);
        Assert.Equal(0x10F0UL, m.X(3));
        Assert.Equal(0xFF0UL, m.X(4));
        Assert.Equal(0x1000UL + (0xDEF0UL << 2), m.X(5));
        Assert.Equal(unchecked(0x1000UL + (ulong)(-0x2110L * 2)), m.X(6));
        Assert.Equal(0x1000UL + 0x9ABC_DEF0UL, m.X(7));
        Assert.Equal(unchecked(0x1000UL + (ulong)(long)(int)0x9ABC_DEF0), m.X(8));
        Assert.Equal(unchecked(0x1000UL - (0x1234_5678_9ABC_DEF0UL << 4)), m.X(9));
        Assert.Equal(unchecked(0x1000UL - 0x1234_5678_9ABC_DEF0UL), m.X(10));
        Assert.Equal(0xF80UL, m.X(11));
    }

    [Fact]
    public void AddsExtended_SetsFlags_AndCmpExtendedWithSp()
    {
        var m = GuestMachine.Execute([
            .. SetSp(0x4010_0000),
            .. MovImm(X1, 0xFF),
            AddsExt(W2, WSP, W1, Extend.SXTB),          // Rn = 31 is WSP here: 0x40100000 + (-1), C
            Mrs(X3, NZCV),
            AddsExt(W12, W13, W1, Extend.SXTB),         // 0 + (-1) = 0xFFFFFFFF: N
            Mrs(X14, NZCV),
            SubsExt(XZR, SP, X1, Extend.UXTX),           // CMP SP, X1: SP - 0xFF, C
            Mrs(X4, NZCV),
        ]);
        Assert.Equal(0x400F_FFFFUL, m.X(2));
        Assert.Equal(0x2000_0000UL, m.X(3));
        Assert.Equal(0xFFFF_FFFFUL, m.X(12));
        Assert.Equal(0x8000_0000UL, m.X(14));
        Assert.Equal(0x2000_0000UL, m.X(4));
        Assert.Equal(0x4010_0000UL, m.Sp);
    }

    [Fact]
    public void MoveWide_MovzMovkMovn()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X0, ulong.MaxValue),
            Movz(X1, 0xBEEF, 48),
            Movz(X2, 0x1234), Movk(X2, 0x5678, 16), Movk(X2, 0x9ABC, 32), Movk(X2, 0xDEF0, 48),
            Movk(X2, 0xAAAA, 16),
            Movn(X3, 0),
            Movn(X4, 0x1234, 16),
            Movn(W5, 0),
            Movn(W6, 0xFFFF, 16),
            Movz(W7, 0xABCD, 16),
            Movk(W0, 0x1234),              // keeps bits 31:16, clears 63:32
        ]);
        Assert.Equal(0xBEEF_0000_0000_0000UL, m.X(1));
        Assert.Equal(0xDEF0_9ABC_AAAA_1234UL, m.X(2));
        Assert.Equal(ulong.MaxValue, m.X(3));
        Assert.Equal(~0x1234_0000UL, m.X(4));
        Assert.Equal(0xFFFF_FFFFUL, m.X(5));
        Assert.Equal(0x0000_FFFFUL, m.X(6));
        Assert.Equal(0xABCD_0000UL, m.X(7));
        Assert.Equal(0xFFFF_1234UL, m.X(0));
    }
}
