namespace Emulator.Mmu.Caches;

/// <summary>
/// Cache hierarchies of real cores, from their public manuals (Arm TRMs DDI0500 Cortex-A53,
/// 100095 Cortex-A72, Neoverse N1; sizes chosen where the TRM lets the integrator choose).
/// Latencies are load-to-use figures rounded from the same sources and public measurements;
/// they drive the timing model only. Each preset also carries its core's timing profile
/// (<see cref="CoreTimingConfig"/>), from the same cores' Software Optimization Guides.
/// </summary>
public static class CachePresets
{
    /// <summary>The preset used when the command line does not choose one.</summary>
    public const string DefaultName = "cortex-a72";

    private const int K = 1024;

    /// <summary>Cortex-A53: L1D 32K 4-way, L1I 32K 2-way (both pseudo-random, DDI0500 2.1.6), L2 1M 16-way; CTR_EL0.L1Ip = VIPT.</summary>
    public static CacheHierarchyConfig CortexA53 => new(
        "cortex-a53",
        L1D: new(32 * K, 4, 64, ReplacementPolicy.Random, 3),
        L1I: new(32 * K, 2, 64, ReplacementPolicy.Random, 3),
        L2: new(1024 * K, 16, 64, ReplacementPolicy.Random, 15))
    {
        MemoryLatency = 150,
        InstructionCacheVipt = true,
        // In-order dual issue, 8-stage pipeline: short mispredict, cheap barriers.
        Core = new() { Multiply = 3, Divide = 12, System = 2, Barrier = 8, ExceptionEntry = 12, MispredictPenalty = 8, PredictorEntries = 4096, TargetBufferEntries = 256, ReturnStackDepth = 8, DeviceAccess = 80 },
    };

    /// <summary>Cortex-A72: L1D 32K 2-way LRU, L1I 48K 3-way LRU, L2 1M 16-way pseudo-LRU (100095 A6/A7).</summary>
    public static CacheHierarchyConfig CortexA72 => new(
        "cortex-a72",
        L1D: new(32 * K, 2, 64, ReplacementPolicy.Lru, 4),
        L1I: new(48 * K, 3, 64, ReplacementPolicy.Lru, 4),
        L2: new(1024 * K, 16, 64, ReplacementPolicy.PseudoLru, 21))
    {
        MemoryLatency = 180,
        // Cortex-A72 Software Optimization Guide: MUL 3, SDIV/UDIV 4-12 (W) / 4-20 (X), 15-stage pipeline.
        Core = new() { Multiply = 3, Divide = 12, System = 3, Barrier = 10, ExceptionEntry = 20, MispredictPenalty = 15, PredictorEntries = 4096, TargetBufferEntries = 512, ReturnStackDepth = 8, DeviceAccess = 100 },
    };

    /// <summary>Neoverse N1: L1D 64K 4-way, L1I 64K 4-way (pseudo-LRU), L2 1M 8-way.</summary>
    public static CacheHierarchyConfig NeoverseN1 => new(
        "neoverse-n1",
        L1D: new(64 * K, 4, 64, ReplacementPolicy.PseudoLru, 4),
        L1I: new(64 * K, 4, 64, ReplacementPolicy.PseudoLru, 4),
        L2: new(1024 * K, 8, 64, ReplacementPolicy.PseudoLru, 11))
    {
        MemoryLatency = 200,
        // Neoverse N1 Software Optimization Guide: MUL 2, SDIV/UDIV 5-12 (W) / 5-20 (X), 11-cycle mispredict.
        Core = new() { Multiply = 2, Divide = 12, System = 3, Barrier = 10, ExceptionEntry = 16, MispredictPenalty = 11, PredictorEntries = 8192, TargetBufferEntries = 1024, ReturnStackDepth = 16, DeviceAccess = 120 },
    };

    /// <summary>Neoverse N1 with a CMN-600 system-level cache of 2M 16-way as L3.</summary>
    public static CacheHierarchyConfig NeoverseN1Slc => NeoverseN1 with
    {
        Name = "neoverse-n1-slc",
        L3 = new(2048 * K, 16, 64, ReplacementPolicy.PseudoLru, 35),
    };

    public static IReadOnlyList<string> Names { get; } = ["cortex-a53", "cortex-a72", "neoverse-n1", "neoverse-n1-slc"];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static CacheHierarchyConfig? Find(string name) => name.ToLowerInvariant() switch
    {
        "cortex-a53" => CortexA53,
        "cortex-a72" => CortexA72,
        "neoverse-n1" => NeoverseN1,
        "neoverse-n1-slc" => NeoverseN1Slc,
        _ => null,
    };
}
