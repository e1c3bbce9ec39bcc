using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Caches;
using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Caches.CacheGuest;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Pmu.PmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>
/// EXC_TAKEN (0x09), MEM_ACCESS (0x13), BUS_ACCESS (0x19) and BR_RETIRED (0x21) (Arm ARM D14.3),
/// counted in guest code: exact counts for short sequences whose events are known, and the
/// cache model's memory transactions over the same window for BUS_ACCESS.
/// </summary>
public sealed class PmuArchitecturalEventTests
{
    private const ulong Data = GuestMachine.DataBase;

    /// <summary>Counter n counts event <paramref name="events"/>[n]; all enabled, then PMCR_EL0.E (counting starts after that MSR).</summary>
    private static uint[] Setup(params uint[] events)
    {
        var code = new List<uint>();
        for (int i = 0; i < events.Length; i++)
            code.AddRange([Movz(X(2), events[i]), Msr(PMEVTYPER(i), X(2))]);
        code.AddRange([Movz(X(2), (1u << events.Length) - 1), Msr(PMCNTENSET_EL0, X(2)), Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2))]);
        return [.. code];
    }

    [Fact]
    public void Exc_taken_counts_each_exception_and_br_retired_each_branch_and_exception_return()
    {
        GuestMachine m = GuestMachine.Load([
            .. Setup(0x09, 0x21),
            Svc(0), Svc(1), Svc(2),  // three exceptions, each returned from with ERET (three branches)
            B(4),                    // a direct branch
            Cbnz(X(2), 4),           // taken (X2 = 1)
            Cbz(X(2), 4),            // not taken: conditional branches count either way
            Nop(),
            Mrs(X(4), PMEVCNTR(0)), Mrs(X(5), PMEVCNTR(1)),
            GuestMachine.EndMarker,
        ]);
        m.WriteWords(GuestMachine.VectorBase + 0x200, [Eret()]); // current EL with SP_ELx, synchronous: SVC's ELR is the next instruction
        m.Core.Sys.VBAR_EL1 = GuestMachine.VectorBase;
        m.RunToEnd();
        Assert.Equal(3UL, m.X(4));
        Assert.Equal(6UL, m.X(5)); // 3 ERET + B + CBNZ + CBZ
        Assert.Equal(3UL, m.Core.ExceptionsTaken);
    }

    [Fact]
    public void Exc_taken_is_counted_at_the_exception_level_it_is_taken_from()
    {
        // Counter 0: EXC_TAKEN at EL0 only (P set); counter 1: at EL1 only (U set). An SVC from EL0
        // is counted at EL0 (the emulator's choice: the Arm ARM leaves the attribution to the
        // definition of filtering, see docs/debug-pmu.md).
        GuestMachine m = El0(0, [Nop(), Svc(0)], el1Setup: [
            Movz(X(2), 0x09), Movk(X(2), 0x8000, 16), Msr(PMEVTYPER(0), X(2)),
            Movz(X(2), 0x09), Movk(X(2), 0x4000, 16), Msr(PMEVTYPER(1), X(2)),
            Movz(X(2), 0b11), Msr(PMCNTENSET_EL0, X(2)), Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
        ]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        m.Core.SettlePmu();
        Assert.Equal(1UL, m.Core.Pmu.Value[0]); // the SVC from EL0 (its vector's HVC exits to the host)
        Assert.Equal(0UL, m.Core.Pmu.Value[1]);
    }

    [Fact]
    public void Mem_access_counts_every_data_access_an_instruction_makes()
    {
        GuestMachine m = GuestMachine.Load([
            .. MovImm(X(1), Data),
            Ldr(X(3), Mem(X(1))),         // warms the software TLB before counting: counting must not depend on it
            Str(X(3), Mem(X(1), 8)),
            .. Setup(0x13),
            Ldr(X(3), Mem(X(1))),         // 1
            Str(X(3), Mem(X(1), 8)),      // 1
            Ldp(X(5), X(6), X(1)),        // 2: one per register
            Stp(X(5), X(6), X(1), 16),    // 2
            Ldrb(X(7), Mem(X(1), 3)),     // 1
            AddImm(X(8), X(1), 1),
            Nop(),
            Mrs(X(4), PMEVCNTR(0)),       // a System register access is not a memory access
            GuestMachine.EndMarker,
        ]);
        m.RunToEnd();
        Assert.Equal(7UL, m.X(4));
    }

    [Fact]
    public void Mem_access_counts_nothing_while_disabled_and_the_fast_path_returns_after()
    {
        GuestMachine m = GuestMachine.Execute([
            .. MovImm(X(1), Data),
            .. Setup(0x13),
            Ldr(X(3), Mem(X(1))), Ldr(X(3), Mem(X(1))),
            Movz(X(2), 1), Msr(PMCNTENCLR_EL0, X(2)), // counter 0 stops
            Ldr(X(3), Mem(X(1))), Ldr(X(3), Mem(X(1))), Ldr(X(3), Mem(X(1))),
            Mrs(X(4), PMEVCNTR(0)),
        ]);
        Assert.Equal(2UL, m.X(4));
    }

    [Fact]
    public void Bus_access_counts_the_cache_models_memory_transactions()
    {
        (MmuGuest g, CacheHierarchy? cache) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Map(Va + 0x1000, PagePool + 0x1000, 3, NonCacheable);
        g.Load([
            .. Setup(0x19, 0x13),
            .. MovImm(X(1), Va), Movz(X(9), 64),
            Ldr(X(3), Mem(X(1))),
            Hvc(1), // the window starts here
            Ldr(X(3), Mem(X(1))), AddImm(X(1), X(1), 64), SubImm(X(9), X(9), 1), Cbnz(X(9), -12), // 64 write-back lines
            Movz(X(9), 8),
            Str(X(3), Mem(X(1))), AddImm(X(1), X(1), 8), SubImm(X(9), X(9), 1), Cbnz(X(9), -12),    // 8 Non-cacheable stores, one line
            Mrs(X(4), PMEVCNTR(0)), Mrs(X(5), PMEVCNTR(1)),
            Hvc(2), // and ends here
            Hvc(0),
        ]);
        Assert.Equal(CpuExit.HypervisorCall, g.Machine.Run());
        Assert.Equal(1, g.Machine.Core.ExitImmediate);
        long before = cache!.BusTransactions;
        g.Machine.Core.SettlePmu();
        ulong counterBefore = g.Machine.Core.Pmu.Value[0];
        Assert.Equal(CpuExit.HypervisorCall, g.Machine.Run());
        Assert.Equal(2, g.Machine.Core.ExitImmediate);
        long after = cache.BusTransactions;
        Assert.Equal((ulong)(after - before), g.Machine.X(4) - counterBefore);
        Assert.True(after - before >= 63 + 8, $"{after - before} transactions"); // the refills (less line 0) and the uncached stores
        Assert.Equal(64UL + 8 + 1, g.Machine.X(5)); // MEM_ACCESS from the start: the first load, the sweep, the stores
    }
}
