using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Caches.CacheGuest;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Caches;

/// <summary>Guest code running with the cache model attached: data paths, host agent, timing.</summary>
public sealed class CacheIntegrationTests
{
    private const ulong Old = 0x1111_1111_1111_1111, New = 0x2222_2222_2222_2222;

    private static (MmuGuest, CacheHierarchy) StoreThrough(ulong mapping, bool hostHeldLine)
    {
        (MmuGuest g, CacheHierarchy? cache) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, mapping);
        g.Machine.Write64(PagePool, Old);
        if (hostHeldLine)
            cache!.HostRead(PagePool, new byte[8]);
        g.Load([.. MovImm(X1, Va), .. MovImm(X2, New), Str(X2, Mem(X1)), Dsb(), Hvc(0)]);
        g.Machine.RunToEnd();
        return (g, cache!);
    }

    private static ulong HostRead64(CacheHierarchy cache, ulong pa)
    {
        var buffer = new byte[8];
        cache.HostRead(pa, buffer);
        return BitConverter.ToUInt64(buffer);
    }

    [Fact]
    public void Non_cacheable_guest_store_is_not_seen_by_a_host_read_of_a_line_the_host_held()
    {
        (MmuGuest g, CacheHierarchy cache) = StoreThrough(NonCacheable, hostHeldLine: true);
        Assert.Equal(New, g.Machine.Read64(PagePool)); // the store went to memory
        Assert.Equal(Old, HostRead64(cache, PagePool)); // the host's stale line wins
        cache.HostInvalidate(PagePool, 64);
        Assert.Equal(New, HostRead64(cache, PagePool));
    }

    [Fact]
    public void Cacheable_guest_store_is_seen_by_the_host_agent()
    {
        (MmuGuest g, CacheHierarchy cache) = StoreThrough(Normal, hostHeldLine: true);
        Assert.Equal(Old, g.Machine.Read64(PagePool)); // still only in the guest's L1D
        Assert.Equal(New, HostRead64(cache, PagePool)); // coherent: the snoop finds it
    }

    [Fact]
    public void Guest_DC_CIVAC_on_a_cacheable_alias_makes_a_Non_cacheable_write_visible_to_it()
    {
        (MmuGuest g, _) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Map(Va + 0x1000, PagePool, 3, NonCacheable); // the same PA, Non-cacheable
        g.Machine.Write64(PagePool, Old);
        g.Load([
            .. MovImm(X1, Va), .. MovImm(X3, Va + 0x1000), .. MovImm(X2, New),
            Ldr(X4, Mem(X1)),       // the line is now in L1D (clean)
            Str(X2, Mem(X3)), Dsb(), // NC write goes around it
            Ldr(X5, Mem(X1)),       // stale: the cached copy
            DcCivac(X1), Dsb(),
            Ldr(X6, Mem(X1)),       // refilled from memory
            Hvc(0),
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(Old, g.Machine.X(4));
        Assert.Equal(Old, g.Machine.X(5));
        Assert.Equal(New, g.Machine.X(6));
    }

    [Fact]
    public void DC_IVAC_discards_a_dirty_line()
    {
        (MmuGuest g, _) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Machine.Write64(PagePool, Old);
        g.Load([.. MovImm(X1, Va), .. MovImm(X2, New), Str(X2, Mem(X1)), DcIvac(X1), Dsb(), Ldr(X3, Mem(X1)), Hvc(0)]);
        g.Machine.RunToEnd();
        Assert.Equal(Old, g.Machine.X(3));
    }

    [Fact]
    public void DC_CVAC_writes_the_guest_store_to_memory()
    {
        (MmuGuest g, _) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Load([.. MovImm(X1, Va), .. MovImm(X2, New), Str(X2, Mem(X1)), DcCvac(X1), Dsb(), Hvc(0)]);
        g.Machine.RunToEnd();
        Assert.Equal(New, g.Machine.Read64(PagePool));
    }

    [Fact]
    public void DC_CISW_over_every_set_and_way_of_L1_cleans_the_guest_store_to_L2_and_not_memory()
    {
        (MmuGuest g, CacheHierarchy? cache) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        // Level 1 (operand level field 0): 256 sets x 2 ways of 64-byte lines; way in bits [31], set in [13:6].
        g.Load([
            .. MovImm(X1, Va), .. MovImm(X2, New), Str(X2, Mem(X1)),
            Movz(X3, 0),
            .. MovImm(X4, 1UL << 14),
            // loop: DC CISW, X3; X3 += 64; until X3 == 1 << 14; then the way bit
            DcCisw(X3), AddImm(X3, X3, 64), Cmp(X3, X4), BCond(Cond.NE, -8),
            .. MovImm(X3, 1UL << 31), .. MovImm(X4, (1UL << 31) | (1UL << 14)),
            DcCisw(X3), AddImm(X3, X3, 64), Cmp(X3, X4), BCond(Cond.NE, -8),
            Dsb(), Hvc(0),
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(0UL, g.Machine.Read64(PagePool)); // set/way to level 1 stops at L2
        Assert.True(cache!.L2.IsDirty(PagePool));
        Assert.False(cache.L1D(0).Contains(PagePool));
        Assert.Equal(New, HostRead64(cache, PagePool));
    }

    [Fact]
    public void Exclusives_and_atomics_see_the_guest_dirty_line()
    {
        (MmuGuest g, _) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Machine.Write64(PagePool, Old);
        g.Load([
            .. MovImm(X1, Va), .. MovImm(X2, New), Str(X2, Mem(X1)),
            A64Sync.Ldxr(3, 3, 1), AddImm(X3, X3, 1), A64Sync.Stxr(3, 4, 3, 1), Ldr(X5, Mem(X1)),
            Hvc(0),
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(New, g.Machine.X(3) - 1);
        Assert.Equal(0UL, g.Machine.X(4));
        Assert.Equal(New + 1, g.Machine.X(5));
        Assert.Equal(Old, g.Machine.Read64(PagePool)); // all of it still in the L1D
    }

    [Fact]
    public void Host_side_guest_memory_reads_see_the_newest_data()
    {
        (MmuGuest g, _) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Load([.. MovImm(X1, Va), .. MovImm(X2, New), Str(X2, Mem(X1)), Hvc(0)]);
        g.Machine.RunToEnd();
        var buffer = new byte[8];
        Assert.True(g.Machine.Core.ReadGuestMemory(Va, buffer));
        Assert.Equal(New, BitConverter.ToUInt64(buffer));
    }

    [Fact]
    public void Translation_table_walks_with_cacheable_attributes_see_descriptors_still_in_L1D()
    {
        (MmuGuest g, CacheHierarchy? cache) = Create(CachePresets.CortexA72);
        ulong descriptor = g.DescriptorAddress(Va, 3); // creates the tables; the entry is invalid
        g.Machine.Write64(PagePool, Old);
        g.Load([
            .. MovImm(X1, descriptor), .. MovImm(X2, Page(PagePool, Normal)), Str(X2, Mem(X1)), Dsb(), Isb(),
            .. MovImm(X3, Va), Ldr(X4, Mem(X3)),
            Hvc(0),
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(Old, g.Machine.X(4));
        Assert.Equal(0UL, g.Machine.Read64(descriptor)); // the walk found it in the cache, not in memory
        Assert.True(cache!.L1D(0).Statistics.Hits > 0);
    }

    [Theory]
    [InlineData(1_000_000UL, 0)]
    [InlineData(7UL, 0)] // many short runs: the fast path's hits are added at the end of each
    [InlineData(1_000_000UL, 30)] // a loop body over two or three L1I lines: both fast-path entries in use
    [InlineData(5UL, 30)]
    public void Every_cacheable_fetch_is_one_L1I_lookup_also_on_the_fast_path(ulong slice, int nops)
    {
        (ulong Lookups, ulong Instructions) Run(int iterations)
        {
            (MmuGuest g, CacheHierarchy? cache) = Create(CachePresets.CortexA72);
            var code = new CodeBuilder().Emit(Movz(X0, (ushort)iterations)).Label("loop").Emit(SubImm(X0, X0, 1))
                .Emit(Enumerable.Repeat(Nop(), nops)).Emit("loop", off => Cbnz(X0, off)).Emit(Hvc(0));
            g.Load(code.Build());
            while (g.Machine.Run(slice) == Emulator.Cpu.Core.CpuExit.BudgetExhausted)
            {
            }
            Assert.Equal(Emulator.Cpu.Core.CpuExit.HypervisorCall, g.Machine.LastExit);
            CacheStatistics l1i = cache!.L1I(0).Statistics;
            return ((ulong)(l1i.Hits + l1i.Misses), g.Machine.Core.Instructions);
        }
        (ulong lookups10, ulong instructions10) = Run(10);
        (ulong lookups1000, ulong instructions1000) = Run(1000);
        Assert.Equal((ulong)(2 + nops) * 990, instructions1000 - instructions10);
        Assert.Equal(instructions1000 - instructions10, lookups1000 - lookups10);
    }

    /// <summary>
    /// Runs <paramref name="g"/> one instruction at a time to its HVC #0, sending a reference
    /// hierarchy every cacheable fetch the core made (identity map, Normal write-back once the MMU
    /// is on) and every IC IALLU it ran; returns the reference.
    /// </summary>
    private static CacheHierarchy StepWithReferenceL1I(MmuGuest g, CacheHierarchyConfig config)
    {
        var reference = new CacheHierarchy(config, new Emulator.Mmu.Physical.Ram(GuestMachine.RamBase, GuestMachine.RamSize), cpuCount: 1);
        Emulator.Cpu.Core.ArmCore core = g.Machine.Core;
        while (true)
        {
            ulong pc = core.Pc;
            bool cacheable = (core.Sys.SCTLR_EL1 & 1) != 0;
            uint word = g.Machine.Read32(pc);
            Emulator.Cpu.Core.CpuExit exit = core.Run(1);
            if (cacheable)
                reference.Fetch(0, pc, Emulator.Mmu.Attributes.MemoryAttributes.NormalWriteBack, out _);
            if (word == IcIallu())
                reference.InstructionCacheInvalidateAll(0);
            if (exit == Emulator.Cpu.Core.CpuExit.HypervisorCall)
                return reference;
            Assert.Equal(Emulator.Cpu.Core.CpuExit.BudgetExhausted, exit);
        }
    }

    [Theory]
    [InlineData("cortex-a72")]  // L1I 48K 3-way LRU
    [InlineData("neoverse-n1")] // L1I 64K 4-way pseudo-LRU
    public void The_fetch_fast_paths_leave_the_L1I_exactly_as_fetching_every_instruction_through_it(string preset)
    {
        // Five functions 16 KiB apart share one L1I set (more than its ways: every call evicts),
        // called in a loop from code that stays in the fast path; the core's L1I must end in the
        // same state (lines, ways, hits, misses) as a reference hierarchy that is sent every
        // cacheable fetch the core made, one by one.
        CacheHierarchyConfig config = CachePresets.Find(preset)!;
        (MmuGuest g, CacheHierarchy? cache) = Create(config);
        ulong[] functions = [.. new[] { 1, 2, 3, 5, 6 }.Select(k => GuestMachine.CodeBase + (ulong)k * 0x4000 + 0x800)];
        var code = new CodeBuilder().Emit(Movz(X9, 40)).Label("loop");
        foreach (ulong f in functions)
            code.Emit([.. MovImm(X1, f), Blr(X1)]);
        code.Emit(SubImm(X9, X9, 1)).Emit("loop", off => Cbnz(X9, off)).Emit(Hvc(0));
        g.Load(code.Build());
        foreach (ulong f in functions)
            g.Machine.WriteWords(f, [AddImm(X2, X2, 1), Ret()]);

        CacheHierarchy reference = StepWithReferenceL1I(g, config);
        Assert.Equal(40UL * 5, g.Machine.X(2));
        Cache mine = cache!.L1I(0), theirs = reference.L1I(0);
        Assert.True(theirs.Statistics.Misses > 150, $"the functions evict each other ({theirs.Statistics.Misses} misses)");
        Assert.Equal(theirs.Statistics.Hits, mine.Statistics.Hits);
        Assert.Equal(theirs.Statistics.Misses, mine.Statistics.Misses);
        for (ulong pa = GuestMachine.CodeBase; pa < GuestMachine.CodeBase + 7 * 0x4000; pa += 64)
            Assert.True(theirs.WayOf(pa) == mine.WayOf(pa), $"line 0x{pa:x}: way {mine.WayOf(pa)}, reference {theirs.WayOf(pa)}");
    }

    [Theory]
    [InlineData("cortex-a72")]
    [InlineData("neoverse-n1")]
    public void An_IC_IALLU_without_ISB_leaves_no_line_on_the_fetch_fast_path(string preset)
    {
        // A loop over two lines: the first ends with IC IALLU (no ISB), so the fetch after it is
        // on the second line, which makes the first the fast path's other entry; the branch back
        // must miss on the first line, as for a reference hierarchy that is sent every fetch and
        // the invalidation.
        CacheHierarchyConfig config = CachePresets.Find(preset)!;
        (MmuGuest g, CacheHierarchy? cache) = Create(config);
        const ulong Loop = GuestMachine.CodeBase + 0x2000; // line-aligned
        g.Load([Movz(X9, 30), .. MovImm(X1, Loop), Br(X1)]);
        g.Machine.WriteWords(Loop, [.. Enumerable.Repeat(AddImm(X2, X2, 1), 15), IcIallu()]);
        g.Machine.WriteWords(Loop + 64, [SubImm(X9, X9, 1), Cbnz(X9, -68), Hvc(0)]);

        CacheHierarchy reference = StepWithReferenceL1I(g, config);
        Assert.Equal(30UL * 15, g.Machine.X(2));
        Cache mine = cache!.L1I(0), theirs = reference.L1I(0);
        Assert.True(theirs.Statistics.Misses >= 30 * 2, $"every pass refetches both lines ({theirs.Statistics.Misses} misses)");
        Assert.Equal(theirs.Statistics.Hits, mine.Statistics.Hits);
        Assert.Equal(theirs.Statistics.Misses, mine.Statistics.Misses);
    }

    [Fact]
    public void Memory_cycles_are_added_to_the_core_cycles()
    {
        (MmuGuest g, _) = Create(CachePresets.CortexA72);
        g.Map(Va, PagePool, 3, Normal);
        g.Load([.. MovImm(X1, Va), Ldr(X2, Mem(X1)), Hvc(0)]);
        g.Machine.RunToEnd();
        ulong memory = g.Machine.Core.MemoryCycles;
        Assert.True(memory >= 180, $"a cold miss costs at least the memory latency, got {memory}");
        Assert.Equal(g.Machine.Core.BusyCycles + memory, g.Machine.Core.Cycles);

        (MmuGuest off, _) = Create(null);
        off.Load([.. MovImm(X1, Va), Hvc(0)]);
        off.Machine.RunToEnd();
        Assert.Equal(0UL, off.Machine.Core.MemoryCycles);
        Assert.Equal(off.Machine.Core.BusyCycles, off.Machine.Core.Cycles);
    }
}
