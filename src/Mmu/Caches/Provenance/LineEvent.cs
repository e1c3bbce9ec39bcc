namespace Emulator.Mmu.Caches.Provenance;

/// <summary>What happened to a cache line of a recorded region.</summary>
public enum LineEventKind : byte
{
    /// <summary>A cache allocated the line on a demand access (a read, or a write's allocate) and filled it from below.</summary>
    Fill = 1,

    /// <summary>The host agent's cache allocated the line without an access (speculative fill or next-line prefetch).</summary>
    SpeculativeFill,

    /// <summary>Stores to the line: one event for a run of stores by one agent from one PC with one access class.</summary>
    Store,

    /// <summary>A cache chose the line, dirty, as a victim and wrote it back to the next level (clean victims are not recorded).</summary>
    Eviction,

    /// <summary>A dirty copy of the line was written to memory (an eviction's write-back reaching memory).</summary>
    MemoryWrite,

    /// <summary>Cache maintenance to the PoC on the line (clean and/or invalidate), by the guest or the host.</summary>
    Maintenance,

    /// <summary>The VMM's scanout read the line. A read that missed filled the host's caches (host.l1d, and L2/L3 on the way): no separate fill event.</summary>
    ScanoutRead,
}

/// <summary>Where the VMM's read of a line found its data.</summary>
public static class ServedFrom
{
    /// <summary>The read went to memory (every cache missed, or a Non-cacheable read).</summary>
    public const byte Memory = 254;

    /// <summary>Not known (an event that is not a read).</summary>
    public const byte None = 255;
}

/// <summary>
/// One event in a line's bounded history. Plain data: the recorder keeps a ring of them per line,
/// and the recording file stores them as they are.
/// </summary>
public struct LineEvent
{
    /// <summary>The machine cycle of the event (the first of a run of stores).</summary>
    public ulong Cycle;

    /// <summary>The last cycle of a run of stores (equal to <see cref="Cycle"/> otherwise).</summary>
    public ulong LastCycle;

    /// <summary>Stores: the bytes of the line written (bit i = byte i, lines up to 64 bytes; all ones above).</summary>
    public ulong Mask;

    /// <summary>Stores: the sequence number of the first store's <see cref="StoreRecord"/> (-1 if none, e.g. the host's).</summary>
    public long Store;

    /// <summary>The display frame being drawn (or next to be drawn) when the event happened.</summary>
    public int Frame;

    /// <summary>Stores: how many stores the event stands for.</summary>
    public int Count;

    public LineEventKind Kind;

    /// <summary>The agent: 0..CPUs-1 a guest CPU, CPUs the host agent; 255 when not known.</summary>
    public byte Agent;

    /// <summary>The cache (index in <see cref="CacheHierarchy.Caches"/>) or <see cref="ServedFrom.Memory"/>.</summary>
    public byte Cache;

    /// <summary>Stores: the access class (AccessClass kind, 0 Device, 1 Non-cacheable, 2 WT, 3 WB). Maintenance: bit 0 clean, bit 1 invalidate, bit 2 data written to memory.</summary>
    public byte Detail;

    /// <summary>The host's action at the time (<see cref="HostAction"/>).</summary>
    public HostAction Action;

    /// <summary>Evictions: the line was dirty. Reads: the copy that served the read was dirty.</summary>
    public bool Dirty;

    /// <summary>Reads: the data returned differed from the coherent oracle at that moment.</summary>
    public bool Stale;
}
