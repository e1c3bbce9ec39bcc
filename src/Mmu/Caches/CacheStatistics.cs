namespace Emulator.Mmu.Caches;

/// <summary>
/// Counters of one cache. Hits and misses count lookups by accesses (not by maintenance or
/// snoops); fills count lines brought in from the next level or memory (including prefetches);
/// writebacks count dirty lines written to the next level or memory (evictions, snoops, cleans);
/// evictions count valid lines replaced to make room; maintenance counts line-sized maintenance
/// operations applied to this cache (a DC by address is broadcast to every data cache in its
/// domain; a set/way or IC IALLU whole-cache operation counts once).
/// </summary>
public struct CacheStatistics
{
    public long Hits;
    public long Misses;
    public long Fills;
    public long Writebacks;
    public long Evictions;
    public long Maintenance;

    /// <summary>Lines allocated by the speculative-fill model (also counted in <see cref="Fills"/>).</summary>
    public long SpeculativeFills;

    /// <summary>Lines invalidated because another agent wrote them (coherence).</summary>
    public long SnoopInvalidations;
}
