namespace Emulator.Mmu.Caches;

/// <summary>A physical address range [Base, Base + Size).</summary>
public readonly record struct PhysicalRange(ulong Base, ulong Size)
{
    public bool Contains(ulong pa) => pa - Base < Size;
}

/// <summary>
/// The seeded speculative-fill model of the host agent: lines of the given regions are allocated
/// into host.l1d without an explicit access, as the architecture allows for any cacheable alias.
/// After each host access, with probability <see cref="NextLineRate"/>, the line after the last one
/// accessed is prefetched (a next-line prefetcher on a sequential scanout); and the run loop may
/// call <see cref="CacheHierarchy.SpeculateRandomLines"/> to pull random lines of the regions in.
/// All choices come from one xorshift64* generator seeded with <see cref="Seed"/>.
/// </summary>
public sealed record SpeculativeFillConfig(ulong Seed, double NextLineRate, IReadOnlyList<PhysicalRange> Regions);
