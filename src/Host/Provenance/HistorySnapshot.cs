using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Host.Provenance;

/// <summary>Line histories and store records copied out of a recorder (for a recording file) or read back from one.</summary>
public sealed class HistorySnapshot(int lineShift, int hostAgent, IReadOnlyList<string> cacheNames) : ILineHistory
{
    private readonly Dictionary<ulong, LineEvent[]> _lines = [];
    private readonly Dictionary<long, StoreRecord> _stores = [];

    public int LineShift { get; } = lineShift;

    public int HostAgent { get; } = hostAgent;

    public IReadOnlyList<string> CacheNames { get; } = cacheNames;

    public IReadOnlyDictionary<ulong, LineEvent[]> Lines => _lines;

    public IReadOnlyDictionary<long, StoreRecord> Stores => _stores;

    public string CacheName(byte index) => index < CacheNames.Count ? CacheNames[index] : "memory";

    public int History(ulong line, Span<LineEvent> destination)
    {
        if (!_lines.TryGetValue(line, out LineEvent[]? events))
            return 0;
        int n = Math.Min(events.Length, destination.Length);
        events.AsSpan(events.Length - n).CopyTo(destination);
        return n;
    }

    public bool TryGetStore(long sequence, out StoreRecord record) => _stores.TryGetValue(sequence, out record);

    public void AddLine(ulong line, LineEvent[] events) => _lines[line] = events;

    public void AddStore(long sequence, in StoreRecord record) => _stores[sequence] = record;

    /// <summary>Copies line <paramref name="line"/>'s history and the store records it names from <paramref name="source"/>.</summary>
    public void Copy(ILineHistory source, ulong line)
    {
        if (_lines.ContainsKey(line))
            return;
        var buffer = new LineEvent[ProvenanceRecorder.Depth];
        int n = source.History(line, buffer);
        LineEvent[] events = buffer[..n];
        _lines[line] = events;
        foreach (LineEvent e in events)
        {
            if (e.Kind == LineEventKind.Store && e.Store >= 0 && source.TryGetStore(e.Store, out StoreRecord r))
                _stores[e.Store] = r;
        }
    }
}
