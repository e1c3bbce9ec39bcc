using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Caches;
using Emulator.Cpu.Tests.Mmu;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Caches.CacheGuest;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Pmu.PmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>
/// The cache events count what the cache model's statistics count: a load sweep over one 4 KiB
/// page mapped Normal write-back refills the L1D once per line; mapped Normal Non-cacheable it
/// refills nothing. The counters are compared with the model's own statistics over the same window.
/// The page is touched before the window: a TLB miss's walk reads its descriptors through the L1D
/// and those refills count too.
/// </summary>
public sealed class PmuCacheEventTests
{
    private static (ulong[] Counters, CacheStatistics Before, CacheStatistics After, CacheStatistics L2Before, CacheStatistics L2After) Sweep(ulong mapping)
    {
        (MmuGuest g, CacheHierarchy? cache) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, mapping);
        g.Load([
            Movz(X(2), 0x03), Msr(PMEVTYPER(0), X(2)), // L1D_CACHE_REFILL
            Movz(X(2), 0x04), Msr(PMEVTYPER(1), X(2)), // L1D_CACHE
            Movz(X(2), 0x17), Msr(PMEVTYPER(2), X(2)), // L2D_CACHE_REFILL
            Movz(X(2), 0x16), Msr(PMEVTYPER(3), X(2)), // L2D_CACHE
            Movz(X(2), 0b1111), Msr(PMCNTENSET_EL0, X(2)),
            .. MovImm(X(1), Va), Movz(X(9), 64),
            Ldr(X(3), Mem(X(1))), // fills the TLB (its walk reads descriptors through the L1D) and, write-back, line 0
            Hvc(1), // the window starts here
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
            Ldr(X(3), Mem(X(1))), AddImm(X(1), X(1), 64), SubImm(X(9), X(9), 1), Cbnz(X(9), -12),
            Mrs(X(4), PMEVCNTR(0)), Mrs(X(5), PMEVCNTR(1)), Mrs(X(6), PMEVCNTR(2)), Mrs(X(7), PMEVCNTR(3)),
            Hvc(2), // and ends here
            Hvc(0),
        ]);
        Assert.Equal(CpuExit.HypervisorCall, g.Machine.Run());
        Assert.Equal(1, g.Machine.Core.ExitImmediate);
        CacheStatistics before = cache!.L1D(0).Statistics, l2Before = cache.L2.Statistics;
        Assert.Equal(CpuExit.HypervisorCall, g.Machine.Run());
        Assert.Equal(2, g.Machine.Core.ExitImmediate);
        return ([g.Machine.X(4), g.Machine.X(5), g.Machine.X(6), g.Machine.X(7)], before, cache.L1D(0).Statistics, l2Before, cache.L2.Statistics);
    }

    [Fact]
    public void Write_back_sweep_refills_the_l1d_once_per_line_as_the_model_counts()
    {
        (ulong[] c, CacheStatistics before, CacheStatistics after, CacheStatistics l2Before, CacheStatistics l2After) = Sweep(Normal);
        Assert.Equal((ulong)(after.Fills - after.SpeculativeFills - (before.Fills - before.SpeculativeFills)), c[0]);
        Assert.Equal((ulong)(after.Hits + after.Misses - before.Hits - before.Misses), c[1]);
        Assert.Equal((ulong)(l2After.Fills - l2After.SpeculativeFills - (l2Before.Fills - l2Before.SpeculativeFills)), c[2]);
        Assert.Equal((ulong)(l2After.Hits + l2After.Misses - l2Before.Hits - l2Before.Misses), c[3]);
        Assert.Equal(63UL, c[0]); // 64 lines of 64 bytes, all but line 0 new
        Assert.Equal(64UL, c[1]);
    }

    [Fact]
    public void Non_cacheable_sweep_refills_nothing()
    {
        (ulong[] c, _, _, _, _) = Sweep(NonCacheable);
        Assert.Equal(0UL, c[0]);
        Assert.Equal(0UL, c[1]);
        Assert.Equal(0UL, c[2]);
    }
}
