using Emulator.Mmu.Caches;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

/// <summary>The cases of docs/memory-attributes.md §8 that the display bug is made of, with explicit data.</summary>
public class StaleDataScenarioTests
{
    private const ulong OldPixel = 0x1111_1111_1111_1111;
    private const ulong NewPixel = 0xAABB_CCDD_EEFF_0011;

    [Fact]
    public void NonCacheableGuestWrite_ThenHostReadOfALineTheHostHeld_ReturnsTheOldData()
    {
        CacheHierarchy h = NewHierarchy();
        h.Write(0, Vram, 8, OldPixel, NC);
        OracleRegion vram = h.AddOracleRegion("vram", Vram, 0x1000);
        Assert.Equal(OldPixel, HostRead64(h, Vram)); // the host now holds the line, clean

        h.Write(0, Vram, 8, NewPixel, NC);

        Assert.Equal(NewPixel, Memory64(h, Vram));
        Assert.Equal(OldPixel, HostRead64(h, Vram));
        Assert.Equal(1, vram.StaleReads);
        Assert.Equal(1, h.Oracle.StaleReads);
    }

    [Fact]
    public void WithNcSnoop_TheSameSequenceReturnsTheNewData()
    {
        CacheHierarchy h = NewHierarchy();
        h.NcSnoop = true;
        h.Write(0, Vram, 8, OldPixel, NC);
        OracleRegion vram = h.AddOracleRegion("vram", Vram, 0x1000);
        Assert.Equal(OldPixel, HostRead64(h, Vram));

        h.Write(0, Vram, 8, NewPixel, NC);

        Assert.False(h.L1D(h.HostAgent).Contains(Vram));
        Assert.Equal(NewPixel, HostRead64(h, Vram));
        Assert.Equal(0, vram.StaleReads);
    }

    [Fact]
    public void HostDirtyLineEvictedOverNonCacheableGuestData_DestroysIt()
    {
        CacheHierarchy h = NewHierarchy();
        OracleRegion vram = h.AddOracleRegion("vram", Vram, 0x1000);
        h.HostWrite(Vram, Filled(64, 0x55)); // e.g. the VMM clearing VRAM on mode set
        Assert.True(h.L1D(h.HostAgent).IsDirty(Vram));

        h.WriteBytes(0, Vram, Filled(64, 0xAA), NC); // the guest draws, Non-cacheable
        Assert.Equal(0xAAAAAAAAAAAAAAAAUL, Memory64(h, Vram));

        // The host touches other lines of the same L1 set (stride 128) and L2 set (stride 256):
        // its dirty line goes to L2, then out of L2 to memory.
        var scratch = new byte[8];
        for (ulong k = 1; k <= 6; k++)
            h.HostRead(RamBase + 0x1000 + k * 256, scratch);

        Assert.False(h.L1D(h.HostAgent).Contains(Vram));
        Assert.False(h.L2.Contains(Vram));
        Assert.Equal(0x5555555555555555UL, Memory64(h, Vram));
        Assert.Equal(0x5555555555555555UL, HostRead64(h, Vram));
        Assert.Equal(1, vram.StaleReads);
        Assert.True(h.L1D(h.HostAgent).Statistics.Writebacks >= 1);
        Assert.True(h.L2.Statistics.Writebacks >= 1);
    }

    [Fact]
    public void HostCleanInvalidateBeforeTheRead_ReturnsTheNewData()
    {
        CacheHierarchy h = NewHierarchy();
        h.Write(0, Vram, 8, OldPixel, NC);
        OracleRegion vram = h.AddOracleRegion("vram", Vram, 0x1000);
        Assert.Equal(OldPixel, HostRead64(h, Vram));
        h.Write(0, Vram, 8, NewPixel, NC);

        h.HostCleanInvalidate(Vram, 64);

        Assert.Equal(NewPixel, HostRead64(h, Vram));
        Assert.Equal(0, vram.StaleReads);
        Assert.Equal(1, h.L1D(h.HostAgent).Statistics.Maintenance);
    }

    [Fact]
    public void HostCleanInvalidateOfAHostDirtyLine_WritesTheHostDataOverTheGuests()
    {
        CacheHierarchy h = NewHierarchy();
        h.HostWrite(Vram, BitConverter.GetBytes(OldPixel));
        h.Write(0, Vram, 8, NewPixel, NC);

        h.HostCleanInvalidate(Vram, 64);

        Assert.Equal(OldPixel, Memory64(h, Vram));
    }

    [Fact]
    public void DcIvacOnADirtyLine_LosesTheWrite()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x2000;
        h.Write(0, pa, 8, 0x7777, NC);
        h.Write(0, pa, 8, 0x1234_5678, WB);
        Assert.True(h.L1D(0).IsDirty(pa));

        h.DataCacheByAddress(0, DataCacheOperation.IVAC, pa);

