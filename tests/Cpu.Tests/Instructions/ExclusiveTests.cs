using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.A64Sync;

namespace Emulator.Cpu.Tests.Instructions;

/// <summary>Load/store exclusive, acquire/release and the local exclusive monitor.</summary>
public sealed class ExclusiveTests
{
    private const ulong Data = GuestMachine.DataBase;

    private static GuestMachine Run(ulong x1, params uint[] code)
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, x1), .. code, GuestMachine.EndMarker]);
        m.Write64(Data, 0x1111_2222_3333_4444);
        m.Write64(Data + 8, 0x5555_6666_7777_8888);
        m.InstallHvcVectors();
        m.RunToEnd();
        return m;
    }

    [Theory]
    [InlineData(0u, 0x44UL, 0xABUL)]
    [InlineData(1u, 0x4444UL, 0xAB12UL)]
    [InlineData(2u, 0x3333_4444UL, 0xAB12_CD34UL)]
    [InlineData(3u, 0x1111_2222_3333_4444UL, 0x0123_4567_89AB_CDEFUL)]
    public void Load_exclusive_then_store_exclusive_succeeds_and_writes(uint size, ulong loaded, ulong stored)
    {
        GuestMachine m = Run(Data, [.. MovImm(X3, stored), Ldxr(size, 2, 1, acquire: size == 1), Stxr(size, 4, 3, 1, release: size == 2)]);
        Assert.Equal(loaded, m.X(2));
        Assert.Equal(0UL, m.X(4));
        ulong mask = size == 3 ? ulong.MaxValue : (1UL << (8 << (int)size)) - 1;
        Assert.Equal((0x1111_2222_3333_4444UL & ~mask) | stored, m.Read64(Data));
        Assert.False(m.Core.ExclusiveMonitorSet);
    }

    [Fact]
    public void Store_exclusive_without_a_load_exclusive_fails_and_does_not_write()
    {
        GuestMachine m = Run(Data, [.. MovImm(X3, 99), MovImm(X4, 7)[0], Stxr(3, 4, 3, 1)]);
        Assert.Equal(1UL, m.X(4));
        Assert.Equal(0x1111_2222_3333_4444UL, m.Read64(Data));
    }

    [Fact]
    public void Second_store_exclusive_fails_because_the_first_cleared_the_monitor()
    {
        GuestMachine m = Run(Data, [.. MovImm(X3, 99), Ldxr(3, 2, 1), Stxr(3, 4, 3, 1), AddImm(X3, X3, 1), Stxr(3, 5, 3, 1)]);
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(1UL, m.X(5));
        Assert.Equal(99UL, m.Read64(Data));
    }

    [Fact]
    public void Clrex_clears_the_monitor()
    {
        GuestMachine m = Run(Data, [.. MovImm(X3, 99), Ldxr(3, 2, 1), Clrex(), Stxr(3, 4, 3, 1)]);
        Assert.Equal(1UL, m.X(4));
        Assert.Equal(0x1111_2222_3333_4444UL, m.Read64(Data));
    }

    [Fact]
    public void Store_exclusive_within_the_64_byte_granule_passes_and_outside_it_fails()
    {
        GuestMachine m = Run(Data, [
            .. MovImm(X3, 5), AddImm(X6, X1, 56), AddImm(X7, X1, 64),
            Ldxr(3, 2, 1), Stxr(3, 4, 3, 6),   // same granule: passes
            Ldxr(3, 2, 1), Stxr(3, 5, 3, 7),   // next granule: fails
        ]);
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(1UL, m.X(5));
        Assert.Equal(5UL, m.Read64(Data + 56));
        Assert.Equal(0UL, m.Read64(Data + 64));
    }

    [Fact]
    public void Exception_return_clears_the_monitor()
    {
        // ERET to the next instruction at EL1h: AArch64.ExceptionReturn clears the local monitor.
        GuestMachine m = GuestMachine.Load([
            .. MovImm(X1, Data), .. MovImm(X3, 99), Ldxr(3, 2, 1),
            .. MovImm(X8, 0x3C5), Msr(SPSR_EL1, X8), Adr(X9, 12), Msr(ELR_EL1, X9), Eret(),
            Stxr(3, 4, 3, 1), GuestMachine.EndMarker,
        ]);
        m.RunToEnd();
        Assert.Equal(1UL, m.X(4));
        Assert.Equal(0UL, m.Read64(Data));
    }

    [Fact]
    public void Exception_entry_clears_the_monitor()
    {
        // IMPLEMENTATION DEFINED choice of this core: taking an exception clears the local monitor.
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data), Ldxr(3, 2, 1), Svc(0), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.Svc64, m.ExceptionClass);
        Assert.False(m.Core.ExclusiveMonitorSet);
    }

    [Fact]
    public void An_ordinary_store_to_the_tagged_granule_leaves_the_monitor_set()
    {
        // IMPLEMENTATION DEFINED: a non-exclusive store by the same PE does not clear the local monitor.
        GuestMachine m = Run(Data, [.. MovImm(X3, 99), Ldxr(3, 2, 1), Str(X3, new Address(X1, 8, AddressMode.Offset)), Stxr(3, 4, 3, 1)]);
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(99UL, m.Read64(Data));
    }

    [Fact]
    public void Exclusive_pairs_load_and_store_two_registers()
    {
        GuestMachine m = Run(Data, [
            .. MovImm(X10, 0xAAAA), .. MovImm(X11, 0xBBBB),
            Ldxp(true, 2, 3, 1, acquire: true), Stxp(true, 4, 10, 11, 1, release: true),
            Ldxp(false, 5, 6, 1), Stxp(false, 7, 11, 10, 1),
        ]);
        Assert.Equal(0x1111_2222_3333_4444UL, m.X(2));
        Assert.Equal(0x5555_6666_7777_8888UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0xAAAAUL, m.X(5));
        Assert.Equal(0UL, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.Equal(0x0000_AAAA_0000_BBBBUL, m.Read64(Data));
        Assert.Equal(0xBBBBUL, m.Read64(Data + 8));
    }

    [Theory]
    [InlineData(4u)] // LDXR X, address 4-aligned only
    [InlineData(8u)] // LDXP X: the pair needs 16-byte alignment
    public void Misaligned_load_exclusive_is_an_alignment_fault(uint offset)
    {
        uint insn = offset == 4 ? Ldxr(3, 2, 1) : Ldxp(true, 2, 3, 1);
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data + offset), insn, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.DataAbortSameEl, m.ExceptionClass);
        Assert.Equal(FaultStatus.Alignment, (uint)m.Esr & 0x3F);
        Assert.Equal(Data + offset, m.Far);
    }

    [Fact]
    public void Misaligned_store_exclusive_faults_even_with_the_monitor_open()
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data + 2), Stxr(2, 4, 3, 1), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(FaultStatus.Alignment | 1u << 6, (uint)m.Esr & 0x7F); // WnR set
    }

    [Theory]
    [InlineData(3, 3, 1)] // Rs == Rt
    [InlineData(1, 3, 1)] // Rs == Rn
    public void Store_exclusive_with_overlapping_status_register_is_undefined(int s, int t, int n)
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data), Stxr(3, s, t, n), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.Unknown, m.ExceptionClass);
    }

    [Fact]
    public void Load_acquire_and_store_release_move_each_size()
    {
        GuestMachine m = Run(Data, [
            .. MovImm(X3, 0xFEDC_BA98_7654_3210), AddImm(X5, X1, 16),
            Ldar(0, 10, 1), Ldar(1, 11, 1), Ldar(2, 12, 1), Ldar(3, 13, 1),
            Stlr(1, 3, 5), AddImm(X5, X5, 8), Stlr(3, 3, 5),
        ]);
        Assert.Equal(0x44UL, m.X(10));
        Assert.Equal(0x4444UL, m.X(11));
        Assert.Equal(0x3333_4444UL, m.X(12));
        Assert.Equal(0x1111_2222_3333_4444UL, m.X(13));
        Assert.Equal(0x3210UL, m.Read64(Data + 16));
        Assert.Equal(0xFEDC_BA98_7654_3210UL, m.Read64(Data + 24));
    }

    [Fact]
    public void Misaligned_load_acquire_is_an_alignment_fault()
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data + 2), Ldar(2, 2, 1), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(FaultStatus.Alignment, (uint)m.Esr & 0x3F);
    }

    [Fact]
    public void Load_lo_acquire_of_armv8_1_lor_is_undefined()
    {
        GuestMachine m = GuestMachine.Load([.. MovImm(X1, Data), Ldar(3, 2, 1) & ~(1u << 15), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(ExceptionClass.Unknown, m.ExceptionClass);
    }
}
