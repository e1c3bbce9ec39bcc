using Emulator.Mmu.Caches;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

public class ReplacementPolicyTests
{
    // One set of four ways: lines A..E at 64-byte strides all map to it.
    private static CacheHierarchy OneSetOfFour(ReplacementPolicy policy, ulong seed = 1) => NewHierarchy(
        new CacheHierarchyConfig("one-set", new(256, 4, 64, policy, 1), new(256, 4, 64, policy, 1), new(4096, 4, 64, policy, 10)) { Seed = seed });

    private static ulong LineAt(int k) => RamBase + (ulong)k * 64;

    private static void Touch(CacheHierarchy h, params int[] lines)
    {
        foreach (int k in lines)
            h.Read(0, LineAt(k), 8, WB, out _);
    }

    [Fact]
    public void Lru_EvictsTheLeastRecentlyUsedWay()
    {
        CacheHierarchy h = OneSetOfFour(ReplacementPolicy.Lru);
        Touch(h, 0, 1, 2, 3, 0, 4); // A B C D, A again, then E

        Assert.False(h.L1D(0).Contains(LineAt(1))); // B was least recently used
        Assert.True(h.L1D(0).Contains(LineAt(0)));
        Assert.True(h.L1D(0).Contains(LineAt(2)));
        Assert.True(h.L1D(0).Contains(LineAt(3)));
        Assert.Equal(1, h.L1D(0).Statistics.Evictions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lru_MatchesAListModel_WithRepeatedTouchesOfTheSameLine(int seed)
    {
        // Touching the slot touched last again is skipped (Cache.Touch): the lines kept must still
        // be those of a plain most-recently-used list, over runs of repeated accesses to one line.
        CacheHierarchy h = OneSetOfFour(ReplacementPolicy.Lru);
        var model = new List<int>(); // most recent first
        var random = new Random(seed);
        int k = 0;
        for (int step = 0; step < 5_000; step++)
        {
            if (random.Next(3) == 0)
                k = random.Next(7); // otherwise the same line again
            Touch(h, k);
            model.Remove(k);
            model.Insert(0, k);
            if (model.Count > 4)
                model.RemoveAt(4);
            for (int line = 0; line < 7; line++)
                Assert.True(model.Contains(line) == h.L1D(0).Contains(LineAt(line)), $"step {step}: line {line}");
        }
    }

    [Fact]
    public void PseudoLru_FollowsTheTreeBits()
    {
        // After A B C D (ways 0..3) the root points left and the left node at way 0; touching A
        // turns the root right, where the right node points at way 2 (C, not the LRU's B).
        CacheHierarchy h = OneSetOfFour(ReplacementPolicy.PseudoLru);
        Touch(h, 0, 1, 2, 3, 0, 4);

        Assert.False(h.L1D(0).Contains(LineAt(2)));
        Assert.True(h.L1D(0).Contains(LineAt(1)));
        Assert.Equal(2, h.L1D(0).WayOf(LineAt(4)));

        Touch(h, 5); // E is in way 2; root now points left, left node at way 1 (A in way 0 was touched last there)
        Assert.False(h.L1D(0).Contains(LineAt(1)));
    }

    [Fact]
    public void Random_PicksTheWaysItsSeededGeneratorGives()
    {
        const ulong seed = 42;
        CacheHierarchy h = OneSetOfFour(ReplacementPolicy.Random, seed);
        Touch(h, 0, 1, 2, 3); // ways 0..3 in order (invalid ways first)
        var expected = new XorShift64(seed + 1); // cpu0.l1d's generator: config seed + 1
        var wayHolds = new[] { 0, 1, 2, 3 };
        for (int k = 4; k < 20; k++)
        {
            int way = expected.NextBelow(4);
            Touch(h, k);
            Assert.Equal(way, h.L1D(0).WayOf(LineAt(k)));
            Assert.False(h.L1D(0).Contains(LineAt(wayHolds[way])));
            wayHolds[way] = k;
        }
    }

    [Fact]
    public void Random_IsTheSameForTheSameSeedAndDiffersForAnother()
    {
        static string Resident(ulong seed)
        {
            CacheHierarchy h = OneSetOfFour(ReplacementPolicy.Random, seed);
            for (int k = 0; k < 40; k++)
                h.Read(0, LineAt(k), 8, WB, out _);
            return string.Join(",", Enumerable.Range(0, 40).Where(k => h.L1D(0).Contains(LineAt(k))));
        }
        Assert.Equal(Resident(7), Resident(7));
        Assert.NotEqual(Resident(7), Resident(8));
    }
}
