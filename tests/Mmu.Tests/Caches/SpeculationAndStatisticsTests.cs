using System.Text.Json;
using Emulator.Mmu.Caches;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

public class SpeculationAndStatisticsTests
{
    private static string ResidentHostLines(ulong seed)
    {
        CacheHierarchy h = NewHierarchy(CachePresets.CortexA72);
        h.SetSpeculativeFills(new SpeculativeFillConfig(seed, 0.25, [new PhysicalRange(Vram, 0x10000)]));
        var buffer = new byte[64];
        for (ulong off = 0; off < 0x4000; off += 0x100)
            h.HostRead(Vram + off, buffer);
        h.SpeculateRandomLines(50);
        var lines = Enumerable.Range(0, 0x10000 / 64).Where(i => h.L1D(h.HostAgent).Contains(Vram + (ulong)i * 64));
        return $"{h.L1D(h.HostAgent).Statistics.SpeculativeFills}:{string.Join(",", lines)}";
    }

    [Fact]
    public void SpeculativeFills_AreDeterministicForASeed()
    {
        string first = ResidentHostLines(1234);
        Assert.Equal(first, ResidentHostLines(1234));
        Assert.NotEqual(first, ResidentHostLines(99));
        Assert.True(long.Parse(first.Split(':')[0]) > 10, first); // next-line prefetches plus random pulls happened
    }

    [Fact]
    public void NextLinePrefetch_AtRateOne_BringsTheFollowingLine()
    {
        CacheHierarchy h = NewHierarchy();
        h.SetSpeculativeFills(new SpeculativeFillConfig(1, 1.0, [new PhysicalRange(Vram, 0x1000)]));
        h.HostRead(Vram, new byte[8]);
        Assert.True(h.L1D(h.HostAgent).Contains(Vram + 64));
        Assert.Equal(1, h.L1D(h.HostAgent).Statistics.SpeculativeFills);
        h.HostRead(Vram + 0xFC0, new byte[8]); // the next line is outside the region
        Assert.False(h.L1D(h.HostAgent).Contains(Vram + 0x1000));
    }

    [Fact]
    public void RateZero_NeverSpeculates()
    {
        CacheHierarchy h = NewHierarchy();
        h.SetSpeculativeFills(new SpeculativeFillConfig(1, 0.0, [new PhysicalRange(Vram, 0x1000)]));
        for (ulong off = 0; off < 0x1000; off += 64)
            h.HostRead(Vram + off, new byte[8]);
        Assert.Equal(0, h.L1D(h.HostAgent).Statistics.SpeculativeFills);
    }

    [Fact]
    public void ASpeculativeFillBetweenMaintenanceAndTheGuestsWrite_MakesTheNextReadStale()
    {
        CacheHierarchy h = NewHierarchy();
        OracleRegion vram = h.AddOracleRegion("vram", Vram, 64);
        h.SetSpeculativeFills(new SpeculativeFillConfig(5, 0.0, [new PhysicalRange(Vram, 64)]));
        h.HostCleanInvalidate(Vram, 64);          // the VMM's "fix"
        Assert.Equal(1, h.SpeculateRandomLines(1)); // the line comes back, old
        h.Write(0, Vram, 8, 0xF00D, NC);          // the guest draws around the cache
        Assert.Equal(0UL, HostRead64(h, Vram));
        Assert.Equal(1, vram.StaleReads);
    }

    [Fact]
    public void Latency_ComesFromTheLevelThatAnswered()
    {
        CacheHierarchy h = NewHierarchy();
        const ulong pa = RamBase + 0xA000;
        Assert.Equal(1 + 10 + 100, h.Read(0, pa, 8, WB, out _)); // L1, L2 miss; memory
        Assert.Equal(1, h.Read(0, pa, 8, WB, out _));            // L1 hit
        Assert.Equal(100, h.Read(0, pa, 8, NC, out _));          // around the caches
        Assert.Equal(1 + 10, h.HostRead(pa, new byte[8]));       // host L1 miss, L2 hit
    }

    [Fact]
    public void StatisticsAreWrittenAsTheReportsCacheObject()
    {
        CacheHierarchy h = NewHierarchy();
        h.AddOracleRegion("vram", Vram, 0x1000);
        h.Read(0, RamBase, 8, WB, out _);
        h.Read(0, RamBase, 8, WB, out _);
        HostRead64(h, Vram);
        h.Write(0, Vram, 8, 1, NC);
        HostRead64(h, Vram);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            h.WriteStatistics(writer);
            writer.WriteEndObject();
        }
        using JsonDocument doc = JsonDocument.Parse(stream.ToArray());
        JsonElement cache = doc.RootElement.GetProperty("cache");
        JsonElement l1d = cache.GetProperty("cpu0.l1d");
        Assert.Equal(1, l1d.GetProperty("hits").GetInt64());
        Assert.Equal(1, l1d.GetProperty("misses").GetInt64());
        Assert.Equal(1, l1d.GetProperty("fills").GetInt64());
        foreach (string field in new[] { "writebacks", "evictions", "maintenance" })
            Assert.Equal(0, l1d.GetProperty(field).GetInt64());
        Assert.Equal(1, cache.GetProperty("host.l1d").GetProperty("hits").GetInt64());
        Assert.Equal(2, cache.GetProperty("l2").GetProperty("misses").GetInt64());
        Assert.True(cache.TryGetProperty("cpu0.l1i", out _));
        Assert.Equal(1, cache.GetProperty("stale_reads").GetInt64());
        Assert.Equal(1, cache.GetProperty("stale_reads_by_region").GetProperty("vram").GetInt64());
    }
}
