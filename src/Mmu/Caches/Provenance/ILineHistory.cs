namespace Emulator.Mmu.Caches.Provenance;

/// <summary>Read access to recorded line histories: the live <see cref="ProvenanceRecorder"/> or a snapshot loaded from a recording.</summary>
public interface ILineHistory
{
    /// <summary>log2 of the line size.</summary>
    int LineShift { get; }

    /// <summary>The agent number of the host (the number of guest CPUs).</summary>
    int HostAgent { get; }

    /// <summary>Copies the history of line number <paramref name="line"/> (PA &gt;&gt; <see cref="LineShift"/>), oldest first; returns the count.</summary>
    int History(ulong line, Span<LineEvent> destination);

    /// <summary>The store record with sequence number <paramref name="sequence"/>, if still held.</summary>
    bool TryGetStore(long sequence, out StoreRecord record);

    /// <summary>
    /// Copies the machine-wide events kept (dirty-log collections, trapped set/way operations), oldest
    /// first, with <see cref="HostEvent.PageDirty"/> set for the 4 KiB page holding <paramref name="pa"/>; returns the count.
    /// </summary>
    int HostEvents(ulong pa, Span<HostEvent> destination);

    /// <summary>The name of cache <paramref name="index"/> ("host.l1d", "l2", ...), or "memory".</summary>
    string CacheName(byte index);
}
