using BenchmarkDotNet.Attributes;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;

namespace Emulator.Bench.Caches;

/// <summary>
/// Cost per access of the cache model (cortex-a72 preset, one CPU): 1024 accesses per invocation,
/// so each reported time is per access. "Ram" rows are the --cache off baseline (RAM only).
/// </summary>
[MemoryDiagnoser]
public class CacheAccessBenchmarks
{
    private const int Accesses = 1024;
    private const ulong RamBase = 0x4000_0000;
    private const ulong RamSize = 256UL << 20;

    private static readonly MemoryAttributes WB = MemoryAttributes.NormalWriteBack;
    private static readonly MemoryAttributes NC = MemoryAttributes.NormalNonCacheable;

    private CacheHierarchy _cache = null!;
    private PhysicalAddressSpace _bus = null!;
    private ulong _missCursor;
    private readonly byte[] _page = new byte[4096];

    [GlobalSetup]
    public void Setup()
    {
        var ram = new Ram(RamBase, RamSize);
        _cache = new CacheHierarchy(CachePresets.CortexA72, ram);
        _bus = new PhysicalAddressSpace(new Ram(RamBase, RamSize));
        for (ulong i = 0; i < 16 * 1024; i += 8)
        {
            _cache.Write(0, RamBase + i, 8, i, WB); // 16 KiB resident and dirty in L1D
            _bus.TryWrite(RamBase + i, 8, i);
        }
        // Touch all of RAM once so the miss benchmark measures the cache, not first-touch allocation.
        for (ulong off = 0; off < RamSize; off += Ram.ChunkSize)
            ram.ChunkForWrite(off)[0] = 1;
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public ulong CacheableReadHit()
    {
        ulong sum = 0;
        for (int i = 0; i < Accesses; i++)
        {
            _cache.Read(0, RamBase + (ulong)(i * 8 & 0x3FF8), 8, WB, out ulong v);
            sum += v;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public void CacheableWriteHit()
    {
        for (int i = 0; i < Accesses; i++)
            _cache.Write(0, RamBase + (ulong)(i * 8 & 0x3FF8), 8, (ulong)i, WB);
    }

    /// <summary>Each access is to a new line 4 KiB + 64 B further on, so it misses L1D and L2 and evicts (often dirty) lines.</summary>
    [Benchmark(OperationsPerInvoke = Accesses)]
    public ulong CacheableMiss()
    {
        ulong sum = 0;
        ulong cursor = _missCursor;
        for (int i = 0; i < Accesses; i++)
        {
            cursor = (cursor + 4096 + 64) % (RamSize - 64);
            if ((i & 1) == 0)
            {
                _cache.Read(0, RamBase + cursor, 8, WB, out ulong v);
                sum += v;
            }
            else
            {
                _cache.Write(0, RamBase + cursor, 8, (ulong)i, WB);
            }
        }
        _missCursor = cursor;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public ulong NonCacheableRead()
    {
        ulong sum = 0;
        for (int i = 0; i < Accesses; i++)
        {
            _cache.Read(0, RamBase + (ulong)(i * 8 & 0x3FF8), 8, NC, out ulong v);
            sum += v;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    public void NonCacheableWrite()
    {
        for (int i = 0; i < Accesses; i++)
            _cache.Write(0, RamBase + 0x100000 + (ulong)(i * 8 & 0x3FF8), 8, (ulong)i + 1, NC);
    }

    [Benchmark(OperationsPerInvoke = Accesses, Baseline = true)]
    public ulong RamReadCacheOff()
    {
        ulong sum = 0;
        for (int i = 0; i < Accesses; i++)
        {
            _bus.TryRead(RamBase + (ulong)(i * 8 & 0x3FF8), 8, out ulong v);
            sum += v;
        }
        return sum;
    }

    /// <summary>The VMM scanout's unit: one 4 KiB page read through host.l1d (reported per page).</summary>
    [Benchmark]
    public int HostReadPage() => _cache.HostRead(RamBase + 0x200000, _page);
}
