namespace Emulator.Mmu.Caches;

/// <summary>How a set chooses the way to evict when no way is invalid (gem5's replacement_policies).</summary>
public enum ReplacementPolicy : byte
{
    /// <summary>True least-recently-used: the way touched longest ago.</summary>
    Lru,

    /// <summary>Binary-tree pseudo-LRU: one bit per internal node points away from the last touch; the victim follows the bits. Ways must be a power of two.</summary>
    PseudoLru,

    /// <summary>Seeded random: victim = XorShift64.Next() % ways, from a generator private to the cache.</summary>
    Random,
}

/// <summary>
/// One cache level. All caches are write-back and write-allocate; the memory attributes' allocation
/// hints of each access can turn allocation off (see <see cref="CacheHierarchy"/>).
/// </summary>
public sealed record CacheLevelConfig(int SizeBytes, int Ways, int LineSize = 64, ReplacementPolicy Replacement = ReplacementPolicy.Lru, int HitLatency = 4)
{
    public int Sets => SizeBytes / (Ways * LineSize);

    /// <summary>The first problem with this level, as (field, message), or null when it is valid.</summary>
    public (string Field, string Message)? Validate()
    {
        if (LineSize < 16 || LineSize > 2048 || !IsPowerOfTwo(LineSize))
            return ("line_size", $"must be a power of two from 16 to 2048 bytes, not {LineSize}");
        if (Ways < 1 || Ways > 1024)
            return ("ways", $"must be from 1 to 1024, not {Ways}");
        if (Replacement == ReplacementPolicy.PseudoLru && (!IsPowerOfTwo(Ways) || Ways > 64))
            return ("replacement", $"plru needs a power-of-two number of ways up to 64, not {Ways}");
        if (SizeBytes <= 0 || SizeBytes % (Ways * LineSize) != 0)
            return ("size", $"must be a positive multiple of ways x line size ({Ways} x {LineSize}), not {SizeBytes}");
        if (!IsPowerOfTwo(Sets) || Sets > 32768)
            return ("size", $"gives {Sets} sets; the number of sets (size / (ways x line size)) must be a power of two up to 32768");
        if (HitLatency < 0)
            return ("latency", $"must not be negative, not {HitLatency}");
        return null;
    }

    internal static bool IsPowerOfTwo(long v) => v > 0 && (v & (v - 1)) == 0;
}

/// <summary>
/// A cache hierarchy: per guest CPU an L1 data and an L1 instruction cache, the host agent's L1 data
/// cache, a shared L2 and an optional shared L3 (system cache). All levels use one line size.
/// </summary>
public sealed record CacheHierarchyConfig(string Name, CacheLevelConfig L1D, CacheLevelConfig L1I, CacheLevelConfig L2, CacheLevelConfig? L3 = null)
{
    /// <summary>Cycles an access that misses every cache (or bypasses them) costs, on top of the levels it looked in.</summary>
    public int MemoryLatency { get; init; } = 150;

    /// <summary>The host agent's (VMM thread's) L1 data cache; the guest CPU's L1D shape when null.</summary>
    public CacheLevelConfig? HostL1D { get; init; }

    /// <summary>DC ZVA block size in bytes (DCZID_EL0.BS = log2 of it in words).</summary>
    public int ZvaBlockSize { get; init; } = 64;

    /// <summary>Seed of the random replacement generators.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The core's timing (instruction class costs, branch predictor); used with the cache model off too.</summary>
    public CoreTimingConfig Core { get; init; } = new();

    /// <summary>CTR_EL0.L1Ip reports VIPT (0b10) instead of PIPT (0b11). The model itself is physically indexed either way.</summary>
    public bool InstructionCacheVipt { get; init; }

    public CacheLevelConfig HostL1DOrDefault => HostL1D ?? L1D;

    public int LineSize => L1D.LineSize;

    /// <summary>The first problem with the hierarchy, as (field path, message), or null when it is valid.</summary>
    public (string Field, string Message)? Validate()
    {
        foreach ((string name, CacheLevelConfig? level) in Levels())
        {
            if (level is null)
                continue;
            if (level.Validate() is { } error)
                return ($"{name}.{error.Field}", error.Message);
            if (level.LineSize != L1D.LineSize)
                return ($"{name}.line_size", $"must equal l1d.line_size ({L1D.LineSize}): every level of this model uses one line size");
        }
        if (MemoryLatency < 0)
            return ("memory_latency", $"must not be negative, not {MemoryLatency}");
        if (Core.Validate() is { } core)
            return ($"core.{core.Field}", core.Message);
        if (!CacheLevelConfig.IsPowerOfTwo(ZvaBlockSize) || ZvaBlockSize < 16 || ZvaBlockSize > 2048)
            return ("zva_block_size", $"must be a power of two from 16 to 2048 bytes, not {ZvaBlockSize}");
        return null;
    }

    internal IEnumerable<(string Name, CacheLevelConfig? Level)> Levels()
    {
        yield return ("l1d", L1D);
        yield return ("l1i", L1I);
        yield return ("l2", L2);
        yield return ("l3", L3);
        yield return ("host_l1d", HostL1D);
    }
}
