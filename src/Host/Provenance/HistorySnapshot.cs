using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Host.Provenance;

/// <summary>Line histories and store records copied out of a recorder (for a recording file) or read back from one.</summary>
public sealed class HistorySnapshot(int lineShift, int hostAgent, IReadOnlyList<string> cacheNames) : ILineHistory
{
    private readonly Dictionary<ulong, LineEvent[]> _lines = [];
    private readonly Dictionary<long, StoreRecord> _stores = [];
    private readonly List<HostEvent> _hostEvents = [];
    private readonly Dictionary<ulong, ulong> _dirtyMasks = [];
    private bool _hostEventsCopied;

    public int LineShift { get; } = lineShift;

    public int HostAgent { get; } = hostAgent;

    public IReadOnlyList<string> CacheNames { get; } = cacheNames;

    public IReadOnlyDictionary<ulong, LineEvent[]> Lines => _lines;

    public IReadOnlyDictionary<long, StoreRecord> Stores => _stores;

    /// <summary>The machine-wide events kept (with <see cref="HostEvent.PageDirty"/> clear).</summary>
    public IReadOnlyList<HostEvent> HostEventList => _hostEvents;

    /// <summary>Per 4 KiB page (PA &gt;&gt; 12) of the lines kept: bit k = the page was dirty in collection <see cref="HostEventList"/>[k].</summary>
    public IReadOnlyDictionary<ulong, ulong> DirtyMasks => _dirtyMasks;

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

    public int HostEvents(ulong pa, Span<HostEvent> destination)
    {
        int n = Math.Min(_hostEvents.Count, destination.Length);
        ulong mask = _dirtyMasks.GetValueOrDefault(pa >> 12);
        for (int k = 0; k < n; k++)
        {
            HostEvent e = _hostEvents[_hostEvents.Count - n + k];
            e.PageDirty = e.Kind == HostEventKind.DirtyLogCollection && (mask >> (_hostEvents.Count - n + k) & 1) != 0;
            destination[k] = e;
        }
        return n;
    }

    public void AddHostEvent(in HostEvent e) => _hostEvents.Add(e with { PageDirty = false });

    public void SetDirtyMask(ulong page, ulong mask) => _dirtyMasks[page] = mask;

    public void AddLine(ulong line, LineEvent[] events) => _lines[line] = events;

    public void AddStore(long sequence, in StoreRecord record) => _stores[sequence] = record;

    /// <summary>Copies line <paramref name="line"/>'s history and the store records it names from <paramref name="source"/>.</summary>
    public void Copy(ILineHistory source, ulong line)
    {
        if (_lines.ContainsKey(line))
            return;
        CopyHostEvents(source, line << LineShift);
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

    private void CopyHostEvents(ILineHistory source, ulong pa)
    {
        ulong page = pa >> 12;
        if (_hostEventsCopied && _dirtyMasks.ContainsKey(page))
            return;
        Span<HostEvent> events = stackalloc HostEvent[ProvenanceRecorder.HostEventCapacity];
        int n = source.HostEvents(pa, events);
        ulong mask = 0;
        for (int k = 0; k < n; k++)
        {
            if (!_hostEventsCopied)
                AddHostEvent(events[k]);
            if (events[k].PageDirty)
                mask |= 1UL << k;
        }
        _hostEventsCopied = true;
        _dirtyMasks[page] = mask;
    }
}
