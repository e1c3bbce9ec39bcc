using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>Data processing (1, 2 and 3 source): shifts by register, bit counting and reversal, division, multiplication.</summary>
public sealed class DataProcessingTests
{
    private static ulong Run2(uint insn, ulong a, ulong b) =>
        GuestMachine.Execute([.. MovImm(X0, ulong.MaxValue), .. MovImm(X1, a), .. MovImm(X2, b), insn]).X(0);

    private static ulong Run1(uint insn, ulong a) => Run2(insn, a, 0);

    // ---- Shifts by register: the amount is taken modulo the data size ----

    [Theory]
    [InlineData(0u, 4UL, 0x1234_5678_9ABC_DEF0UL)]
    [InlineData(0u, 68UL, 0x1234_5678_9ABC_DEF0UL)]               // 68 mod 64
    [InlineData(0u, 0xFFFF_FFFF_FFFF_FFC1UL, 0x0246_8ACF_1357_9BDEUL)] // 1
    [InlineData(1u, 4UL, 0x0812_3456_789A_BCDEUL)]
    [InlineData(1u, 64UL, 0x8123_4567_89AB_CDEFUL)]               // 0
    [InlineData(2u, 127UL, 0xFFFF_FFFF_FFFF_FFFFUL)]              // 63
    [InlineData(2u, 4UL, 0xF812_3456_789A_BCDEUL)]
    [InlineData(3u, 0x44UL, 0xF812_3456_789A_BCDEUL)]             // 4
    [InlineData(3u, 0UL, 0x8123_4567_89AB_CDEFUL)]
    public void ShiftByRegister64(uint op, ulong amount, ulong expected)
    {
        uint insn = op switch { 0 => Lslv(X0, X1, X2), 1 => Lsrv(X0, X1, X2), 2 => Asrv(X0, X1, X2), _ => Rorv(X0, X1, X2) };
        Assert.Equal(expected, Run2(insn, 0x8123_4567_89AB_CDEF, amount));
    }

    [Theory]
    [InlineData(0u, 36UL, 0x9ABC_DEF0UL)]            // 36 mod 32 = 4
    [InlineData(1u, 36UL, 0x089A_BCDEUL)]
    [InlineData(1u, 0x1_0000_0004UL, 0x089A_BCDEUL)] // only the low 5 bits count
    [InlineData(2u, 0x20UL, 0x89AB_CDEFUL)]          // 0
    [InlineData(2u, 31UL, 0xFFFF_FFFFUL)]
    [InlineData(3u, 0xFFFF_FFE4UL, 0xF89A_BCDEUL)]   // 4
    [InlineData(0u, 31UL, 0x8000_0000UL)]
    public void ShiftByRegister32(uint op, ulong amount, ulong expected)
    {
        uint insn = op switch { 0 => Lslv(W0, W1, W2), 1 => Lsrv(W0, W1, W2), 2 => Asrv(W0, W1, W2), _ => Rorv(W0, W1, W2) };
        Assert.Equal(expected, Run2(insn, 0xFFFF_FFFF_89AB_CDEF, amount));
    }

    // ---- CLZ, CLS, RBIT, REV* ----

    [Theory]
    [InlineData(0UL, 64UL)]
    [InlineData(1UL, 63UL)]
    [InlineData(0x8000_0000_0000_0000UL, 0UL)]
    [InlineData(0x00F0_0000_0000_0000UL, 8UL)]
    [InlineData(0x0000_0001_0000_0000UL, 31UL)]
    public void Clz64(ulong value, ulong expected) => Assert.Equal(expected, Run1(Clz(X0, X1), value));

    [Theory]
    [InlineData(0UL, 32UL)]
    [InlineData(0xFFFF_FFFF_0001_0000UL, 15UL)]   // upper half ignored
    [InlineData(0x8000_0000UL, 0UL)]
    [InlineData(1UL, 31UL)]
    public void Clz32(ulong value, ulong expected) => Assert.Equal(expected, Run1(Clz(W0, W1), value));

