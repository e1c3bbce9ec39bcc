using Emulator.Mmu.Caches;

namespace Emulator.Mmu.Tests.Caches;

public class ConfigurationTests
{
    [Theory]
    [InlineData("cortex-a53", 32 * 1024, 4, 32 * 1024, 2, 1024 * 1024, 16, false)]
    [InlineData("cortex-a72", 32 * 1024, 2, 48 * 1024, 3, 1024 * 1024, 16, false)]
    [InlineData("neoverse-n1", 64 * 1024, 4, 64 * 1024, 4, 1024 * 1024, 8, false)]
    [InlineData("Neoverse-N1-SLC", 64 * 1024, 4, 64 * 1024, 4, 1024 * 1024, 8, true)]
    public void PresetsLoadWithTheirManualsShapes(string name, int l1d, int l1dWays, int l1i, int l1iWays, int l2, int l2Ways, bool hasL3)
    {
        CacheHierarchyConfig c = CachePresets.Find(name)!;
        Assert.Null(c.Validate());
        Assert.Equal((l1d, l1dWays), (c.L1D.SizeBytes, c.L1D.Ways));
        Assert.Equal((l1i, l1iWays), (c.L1I.SizeBytes, c.L1I.Ways));
        Assert.Equal((l2, l2Ways), (c.L2.SizeBytes, c.L2.Ways));
        Assert.Equal(hasL3, c.L3 is not null);
        var h = new CacheHierarchy(c, CacheTestBench.NewRam());
        Assert.Equal(hasL3 ? 5 : 4, h.Caches.Count);
        Assert.Equal(["cpu0.l1d", "cpu0.l1i", "host.l1d", "l2"], h.Caches.Select(x => x.Name).Take(4));
    }

    [Fact]
    public void CacheOption_AcceptsPresetFileAndOff()
    {
        Assert.Null(CacheOption.Parse("off"));
        Assert.Equal("cortex-a53", CacheOption.Parse("cortex-a53")!.Name);
        string path = WriteTemp("""{ "l1d": { "size": "16K", "ways": 4 }, "l1i": { "size": 16384, "ways": 2 }, "l2": { "size": "256K", "ways": 8, "replacement": "random", "latency": 12 } }""");
        CacheHierarchyConfig c = CacheOption.Parse(path)!;
        Assert.Equal(Path.GetFileNameWithoutExtension(path), c.Name);
        Assert.Equal(16 * 1024, c.L1D.SizeBytes);
        Assert.Equal(ReplacementPolicy.Random, c.L2.Replacement);
        Assert.Equal(12, c.L2.HitLatency);
        Assert.Null(c.L3);

        var e = Assert.Throws<CacheConfigException>(() => CacheOption.Parse("cortex-z9"));
        Assert.Contains("cortex-z9", e.Message);
        Assert.Contains("cortex-a72", e.Message);
    }

    [Theory]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 0 } }""", "l2.ways: must be from 1 to 1024, not 0")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 } }""", "l2: is required")]
    [InlineData("""{ "l1d": { "size": "32Q", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 } }""", "l1d.size: must be a size such as")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4, "assoc": 2 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 } }""", "l1d.assoc: unknown field")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "48K", "ways": 3, "replacement": "plru" }, "l2": { "size": "1M", "ways": 16 } }""", "l1i.replacement: plru needs a power-of-two")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4, "line_size": 32 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 } }""", "l1i.line_size: must equal l1d.line_size (32)")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": "four" }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 } }""", "l1d.ways: must be an integer, not \"four\"")]
    [InlineData("""{ "l1d": { "size": "24K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 } }""", "l1d.size: gives 96 sets")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": { "multipy": 3 } }""", "core.multipy: unknown field")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": { "divide": -1 } }""", "core.divide: must be from 0 to 100000 cycles, not -1")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": { "btb_entries": 300 } }""", "core.btb_entries: must be a power of two")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": { "return_stack": 2000 } }""", "core.return_stack: must be from 0 to 1024")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": 5 }""", "core: must be an object")]
    [InlineData("""{ "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": { "alu": "one" } }""", "core.alu: must be an integer, not \"one\"")]
    public void JsonErrorsNameTheFileAndTheField(string json, string expected)
    {
        string path = WriteTemp(json);
        var e = Assert.Throws<CacheConfigException>(() => CacheConfigJson.LoadFile(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void CoreSection_SetsTheTimingProfile_AndAbsentFieldsKeepTheDefaults()
    {
        CacheHierarchyConfig c = CacheConfigJson.Parse("""
            { "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 },
              "core": { "alu": 2, "multiply": 5, "divide": 30, "branch": 2, "load_store": 3, "system": 7, "barrier": 40,
                        "exception": 50, "mispredict_penalty": 9, "predictor_entries": 1024, "btb_entries": 64,
                        "return_stack": 4, "device_access": 300 } }
            """, "t.json");
        Assert.Equal(new CoreTimingConfig
        {
            Alu = 2, Multiply = 5, Divide = 30, Branch = 2, LoadStore = 3, System = 7, Barrier = 40, ExceptionEntry = 50,
            MispredictPenalty = 9, PredictorEntries = 1024, TargetBufferEntries = 64, ReturnStackDepth = 4, DeviceAccess = 300,
        }, c.Core);
        CacheHierarchyConfig partial = CacheConfigJson.Parse("""
            { "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 }, "core": { "divide": 20 } }
            """, "t.json");
        Assert.Equal(new CoreTimingConfig { Divide = 20 }, partial.Core);
        CacheHierarchyConfig none = CacheConfigJson.Parse("""
            { "l1d": { "size": "32K", "ways": 4 }, "l1i": { "size": "32K", "ways": 2 }, "l2": { "size": "1M", "ways": 16 } }
            """, "t.json");
        Assert.Equal(new CoreTimingConfig(), none.Core);
    }

    [Theory]
    [InlineData("cortex-a53", 8)]
    [InlineData("cortex-a72", 15)]
    [InlineData("neoverse-n1", 11)]
    [InlineData("neoverse-n1-slc", 11)]
    public void PresetsCarryTheirCoresTimingProfile(string name, int mispredictPenalty)
    {
        CacheHierarchyConfig c = CachePresets.Find(name)!;
        Assert.Null(c.Core.Validate());
        Assert.Equal(mispredictPenalty, c.Core.MispredictPenalty);
    }

    [Fact]
    public void MalformedJson_IsOneLineWithItsPosition()
    {
        string path = WriteTemp("{\n  \"l1d\": { \"size\" \"32K\" }\n}");
        var e = Assert.Throws<CacheConfigException>(() => CacheConfigJson.LoadFile(path));
        Assert.StartsWith(path + ": invalid JSON at line 2, column", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Fact]
    public void MissingFile_IsOneLine()
    {
        var e = Assert.Throws<CacheConfigException>(() => CacheConfigJson.LoadFile("/nonexistent/cache.json"));
        Assert.StartsWith("/nonexistent/cache.json: cannot read", e.Message);
    }

    private static string WriteTemp(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cache-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
