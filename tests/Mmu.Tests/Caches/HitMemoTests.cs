using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

/// <summary>
/// The L1D hit paths (<see cref="CacheHierarchy.TryReadHit"/>, <see cref="CacheHierarchy.TryWriteHit"/>,
/// used by <see cref="CacheHierarchy.Read"/> and <see cref="CacheHierarchy.Write"/>) look first at
/// the slot touched last and leave a repeated touch of it out. They must do exactly what the
/// any-length paths do: two hierarchies get the same random stream of CPU reads and writes (sizes
/// 1-8, aligned, write-back, write-through and Non-cacheable), host reads and writes, DC and host
/// maintenance; one through Read/Write, the other through ReadBytes/WriteBytes. Every access must
/// return the same value and cycles, and at the end every cache the same statistics and every line
/// the same way, dirty bit and data.
/// </summary>
public sealed class HitMemoTests
{
    [Theory]
    [InlineData(ReplacementPolicy.Lru, 2, 1)]
    [InlineData(ReplacementPolicy.Lru, 2, 2)]
    [InlineData(ReplacementPolicy.Lru, 4, 3)]
    [InlineData(ReplacementPolicy.PseudoLru, 2, 4)]
    [InlineData(ReplacementPolicy.PseudoLru, 4, 5)]
    [InlineData(ReplacementPolicy.Random, 2, 6)]
    public void Memo_hits_leave_every_cache_as_the_plain_paths_do(ReplacementPolicy policy, int ways, int seed)
    {
        // An L1D of 2 sets: a set changes hands often.
        CacheHierarchyConfig config = Tiny(policy) with { L1D = new(128 * ways, ways, 64, policy, 1) };
        CacheHierarchy memo = NewHierarchy(config, cpus: 2), plain = NewHierarchy(config, cpus: 2);
        const ulong Region = 0x1000; // 64 lines: many hits, many evictions in 2-4 sets
        var random = new Random(seed);
        MemoryAttributes[] attributes = [WB, WB, WB, WT, NC, WBNoAllocate];
        long memoHitsPossible = 0;
        ulong[] recent = [RamBase, RamBase + 64, RamBase + 128, RamBase + 192];

        for (int step = 0; step < 50_000; step++)
        {
            int size = 1 << random.Next(4);
            // Runs of accesses to one line (where the memo hits), returns to lines used just before
            // (hits on another line of the set in between), and jumps anywhere (misses).
            int pick = random.Next(8);
            ulong line = pick < 4 && step > 0 ? recent[0] : pick < 7 && step > 0 ? recent[random.Next(recent.Length)] : RamBase + (ulong)random.Next((int)(Region / 64)) * 64;
            ulong pa = line + (ulong)random.Next(64 / size) * (ulong)size;
            if (line != recent[0])
            {
                Array.Copy(recent, 0, recent, 1, recent.Length - 1);
                recent[0] = line;
            }
            int agent = random.Next(8) == 0 ? 1 : 0;
            MemoryAttributes attrs = attributes[random.Next(attributes.Length)];
            switch (random.Next(20))
            {
                case < 9:
                {
                    int a = memo.Read(agent, pa, size, attrs, out ulong v1);
                    var bytes = new byte[8];
                    int b = plain.ReadBytes(agent, pa, bytes.AsSpan(0, size), attrs);
                    Assert.Equal(BitConverter.ToUInt64(bytes), v1);
                    Assert.Equal(b, a);
                    memoHitsPossible++;
                    break;
                }
                case < 17:
                {
                    ulong value = (ulong)random.NextInt64();
                    int a = memo.Write(agent, pa, size, value, attrs);
                    byte[] bytes = BitConverter.GetBytes(value);
                    int b = plain.WriteBytes(agent, pa, bytes.AsSpan(0, size), attrs);
                    Assert.Equal(b, a);
                    break;
                }
                case 17:
                {
                    var x = new byte[size];
                    var y = new byte[size];
                    if (random.Next(2) == 0)
                    {
                        Assert.Equal(plain.HostRead(pa, y), memo.HostRead(pa, x));
                        Assert.Equal(y, x);
                    }
                    else
                    {
                        random.NextBytes(x);
                        Assert.Equal(plain.HostWrite(pa, x), memo.HostWrite(pa, x));
                    }
                    break;
                }
                case 18:
                {
                    var op = (DataCacheOperation)random.Next(Enum.GetValues<DataCacheOperation>().Length);
                    Assert.Equal(plain.DataCacheByAddress(agent, op, pa), memo.DataCacheByAddress(agent, op, pa));
                    break;
                }
                default:
                    Assert.Equal(plain.HostCleanInvalidate(pa & ~63UL, 64), memo.HostCleanInvalidate(pa & ~63UL, 64));
                    break;
            }
        }

        Assert.True(memoHitsPossible > 15_000);
        for (int i = 0; i < memo.Caches.Count; i++)
        {
            Cache m = memo.Caches[i], p = plain.Caches[i];
            Assert.Equal(p.Name, m.Name);
            Assert.Equal(p.Statistics, m.Statistics);
            for (ulong pa = RamBase; pa < RamBase + Region; pa += 64)
            {
                Assert.True(p.WayOf(pa) == m.WayOf(pa), $"{m.Name} line 0x{pa:x}: way {m.WayOf(pa)}, plain {p.WayOf(pa)}");
                Assert.Equal(p.IsDirty(pa), m.IsDirty(pa));
            }
        }
        var newestMemo = new byte[Region];
        var newestPlain = new byte[Region];
        memo.PeekNewest(RamBase, newestMemo);
        plain.PeekNewest(RamBase, newestPlain);
        Assert.Equal(newestPlain, newestMemo);
        Assert.True(memo.L1D(0).Statistics.Hits > 2_000, $"the stream hits the L1D ({memo.L1D(0).Statistics.Hits} hits)");
    }
}