    [Theory]
    [InlineData(0UL, 63UL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, 63UL)]
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL, 0UL)]
    [InlineData(0x8000_0000_0000_0000UL, 0UL)]
    [InlineData(0xFF00_0000_0000_0000UL, 7UL)]
    [InlineData(0x0000_FFFF_FFFF_FFFFUL, 15UL)]
    [InlineData(1UL, 62UL)]
    public void Cls64(ulong value, ulong expected) => Assert.Equal(expected, Run1(Cls(X0, X1), value));

    [Theory]
    [InlineData(0xFFFF_FFFFUL, 31UL)]
    [InlineData(0x1_0000_0000UL, 31UL)]           // W1 = 0
    [InlineData(0x8000_0000UL, 0UL)]
    [InlineData(0xFFFF_0000UL, 15UL)]
    [InlineData(1UL, 30UL)]
    [InlineData(0x4000_0000UL, 0UL)]
    public void Cls32(ulong value, ulong expected) => Assert.Equal(expected, Run1(Cls(W0, W1), value));

    [Fact] public void Rbit64() => Assert.Equal(0xF7B3_D591_E6A2_C480UL, Run1(Rbit(X0, X1), 0x0123_4567_89AB_CDEF));
    [Fact] public void Rbit64One() => Assert.Equal(0x8000_0000_0000_0000UL, Run1(Rbit(X0, X1), 1));
    [Fact] public void Rbit32() => Assert.Equal(0x1E6A_2C48UL, Run1(Rbit(W0, W1), 0xFFFF_FFFF_1234_5678));
    [Fact] public void Rbit32One() => Assert.Equal(0x8000_0000UL, Run1(Rbit(W0, W1), 1));
    [Fact] public void Rev64() => Assert.Equal(0xEFCD_AB89_6745_2301UL, Run1(Rev(X0, X1), 0x0123_4567_89AB_CDEF));
    [Fact] public void Rev32Bit() => Assert.Equal(0x7856_3412UL, Run1(Rev(W0, W1), 0xAAAA_BBBB_1234_5678));
    [Fact] public void Rev16_64() => Assert.Equal(0x2301_6745_AB89_EFCDUL, Run1(Rev16(X0, X1), 0x0123_4567_89AB_CDEF));
    [Fact] public void Rev16_32() => Assert.Equal(0x3412_7856UL, Run1(Rev16(W0, W1), 0xAAAA_BBBB_1234_5678));
    [Fact] public void Rev32_64() => Assert.Equal(0x6745_2301_EFCD_AB89UL, Run1(Rev32(X0, X1), 0x0123_4567_89AB_CDEF));

    [Fact]
    public void Rev_With32BitOpcode3_IsUndefined()
    {
        // REV with sf = 0 and opcode 000011 is unallocated.
        var m = GuestMachine.Load([Rev(X0, X1) & ~(1u << 31), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    // ---- Division ----

    [Theory]
    [InlineData(100UL, 7UL, 14UL)]
    [InlineData(100UL, 0UL, 0UL)]                                 // divide by zero gives zero
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, 2UL, 0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(0x8000_0000_0000_0000UL, 0xFFFF_FFFF_FFFF_FFFFUL, 0UL)]
    public void Udiv64(ulong a, ulong b, ulong q) => Assert.Equal(q, Run2(Udiv(X0, X1, X2), a, b));

    [Theory]
    [InlineData(-7L, 2L, -3L)]                                      // rounds toward zero
    [InlineData(7L, -2L, -3L)]
    [InlineData(-7L, -2L, 3L)]
    [InlineData(long.MinValue, -1L, long.MinValue)]                 // overflow wraps
    [InlineData(-100L, 0L, 0L)]
    [InlineData(long.MinValue, 2L, long.MinValue / 2)]
    public void Sdiv64(long a, long b, long q) => Assert.Equal((ulong)q, Run2(Sdiv(X0, X1, X2), (ulong)a, (ulong)b));

    [Theory]
    [InlineData(0xFFFF_FFFFUL, 0x10UL, 0x0FFF_FFFFUL)]
    [InlineData(0x1_0000_0010UL, 0x1_0000_0002UL, 8UL)]            // upper halves ignored
    [InlineData(5UL, 0x1_0000_0000UL, 0UL)]                         // W divisor is zero
    public void Udiv32(ulong a, ulong b, ulong q) => Assert.Equal(q, Run2(Udiv(W0, W1, W2), a, b));

    [Theory]
    [InlineData(0x8000_0000UL, 0xFFFF_FFFFUL, 0x8000_0000UL)]      // INT_MIN / -1
    [InlineData(0xFFFF_FFF9UL, 2UL, 0xFFFF_FFFDUL)]                 // -7 / 2 = -3
    [InlineData(0x7FFF_FFFFUL, 0UL, 0UL)]
    [InlineData(0x0000_0000_FFFF_FFF9UL, 0xFFFF_FFFF_FFFF_FFFFUL, 7UL)] // -7 / -1
    public void Sdiv32(ulong a, ulong b, ulong q) => Assert.Equal(q, Run2(Sdiv(W0, W1, W2), a, b));

    // ---- Multiply ----

    [Fact]
    public void MaddMsubMulMneg()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 3), .. MovImm(X2, 4), .. MovImm(X3, 100), .. MovImm(X4, 0x1_0000_0000),
            Madd(X5, X1, X2, X3),          // 112
            Msub(X6, X1, X2, X3),          // 88
            Mul(X7, X4, X4),               // 2^64 wraps to 0
            Madd(X8, X4, X4, X1),          // 3
            Mneg(X9, X1, X2),              // -12
            .. MovImm(X10, 0xFFFF_FFFF_0001_0000),
            Madd(W11, W10, W10, W1),       // 0x10000 * 0x10000 + 3 wraps in 32 bits: 3
            Msub(W12, W1, W2, WZR),        // -12 in 32 bits
        ]);
        Assert.Equal(112UL, m.X(5));
        Assert.Equal(88UL, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.Equal(3UL, m.X(8));
        Assert.Equal(unchecked((ulong)-12L), m.X(9));
        Assert.Equal(3UL, m.X(11));
        Assert.Equal(0xFFFF_FFF4UL, m.X(12));
    }

    [Fact]
    public void LongMultiplies_UseOnlyTheLowWords()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x1234_5678_FFFF_FFFE),   // W1 = -2 or 0xFFFFFFFE
            .. MovImm(X2, 0xABCD_0000_0000_0003),   // W2 = 3
            .. MovImm(X3, 1000),
            Smull(X4, W1, W2),
            Umull(X5, W1, W2),
            Smaddl(X6, W1, W2, X3),
            Smsubl(X7, W1, W2, X3),
            Umaddl(X8, W1, W2, X3),
            Umsubl(X9, W1, W2, X3),
        ]);
        Assert.Equal(unchecked((ulong)-6L), m.X(4));
        Assert.Equal(0x2_FFFF_FFFAUL, m.X(5));
        Assert.Equal(994UL, m.X(6));
        Assert.Equal(1006UL, m.X(7));
        Assert.Equal(1000UL + 0x2_FFFF_FFFAUL, m.X(8));
        Assert.Equal(unchecked(1000UL - 0x2_FFFF_FFFAUL), m.X(9));
    }

    [Theory]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, 1UL, 0xFFFF_FFFF_FFFF_FFFFUL, 0UL)]          // -1 * 1; 0xFF..F * 1
    [InlineData(0x4000_0000_0000_0000UL, 4UL, 1UL, 1UL)]                              // 2^64
    [InlineData(0x8000_0000_0000_0000UL, 0x8000_0000_0000_0000UL, 0x4000_0000_0000_0000UL, 0x4000_0000_0000_0000UL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, 0xFFFF_FFFF_FFFF_FFFFUL, 0UL, 0xFFFF_FFFF_FFFF_FFFEUL)] // (-1)(-1) = 1
    [InlineData(0xFFFF_FFFF_FFFF_FFFEUL, 3UL, 0xFFFF_FFFF_FFFF_FFFFUL, 2UL)]          // -2 * 3 = -6
    public void SmulhUmulh(ulong a, ulong b, ulong smulh, ulong umulh)
    {
        var m = GuestMachine.Execute([.. MovImm(X1, a), .. MovImm(X2, b), Smulh(X3, X1, X2), Umulh(X4, X1, X2)]);
        Assert.Equal(smulh, m.X(3));
        Assert.Equal(umulh, m.X(4));
    }
}
