using Emulator.Mmu.Caches;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

public class MaintenanceTests
{
    [Fact]
    public void SetWayOperand_PositionsSetAndWayAsTheArmArmSays()
    {
        var h = new CacheHierarchy(CachePresets.CortexA72, NewRam());
        Assert.Equal(0x8000_0140UL, h.SetWayOperand(level: 1, set: 5, way: 1));   // L1D 2 ways: way in bit 31, set at bit 6
        Assert.Equal(0x7000_00C2UL, h.SetWayOperand(level: 2, set: 3, way: 7));   // L2 16 ways: way in [31:28], level field 1
    }

    [Fact]
    public void SetWayCleanOverAllSetsAndWays_CleansTheWholeCache()
    {
        CacheHierarchy h = NewHierarchy();
        // Dirty every way of L1 and push more dirty lines into L2 by eviction.
        for (ulong i = 0; i < 12; i++)
            h.Write(0, RamBase + i * 64, 8, 0x1000 + i, WB);
        Assert.Equal(4, h.L1D(0).DirtyLines);
        Assert.True(h.L2.DirtyLines > 0);

        // As Linux's __flush_dcache_all: for each level to LoC, for each set and way (from CCSIDR_EL1).
        ulong clidr = CacheIdRegisters.Clidr(h.Config);
        int loc = (int)((clidr >> 24) & 7);
        for (int level = 0; level < loc; level++)
        {
            ulong ccsidr = CacheIdRegisters.Ccsidr(h.Config, (ulong)level << 1);
            int ways = (int)((ccsidr >> 3) & 0x3FF) + 1;
            int sets = (int)((ccsidr >> 13) & 0x7FFF) + 1;
            for (int set = 0; set < sets; set++)
            {
                for (int way = 0; way < ways; way++)
                    h.DataCacheBySetWay(0, SetWayOperation.CSW, h.SetWayOperand(level + 1, set, way));
            }
        }

        Assert.Equal(0, h.L1D(0).DirtyLines);
        Assert.Equal(0, h.L2.DirtyLines);
        Assert.Equal(4, h.L1D(0).ValidLines); // clean, not invalidate
        for (ulong i = 0; i < 12; i++)
            Assert.Equal(0x1000 + i, Memory64(h, RamBase + i * 64));
        Assert.Equal(4, h.L1D(0).Statistics.Maintenance);
        Assert.Equal(16, h.L2.Statistics.Maintenance);
    }

    [Fact]
    public void SetWayInvalidate_DropsExactlyTheAddressedLine_AndItsDirtyData()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong a = RamBase + 0x40, b = RamBase + 0xC0; // same L1 set (1), two ways
        h.Write(0, a, 8, 0xA, WB);
        h.Write(0, b, 8, 0xB, WB);
        int way = h.L1D(0).WayOf(b);

        h.DataCacheBySetWay(0, SetWayOperation.ISW, h.SetWayOperand(1, set: 1, way));

        Assert.False(h.L1D(0).Contains(b));
        Assert.True(h.L1D(0).IsDirty(a));
        Assert.Equal(0UL, CpuRead(h, 0, b, WB));

        h.DataCacheBySetWay(0, SetWayOperation.CISW, h.SetWayOperand(1, set: 1, h.L1D(0).WayOf(a)));
        Assert.False(h.L1D(0).Contains(a));
        Assert.True(h.L2.IsDirty(a)); // a set/way clean goes to the next level
        Assert.Equal(0xAUL, CpuRead(h, 0, a, WB));
    }

    [Fact]
    public void InstructionCache_IsNotCoherentWithDataWrites_UntilCleanToPoUAndIcInvalidate()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong code = RamBase + 0x8000;
        const uint nop = 0xD503201F;
        h.Fetch(0, code, WB, out uint before);
        Assert.Equal(0u, before);

        h.Write(0, code, 4, nop, WB);
        h.Fetch(0, code, WB, out uint stale);
        Assert.Equal(0u, stale);

        h.InstructionCacheInvalidateByAddress(0, code); // without DC CVAU the L1I refills old data from L2
        h.Fetch(0, code, WB, out uint stillStale);
        Assert.Equal(0u, stillStale);

        h.DataCacheByAddress(0, DataCacheOperation.CVAU, code);
        Assert.True(h.L2.IsDirty(code));
        Assert.Equal(0UL, Memory64(h, code)); // PoU is L2, not memory
        h.Fetch(0, code, WB, out uint stillCached);
        Assert.Equal(0u, stillCached);
        h.InstructionCacheInvalidateAll(0);
        h.Fetch(0, code, WB, out uint fresh);
        Assert.Equal(nop, fresh);
    }

    [Fact]
    public void NonCacheableFetch_ReadsMemoryAndLeavesTheInstructionCacheAlone()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong code = RamBase + 0x8800;
        h.Write(0, code, 4, 0xD503201F, WB); // dirty in L1D only
        Assert.Equal(100, h.Fetch(0, code, NC, out uint fetched));
        Assert.Equal(0u, fetched);
        Assert.Equal(0, h.L1I(0).ValidLines);
        h.NcSnoop = true;
        h.Fetch(0, code, NC, out fetched);
        Assert.Equal(0xD503201Fu, fetched);
    }

    [Fact]
    public void DcZva_WriteAllocatesZerosForCacheable_ZerosMemoryForNonCacheable_RefusesDevice()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x9000;
        h.Ram.Write(pa, Filled(256, 0xFF));

        Assert.True(h.DataCacheZeroByAddress(0, pa + 0x48, WB, out _)); // zeros the 64-byte block at pa + 0x40
        Assert.True(h.L1D(0).IsDirty(pa + 0x40));
        Assert.Equal(0UL, CpuRead(h, 0, pa + 0x78, WB));
        Assert.Equal(ulong.MaxValue, Memory64(h, pa + 0x40)); // not yet in memory
        Assert.Equal(ulong.MaxValue, CpuRead(h, 0, pa, WB)); // neighbour untouched
        Assert.Equal(0, h.L1D(0).Statistics.Fills - 1); // the zeroed line was not fetched; pa's read was

        Assert.True(h.DataCacheZeroByAddress(0, pa + 0x80, NC, out _));
        Assert.Equal(0UL, Memory64(h, pa + 0x80));
        Assert.False(h.L1D(0).Contains(pa + 0x80));

        Assert.False(h.DataCacheZeroByAddress(0, pa + 0xC0, Device, out _));
        Assert.Equal(ulong.MaxValue, Memory64(h, pa + 0xC0));
    }

    [Fact]
    public void HostMaintenanceByRange_CountsLinesInEveryDataCache()
    {
        CacheHierarchy h = NewHierarchy(cpus: 2);
        h.HostClean(Vram, 256);
        Assert.Equal(4, h.L1D(0).Statistics.Maintenance);
        Assert.Equal(4, h.L1D(1).Statistics.Maintenance);
        Assert.Equal(4, h.L1D(h.HostAgent).Statistics.Maintenance);
        Assert.Equal(4, h.L2.Statistics.Maintenance);
        Assert.Equal(0, h.L1I(0).Statistics.Maintenance);
    }
}
