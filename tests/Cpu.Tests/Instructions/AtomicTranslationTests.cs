using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.A64Sync;

namespace Emulator.Cpu.Tests.Instructions;

/// <summary>Exclusives and atomics with the stage-1 MMU on: one translation, write permission, alignment on Normal memory.</summary>
public sealed class AtomicTranslationTests
{
    private const ulong Va = 0x1000_0000;
    private const ulong Normal = Af | InnerShareable;        // AttrIndx 0, EL1 RW
    private const ulong ReadOnly = Normal | 0b10UL << 6;     // AP = 10: EL1 read-only

    private static MmuGuest Guest(ulong attributes, params uint[] body)
    {
        var g = new MmuGuest();
        g.Map(Va, PagePool, 3, attributes);
        g.Machine.Write64(PagePool + 0x10, 41);
        g.Load([.. MovImm(X1, Va + 0x10), .. body, GuestMachine.EndMarker]);
        return g;
    }

    [Fact]
    public void Atomics_and_exclusives_reach_the_physical_page_of_the_VA()
    {
        MmuGuest g = Guest(Normal, [
            .. MovImm(X2, 1), Ld(AtomicOp.Add, 3, 2, 3, 1),     // 41 + 1
            Ldxr(3, 4, 1), AddImm(X4, X4, 10), Stxr(3, 5, 4, 1), // 42 + 10
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(41UL, g.Machine.X(3));
        Assert.Equal(0UL, g.Machine.X(5));
        Assert.Equal(52UL, g.Machine.Read64(PagePool + 0x10));
    }

    [Fact]
    public void A_failing_CAS_on_a_read_only_page_is_still_a_permission_fault_for_a_write()
    {
        // MemAtomicCompareAndSwap translates with AccType_ATOMICRW: write permission whatever the comparison.
        MmuGuest g = Guest(ReadOnly, [.. MovImm(X2, 7), Cas(3, 2, 3, 1)]);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x9600_004FUL, g.Machine.Esr); // EC 0x25, IL, WnR, permission fault level 3
        Assert.Equal(Va + 0x10, g.Machine.Far);
    }

    [Fact]
    public void A_load_exclusive_reads_a_read_only_page()
    {
        MmuGuest g = Guest(ReadOnly, [Ldxr(3, 2, 1), Ldar(3, 3, 1)]);
        g.Machine.RunToEnd();
        Assert.Equal(41UL, g.Machine.X(2));
        Assert.Equal(41UL, g.Machine.X(3));
    }

    [Theory]
    [InlineData(0u)] // LDXR
    [InlineData(1u)] // LDADD
    [InlineData(2u)] // LDAR
    public void Unaligned_exclusive_atomic_and_ordered_accesses_fault_on_Normal_memory(uint kind)
    {
        // A plain LDR at the same address is allowed (SCTLR_EL1.A = 0); these require alignment.
        uint insn = kind switch { 0 => Ldxr(3, 2, 1), 1 => Ld(AtomicOp.Add, 3, 2, 3, 1), _ => Ldar(3, 2, 1) };
        MmuGuest g = Guest(Normal, [AddImm(X1, X1, 4), Ldr(X6, new Address(X1, 0, AddressMode.Offset)), insn]);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(FaultStatus.Alignment, (uint)g.Machine.Esr & 0x3F);
        Assert.Equal(Va + 0x14, g.Machine.Far);
    }
}
