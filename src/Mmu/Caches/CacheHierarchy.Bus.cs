namespace Emulator.Mmu.Caches;

/// <summary>
/// The hierarchy's transactions with memory, beyond the last cache level: what a PMU counts as
/// BUS_ACCESS (Arm ARM D14.3, 0x19: Memory-read and Memory-write operations outside the PE and its
/// closely-coupled caches, refills of and write-backs from caches included).
/// </summary>
public sealed partial class CacheHierarchy
{
    /// <summary>
    /// Transactions with memory: a line read to refill a cache, a line written back (an eviction or
    /// a clean to the Point of Coherency), a write-through or no-allocate write, and each line a
    /// Non-cacheable or Device-attributed RAM access touches (as its cost counts them). Every agent's,
    /// the host's reads excepted; never reset within a run.
    /// </summary>
    public long BusTransactions { get; private set; }

    /// <summary>Counts the line-sized transactions of an uncached access of <paramref name="length"/> bytes at <paramref name="pa"/>.</summary>
    private void CountBusLines(ulong pa, int length) =>
        BusTransactions += length == 0 ? 1 : (long)(((pa + (ulong)length - 1) >> _lineShift) - (pa >> _lineShift) + 1);
}
