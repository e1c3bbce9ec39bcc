using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.A64Sync;

namespace Emulator.Cpu.Tests.Instructions;

/// <summary>The Armv8.1 LSE atomics (CAS, CASP, SWP, LD&lt;op&gt;/ST&lt;op&gt;) and CRC32/CRC32C.</summary>
public sealed class AtomicTests
{
    private const ulong Data = GuestMachine.DataBase;

    private static GuestMachine Run(ulong memory, ulong x2, params uint[] code)
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data), .. MovImm(X2, x2), .. code, GuestMachine.EndMarker]);
        m.Write64(Data, memory);
        m.InstallHvcVectors();
        m.RunToEnd();
        return m;
    }

    [Theory]
    [InlineData(AtomicOp.Add, 3u, 0x8000_0000_0000_0001UL, 0x8000_0000_0000_0001UL, 0x0000_0000_0000_0002UL)]
    [InlineData(AtomicOp.Add, 0u, 0x1122_3344_5566_77F0UL, 0x20UL, 0x1122_3344_5566_7710UL)]
    [InlineData(AtomicOp.Clr, 2u, 0xFFFF_FFFF_FFFF_FFFFUL, 0x0F0F_0F0FUL, 0xFFFF_FFFF_F0F0_F0F0UL)]
    [InlineData(AtomicOp.Eor, 1u, 0x0000_0000_0000_FFFFUL, 0x1234UL, 0x0000_0000_0000_EDCBUL)]
    [InlineData(AtomicOp.Set, 3u, 0x0000_0000_0000_00F0UL, 0x0FUL, 0x0000_0000_0000_00FFUL)]
    [InlineData(AtomicOp.Smax, 0u, 0x80UL, 0x7FUL, 0x7FUL)]           // -128 vs 127
    [InlineData(AtomicOp.Smin, 1u, 0x7FFFUL, 0x8000UL, 0x8000UL)]     // 32767 vs -32768
    [InlineData(AtomicOp.Umax, 2u, 0x8000_0000UL, 0x7FFF_FFFFUL, 0x8000_0000UL)]
    [InlineData(AtomicOp.Umin, 3u, 5UL, 0xFFFF_FFFF_FFFF_FFFFUL, 5UL)]
    [InlineData(AtomicOp.Smax, 3u, 0xFFFF_FFFF_FFFF_FFFFUL, 1UL, 1UL)]
    public void Ld_op_returns_the_old_value_and_stores_the_result(AtomicOp op, uint size, ulong memory, ulong operand, ulong expected)
    {
        GuestMachine m = Run(memory, operand, Ld(op, size, 2, 3, 1, acquire: true, release: size == 1));
        ulong mask = size == 3 ? ulong.MaxValue : (1UL << (8 << (int)size)) - 1;
        Assert.Equal(memory & mask, m.X(3));
        Assert.Equal(expected, m.Read64(Data));
    }

    [Fact]
    public void St_op_alias_writes_memory_and_no_register()
    {
        GuestMachine m = Run(10, 32, Ld(AtomicOp.Add, 3, 2, 31, 1));
        Assert.Equal(42UL, m.Read64(Data));
        Assert.Equal(32UL, m.X(2));
    }

    [Fact]
    public void Swp_exchanges()
    {
        GuestMachine m = Run(0xAAAA_BBBB_CCCC_DDDD, 0x1234_5678, Swp(2, 2, 3, 1, acquire: true, release: true));
        Assert.Equal(0xCCCC_DDDDUL, m.X(3));
        Assert.Equal(0xAAAA_BBBB_1234_5678UL, m.Read64(Data));
    }

    [Fact]
    public void Cas_swaps_when_equal_and_always_returns_the_old_value()
    {
        GuestMachine m = Run(0x77, 0x77, [.. MovImm(X4, 0x99), Cas(3, 2, 4, 1), .. MovImm(X5, 0x77), Cas(3, 5, 4, 1, acquire: true, release: true)]);
        Assert.Equal(0x77UL, m.X(2));   // first CAS: equal, swapped
        Assert.Equal(0x99UL, m.X(5));   // second: not equal, returns 0x99, no write
        Assert.Equal(0x99UL, m.Read64(Data));
    }

    [Fact]
    public void Cas_byte_compares_only_the_low_byte_and_zero_extends()
    {
        GuestMachine m = Run(0xFFFF_FFFF_FFFF_FF80, 0x1234_5680, [.. MovImm(X4, 0x01), Cas(0, 2, 4, 1)]);
        Assert.Equal(0x80UL, m.X(2));
        Assert.Equal(0xFFFF_FFFF_FFFF_FF01UL, m.Read64(Data));
    }

    [Fact]
    public void Casp_compares_and_swaps_a_register_pair()
    {
        GuestMachine m = GuestMachine.Load([
            .. MovImm(X1, Data), .. MovImm(X2, 0x1111), .. MovImm(X3, 0x2222), .. MovImm(X4, 0xAAAA), .. MovImm(X5, 0xBBBB),
            Casp(true, 2, 4, 1, acquire: true),                            // equal: stores X4, X5
            .. MovImm(X6, 0), .. MovImm(X7, 0), Casp(false, 6, 4, 1, release: true), // W pair, not equal: loads
            GuestMachine.EndMarker,
        ]);
        m.Write64(Data, 0x1111);
        m.Write64(Data + 8, 0x2222);
        m.RunToEnd();
        Assert.Equal(0x1111UL, m.X(2));
        Assert.Equal(0x2222UL, m.X(3));
        Assert.Equal(0xAAAAUL, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.Equal(0xAAAAUL, m.Read64(Data));
        Assert.Equal(0xBBBBUL, m.Read64(Data + 8));
    }

    [Fact]
    public void Casp_with_an_odd_register_is_undefined()
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data), Casp(true, 3, 4, 1), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.Unknown, m.ExceptionClass);
    }

    [Fact]
    public void Misaligned_atomic_is_an_alignment_fault_for_a_write()
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data + 4), Ld(AtomicOp.Add, 3, 2, 3, 1), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.DataAbortSameEl, m.ExceptionClass);
        Assert.Equal(FaultStatus.Alignment | 1u << 6, (uint)m.Esr & 0x7F);
    }

    [Theory]
    [InlineData(false, 0xCBF4_3926u)] // CRC-32 check value of "123456789"
    [InlineData(true, 0xE306_9283u)]  // CRC-32C check value
    public void Crc32_of_the_check_string_gives_the_standard_check_value(bool castagnoli, uint expected)
    {
        // "12345678" as one doubleword (CRC32X), then "9" (CRC32B); init and final inversion by the program.
        GuestMachine m = GuestMachine.Execute([
            .. MovImm(W0, 0xFFFF_FFFF), .. MovImm(X1, 0x3837_3635_3433_3231), .. MovImm(X2, 0x39),
            Crc32(3, castagnoli, 0, 0, 1), Crc32(0, castagnoli, 0, 0, 2), Mvn(W0, W0),
        ]);
        Assert.Equal((ulong)expected, m.X(0));
    }

    [Fact]
    public void Crc32_halfword_and_word_match_bytewise()
    {
        GuestMachine m = GuestMachine.Execute([
            .. MovImm(X1, 0x1234_5678_9ABC_DEF0), .. MovImm(X0, 0xFFFF_FFFF_0000_FFFF), Mov(X3, X0), Mov(X4, X0),
            Crc32(2, false, 3, 3, 1),                                                    // W
            Crc32(0, false, 4, 4, 1), LsrImm(X1, X1, 8), Crc32(0, false, 4, 4, 1), LsrImm(X1, X1, 8),
            Crc32(1, false, 4, 4, 1),                                                    // B, B, H
        ]);
        Assert.Equal(m.X(3), m.X(4));
        Assert.True(m.X(3) <= uint.MaxValue);
    }

    [Theory]
    [InlineData(0u, true)] // CRC32B with sf = 1
    [InlineData(3u, false)] // CRC32X with sf = 0
    public void Crc32_with_mismatched_sf_is_undefined(uint size, bool sf)
    {
        uint insn = Crc32(size, false, 0, 1, 2) & 0x7FFF_FFFFu | (sf ? 1u << 31 : 0);
        GuestMachine m = GuestMachine.Load([insn, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.Unknown, m.ExceptionClass);
    }

    [Fact]
    public void Id_aa64isar0_advertises_lse_atomics_and_crc32()
    {
        GuestMachine m = GuestMachine.Execute(Mrs(X0, new SysRegister(3, 0, 0, 6, 0)));
        Assert.Equal(0b0010UL, (m.X(0) >> 20) & 0xF);
        Assert.Equal(0b0001UL, (m.X(0) >> 16) & 0xF);
    }
}
