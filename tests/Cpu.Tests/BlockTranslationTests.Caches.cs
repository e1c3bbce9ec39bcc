using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>With the cache model attached: the caches' statistics and line states are compared too.</summary>
public sealed partial class BlockTranslationTests
{
    /// <summary>
    /// A hot loop that streams loads and stores over 2 MiB, more than the L2 holds: lines are
    /// evicted from every level while the loop's own code keeps running from the L1I.
    /// </summary>
    [Theory]
    [InlineData("cortex-a53")]
    [InlineData("cortex-a72")]
    [InlineData("neoverse-n1-slc")]
    public void Streaming_loop_that_evicts_from_every_level_matches_the_interpreter(string preset)
    {
        const ulong lines = 2 * 1024 * 1024 / 64;
        var c = new CodeBuilder()
            .Emit(MovImm(X20, lines))
            .Emit(MovImm(X21, GuestMachine.RamBase + 0x20_0000))
            .Label("loop")
            .Emit(Ldr(X1, Post(X21, 32)))
            .Emit(Add(X0, X0, X1))
            .Emit(Str(X0, Post(X21, 32)))
            .Emit(Eor(X2, X2, X0, ShiftType.ROR, 3))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.WithMmu(c.Build(), CachePresets.Find(preset)!);
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.True(pair.TranslatedCache!.L2.Statistics.Evictions > 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cortex-a53")]
    [InlineData("cortex-a72")]
    [InlineData("neoverse-n1")]
    [InlineData("neoverse-n1-slc")]
    public void Mixed_loop_with_the_mmu_and_cache_model_matches_the_interpreter(string? preset)
    {
        CacheHierarchyConfig? config = preset is null ? null : CachePresets.Find(preset)!;
        var pair = BlockEquivalence.WithMmu(MixedLoop(500), config);
        pair.RunToEnd();
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 500);
        if (pair.TranslatedCache is { } cache)
        {
            Assert.True(cache.L1D(0).Statistics.Hits > 1000, "the loop's data should hit in L1D");
            Assert.True(cache.L1D(0).Statistics.Misses > 0);
            Assert.True(pair.Translated.Core.MemoryCycles > 0);
        }
    }

    [Fact]
    public void Unaligned_and_line_crossing_accesses_with_the_cache_model_match_the_interpreter()
    {
        // Normal memory with the MMU on: unaligned accesses that straddle L1D lines, and a walk
        // over 50 KiB that evicts from the 32 KiB L1D.
        var c = new CodeBuilder()
            .Emit(MovImm(X20, 400))
            .Emit(MovImm(X21, Data + 0x3C))
            .Label("loop")
            .Emit(Ldr(X1, Mem(X21)))                     // 0x3C..0x43
            .Emit(Str(X20, MemUnscaled(X21, 1)))
            .Emit(Ldp(X2, X3, X21))                      // 0x3C..0x4B
            .Emit(Ldrh(W4, MemUnscaled(X21, 3)))         // 0x3F..0x40
            .Emit(Add(X22, X21, X20, ShiftType.LSL, 7))
            .Emit(Ldr(X5, Mem(X22)))
            .Emit(Str(X1, Mem(X22, 8)))
            .Emit(Add(X0, X0, X1))
            .Emit(Add(X0, X0, X2))
            .Emit(Eor(X0, X0, X3))
            .Emit(Add(X0, X0, X4))
            .Emit(Add(X0, X0, X5))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.WithMmu(c.Build(), CachePresets.CortexA72);
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.True(pair.TranslatedCache!.L1D(0).Statistics.Evictions > 0);
    }

    [Fact]
    public void Mixed_budgets_with_the_cache_model_stop_both_at_the_same_instruction()
    {
        var pair = BlockEquivalence.WithMmu(MixedLoop(300), CachePresets.CortexA72);
        RunInSlices(pair, [7, 13, 1003, 1, 64, 33, 2, 97, 31, 500]);
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 300);
    }
}
