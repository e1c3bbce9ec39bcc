using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;

namespace Emulator.Mmu.Tests.Caches;

/// <summary>Small hierarchies whose sets are easy to fill by hand, and the attributes the tests use.</summary>
internal static class CacheTestBench
{
    public const ulong RamBase = 0x4000_0000;
    public const ulong Vram = 0x4010_0000;

    public static readonly MemoryAttributes WB = MemoryAttributes.NormalWriteBack;
    public static readonly MemoryAttributes NC = MemoryAttributes.NormalNonCacheable;
    public static readonly MemoryAttributes Device = MemoryAttributes.DeviceNGnRnE;

    /// <summary>Normal inner/outer Write-Through, read- and write-allocate (MAIR 0xBB).</summary>
    public static readonly MemoryAttributes WT = new(0xBB, Shareability.InnerShareable);

    /// <summary>Normal inner/outer Write-Back with no allocation hints (MAIR 0xCC).</summary>
    public static readonly MemoryAttributes WBNoAllocate = new(0xCC, Shareability.InnerShareable);

    /// <summary>L1s of 2 sets x 2 ways, L2 of 4 sets x 4 ways, 64-byte lines; latencies 1 / 10 / 100.</summary>
    public static CacheHierarchyConfig Tiny(ReplacementPolicy policy = ReplacementPolicy.Lru) => new(
        "tiny",
        L1D: new(256, 2, 64, policy, 1),
        L1I: new(256, 2, 64, policy, 1),
        L2: new(1024, 4, 64, policy, 10))
    { MemoryLatency = 100 };

    public static Ram NewRam() => new(RamBase, 0x400_0000);

    public static CacheHierarchy NewHierarchy(CacheHierarchyConfig? config = null, int cpus = 1, Ram? ram = null) =>
        new(config ?? Tiny(), ram ?? NewRam(), cpus);

    public static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    public static ulong HostRead64(CacheHierarchy h, ulong pa)
    {
        var bytes = new byte[8];
        h.HostRead(pa, bytes);
        return BitConverter.ToUInt64(bytes);
    }

    public static ulong Memory64(CacheHierarchy h, ulong pa)
    {
        var bytes = new byte[8];
        h.Ram.Read(pa, bytes);
        return BitConverter.ToUInt64(bytes);
    }

    public static ulong CpuRead(CacheHierarchy h, int cpu, ulong pa, MemoryAttributes attrs, int size = 8)
    {
        h.Read(cpu, pa, size, attrs, out ulong value);
        return value;
    }
}
