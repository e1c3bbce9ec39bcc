using System.Buffers.Binary;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

/// <summary>
/// With only cacheable accesses (any agent, WB or WT, aligned or not) and data-preserving
/// maintenance, the hierarchy must behave as one flat memory: every read returns the last write.
/// </summary>
public class CoherenceInvariantTests
{
    [Theory]
    [InlineData(1UL, ReplacementPolicy.Lru, false)]
    [InlineData(2UL, ReplacementPolicy.PseudoLru, false)]
    [InlineData(3UL, ReplacementPolicy.Random, false)]
    [InlineData(4UL, ReplacementPolicy.Lru, true)]
    public void RandomCacheableTraffic_ReadsTheLastWrite(ulong seed, ReplacementPolicy policy, bool withL3)
    {
        CacheHierarchyConfig config = Tiny(policy);
        if (withL3)
            config = config with { L3 = new(2048, 4, 64, policy, 20) };
        const int cpus = 3;
        const int span = 4096; // 64 lines over caches of 4 + 16 (+ 32) lines: constant eviction
        CacheHierarchy h = NewHierarchy(config, cpus);
        OracleRegion region = h.AddOracleRegion("all", RamBase, span);
        h.SetSpeculativeFills(new SpeculativeFillConfig(seed, 0.3, [new PhysicalRange(RamBase, span)]));
        var reference = new byte[span];
        var random = new XorShift64(seed);
        int[] sizes = [1, 2, 4, 8];
        Span<byte> buffer = stackalloc byte[8];

        for (int step = 0; step < 20000; step++)
        {
            int agent = random.NextBelow(cpus + 1);
            int size = sizes[random.NextBelow(4)];
            ulong offset = (ulong)random.NextBelow(span - 8);
            ulong pa = RamBase + offset;
            MemoryAttributes attrs = random.NextBelow(4) == 0 ? WT : WB;
            switch (random.NextBelow(10))
            {
                case < 4:
                {
                    ulong value = random.Next();
                    if (agent == h.HostAgent)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
                        h.HostWrite(pa, buffer[..size]);
                    }
                    else
                    {
                        h.Write(agent, pa, size, value, attrs);
                    }
                    BinaryPrimitives.WriteUInt64LittleEndian(reference.AsSpan((int)offset), Merge(reference, (int)offset, size, value));
                    break;
                }
                case < 8:
                {
                    ulong expected = Merge(reference, (int)offset, 0, 0) & Mask(size);
                    ulong actual;
                    if (agent == h.HostAgent)
                    {
                        buffer.Clear();
                        h.HostRead(pa, buffer[..size]);
                        actual = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
                    }
                    else
                    {
                        h.Read(agent, pa, size, attrs, out actual);
                    }
                    Assert.True(expected == actual, $"step {step}: agent {agent} read {size} at +0x{offset:x}: 0x{actual:x} != 0x{expected:x}");
                    break;
                }
                case 8:
                {
                    var op = (DataCacheOperation)new[] { 1, 2, 3, 4 }[random.NextBelow(4)]; // all but IVAC
                    h.DataCacheByAddress(Math.Min(agent, cpus - 1), op, pa);
                    break;
                }
                default:
                {
                    int level = 1 + random.NextBelow(withL3 ? 3 : 2);
                    Cache c = level == 1 ? h.L1D(Math.Min(agent, cpus - 1)) : level == 2 ? h.L2 : h.L3!;
                    var op = random.NextBelow(2) == 0 ? SetWayOperation.CSW : SetWayOperation.CISW;
                    h.DataCacheBySetWay(Math.Min(agent, cpus - 1), op, h.SetWayOperand(level, random.NextBelow(c.Sets), random.NextBelow(c.Ways)));
                    break;
                }
            }
        }

        Assert.Equal(0, region.StaleReads);
        Assert.True(region.Truth.SequenceEqual(reference));
        h.HostClean(RamBase, span);
        var memory = new byte[span];
        h.Ram.Read(RamBase, memory);
        Assert.True(memory.AsSpan().SequenceEqual(reference));
        Assert.True(h.L1D(h.HostAgent).Statistics.SpeculativeFills > 0);
        Assert.True(h.L2.Statistics.Evictions > 0);
    }

    private static ulong Mask(int size) => size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;

    /// <summary>The 8 bytes at <paramref name="offset"/> with the low <paramref name="size"/> bytes replaced by <paramref name="value"/>'s.</summary>
    private static ulong Merge(byte[] memory, int offset, int size, ulong value)
    {
        ulong old = BinaryPrimitives.ReadUInt64LittleEndian(memory.AsSpan(offset));
        ulong mask = size == 0 ? 0 : Mask(size);
        return (old & ~mask) | (value & mask);
    }
}