        Assert.False(h.L1D(0).Contains(pa));
        Assert.Equal(0x7777UL, CpuRead(h, 0, pa, WB));
        Assert.Equal(0x7777UL, Memory64(h, pa));
    }

    [Fact]
    public void DcCivacOnADirtyLine_WritesItToMemory()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x2000;
        h.Write(0, pa, 8, 0x1234_5678, WB);
        Assert.Equal(0UL, Memory64(h, pa));

        h.DataCacheByAddress(0, DataCacheOperation.CIVAC, pa);

        Assert.Equal(0x1234_5678UL, Memory64(h, pa));
        Assert.False(h.L1D(0).Contains(pa));
        Assert.False(h.L2.Contains(pa));
    }

    [Fact]
    public void DcCvacLeavesTheLineCachedAndClean()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x2000;
        h.Write(0, pa, 8, 0xCAFE, WB);

        h.DataCacheByAddress(0, DataCacheOperation.CVAC, pa);

        Assert.True(h.L1D(0).Contains(pa));
        Assert.False(h.L1D(0).IsDirty(pa));
        Assert.Equal(0xCAFEUL, Memory64(h, pa));
    }

    [Fact]
    public void GuestCacheableWrite_ThenHostRead_SeesTheNewData()
    {
        CacheHierarchy h = NewHierarchy();
        OracleRegion vram = h.AddOracleRegion("vram", Vram, 0x1000);
        Assert.Equal(0UL, HostRead64(h, Vram)); // host holds the old line

        h.Write(0, Vram, 8, NewPixel, WB);

        Assert.False(h.L1D(h.HostAgent).Contains(Vram)); // invalidated by the write
        Assert.Equal(NewPixel, HostRead64(h, Vram));
        Assert.False(h.L1D(0).IsDirty(Vram)); // the snoop wrote it back to L2
        Assert.True(h.L2.IsDirty(Vram));
        Assert.Equal(0, vram.StaleReads);
    }

    [Fact]
    public void HostWrite_ThenGuestCacheableRead_SeesTheHostData()
    {
        CacheHierarchy h = NewHierarchy();
        h.HostWrite(Vram, BitConverter.GetBytes(OldPixel));
        Assert.Equal(OldPixel, CpuRead(h, 0, Vram, WB));
        Assert.Equal(0UL, CpuRead(h, 0, Vram, NC)); // memory was never written
    }

    [Fact]
    public void WritesOfTwoCpusAreCoherent()
    {
        CacheHierarchy h = NewHierarchy(cpus: 2);
        const ulong pa = RamBase + 0x3000;
        h.Write(0, pa, 4, 0x1111, WB);
        Assert.Equal(0x1111UL, CpuRead(h, 1, pa, WB, 4));
        h.Write(1, pa + 4, 4, 0x2222, WB);
        Assert.False(h.L1D(0).Contains(pa));
        Assert.Equal(0x0000_2222_0000_1111UL, CpuRead(h, 0, pa, WB));
        Assert.Equal(1, h.L1D(0).Statistics.SnoopInvalidations);
    }

    [Fact]
    public void WriteThrough_KeepsMemoryUpToDate()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x4000;
        Assert.Equal(0UL, CpuRead(h, 0, pa, WT)); // allocates (read-allocate hint)
        Assert.True(h.L1D(0).Contains(pa));

        h.Write(0, pa, 8, 0xDEAD_BEEF, WT);

        Assert.Equal(0xDEAD_BEEFUL, Memory64(h, pa));
        Assert.False(h.L1D(0).IsDirty(pa));
        Assert.Equal(0xDEAD_BEEFUL, CpuRead(h, 0, pa, WT));

        h.Write(0, pa + 0x800, 8, 0x42, WT); // a miss does not allocate
        Assert.False(h.L1D(0).Contains(pa + 0x800));
        Assert.Equal(0x42UL, Memory64(h, pa + 0x800));
    }

    [Fact]
    public void NoAllocateHints_AreHonoured()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x5000;
        h.Write(0, pa, 8, 0x99, WBNoAllocate);
        Assert.False(h.L1D(0).Contains(pa));
        Assert.Equal(0x99UL, CpuRead(h, 0, pa, WBNoAllocate));
        Assert.False(h.L1D(0).Contains(pa));
        Assert.False(h.L2.Contains(pa));
        Assert.Equal(0x99UL, Memory64(h, pa));
    }

    [Fact]
    public void AnUnalignedAccessCrossingTwoLines_IsSplit()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x6000 + 60;
        h.Write(0, pa, 8, 0x0102_0304_0506_0708, WB);
        Assert.True(h.L1D(0).IsDirty(RamBase + 0x6000));
        Assert.True(h.L1D(0).IsDirty(RamBase + 0x6040));
        Assert.Equal(0x0102_0304_0506_0708UL, CpuRead(h, 0, pa, WB));
        Assert.Equal(0x0506_0708UL, CpuRead(h, 0, pa, WB, 4));
        h.HostClean(RamBase + 0x6000, 128);
        Assert.Equal(0x0102_0304_0506_0708UL, Memory64(h, pa));
    }

    [Fact]
    public void DeviceAccesses_BypassTheCaches()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0x7000;
        h.Write(0, pa, 4, 0xABCD, WB);
        Assert.Equal(0UL, CpuRead(h, 0, pa, Device, 4));
        h.Write(0, pa, 4, 0x1, Device);
        Assert.Equal(0xABCDUL, CpuRead(h, 0, pa, WB, 4));
        Assert.Equal(0x1UL, Memory64(h, pa));
    }

    [Fact]
    public void ImageLoadedThroughTheHost_StaysInItsCacheUnlessCleaned()
    {
        CacheHierarchy h = NewHierarchy();
        byte[] image = Filled(64, 0xC3);
        h.LoadImage(RamBase, image, cleanToPoC: false);
        Assert.Equal(0UL, CpuRead(h, 0, RamBase, Device)); // MMU-off data access sees memory
        h.LoadImage(RamBase + 0x100, image, cleanToPoC: true);
        Assert.Equal(0xC3C3C3C3C3C3C3C3UL, CpuRead(h, 0, RamBase + 0x100, Device));
    }
}
