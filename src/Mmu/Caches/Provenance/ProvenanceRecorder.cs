using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Emulator.Mmu.Caches.Provenance;

/// <summary>
/// Stale-pixel provenance, the recording side: a bounded history of events for every cache line of
/// one physical region (VRAM), and a bounded log of the guest's stores to it. The cache hierarchy
/// calls the On* hooks from inside the paths that already single out the region (the oracle's
/// range test) or on line events (fills, evictions, write-backs to memory, maintenance), each
/// behind one null check, so that a hierarchy without a recorder pays nothing more.
/// <para>
/// Each line keeps its last <see cref="Depth"/> events in a ring, allocated per 4 KiB page on the
/// page's first event. A page's rings are stored slot-major (slot k of every line of the page
/// side by side): the scanout reads lines in address order and lines of a page mostly have the
/// same head, so its events are written sequentially rather than one host cache line apart each.
/// Consecutive stores to a line by one agent from one PC with one access class,
/// in one frame, are one event (a byte mask, a count, the first and last cycle), so a loop
/// filling a line costs one event, and the log keeps one <see cref="StoreRecord"/> for the run.
/// </para>
/// </summary>
public sealed partial class ProvenanceRecorder : ILineHistory
{
    /// <summary>Events kept per line.</summary>
    public const int Depth = 24;

    /// <summary>Store records kept (the oldest are overwritten).</summary>
    public const int StoreLogCapacity = 1 << 16;

    private readonly ulong _firstLine;
    private readonly ulong _lines;
    private readonly int _linesPerPage;
    private readonly LineEvent[]?[] _pages;
    private readonly byte[] _count;
    private readonly byte[] _head;
    private readonly long[] _stamp;
    private readonly StoreRecord[] _stores = new StoreRecord[StoreLogCapacity];
    private readonly string[] _cacheNames;
    private readonly int _lineSize;
    private long _storeSequence;
    private long _changes;

    public ProvenanceRecorder(ulong basePa, ulong size, int lineShift, int hostAgent, IReadOnlyList<string> cacheNames, Func<ulong> clock)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        LineShift = lineShift;
        _lineSize = 1 << lineShift;
        HostAgent = hostAgent;
        Clock = clock;
        Base = basePa;
        Size = size;
        _firstLine = basePa >> lineShift;
        _lines = ((basePa + size - 1) >> lineShift) - _firstLine + 1;
        _linesPerPage = Math.Max(1, 4096 >> lineShift);
        _pages = new LineEvent[]?[(_lines + (ulong)_linesPerPage - 1) / (ulong)_linesPerPage];
        _count = new byte[_lines];
        _head = new byte[_lines];
        _stamp = new long[_lines];
        _cacheNames = [.. cacheNames];
    }

    public ulong Base { get; }

    public ulong Size { get; }

    public int LineShift { get; }

    public int HostAgent { get; }

    /// <summary>The machine clock (cycles) events are stamped with.</summary>
    public Func<ulong> Clock { get; }

    /// <summary>The display frame being drawn, or next to be drawn (set by the VMM's display pipeline).</summary>
    public int Frame { get; set; }

    /// <summary>What the host is doing now (set around the hypervisor's and the VMM's work, <see cref="HostAction.None"/> otherwise).</summary>
    public HostAction Action { get; set; }

    /// <summary>Describes guest stores (PC, VA, IPA, attributes); without one, store records hold the PA and cycle only.</summary>
    public StoreContext? Stores { get; set; }

    /// <summary>Store records written so far (the log holds the last <see cref="StoreLogCapacity"/>).</summary>
    public long StoreSequence => _storeSequence;

    /// <summary>Events recorded so far.</summary>
    public long Events { get; private set; }

    public bool ContainsLine(ulong line) => line - _firstLine < _lines;

    /// <summary>The first line number of the region (PA &gt;&gt; <see cref="LineShift"/>).</summary>
    public ulong FirstLine => _firstLine;

    /// <summary>Lines in the region.</summary>
    public ulong Lines => _lines;

    /// <summary>
    /// Changes whenever line <paramref name="line"/>'s history does (an event added or a store run
    /// extended); 0 for a line without events. Lets a reader skip re-analysing an unchanged history.
    /// </summary>
    public long Stamp(ulong line) => ContainsLine(line) ? _stamp[line - _firstLine] : 0;

    public string CacheName(byte index) => index < _cacheNames.Length ? _cacheNames[index] : "memory";

    public bool TryGetStore(long sequence, out StoreRecord record)
    {
        if (sequence < 0 || sequence >= _storeSequence || sequence < _storeSequence - StoreLogCapacity)
        {
            record = default;
            return false;
        }
        ref StoreRecord held = ref _stores[sequence & (StoreLogCapacity - 1)];
        if (!held.Completed && Stores is { } context)
        {
            context.Complete(ref held);
            held.Completed = true;
        }
        record = held;
        return true;
    }

    public int History(ulong line, Span<LineEvent> destination)
    {
        if (!ContainsLine(line))
            return 0;
        ulong i = line - _firstLine;
        LineEvent[]? page = _pages[i / (ulong)_linesPerPage];
        if (page is null)
            return 0;
        int count = Math.Min(_count[i], destination.Length);
        // The ring's last `count` events, oldest first (slot-major: slot k of this line every _linesPerPage events).
        // The checks are done once: count <= destination.Length, every index < Depth * _linesPerPage = page.Length.
        int stride = _linesPerPage;
        int slot = (_head[i] - count + Depth) % Depth;
        ref LineEvent column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), (int)(i % (ulong)stride));
        ref LineEvent to = ref MemoryMarshal.GetReference(destination);
        for (int k = 0; k < count; k++)
        {
            Unsafe.Add(ref to, k) = Unsafe.Add(ref column, slot * stride);
            if (++slot == Depth)
                slot = 0;
        }
        return count;
    }

    // ---- hooks (called by CacheHierarchy) -----------------------------------------------------

    /// <summary>A write of <paramref name="length"/> bytes at <paramref name="pa"/> by <paramref name="agent"/> with access class <paramref name="cls"/>; the caller checked the region.</summary>
    internal void OnStore(int agent, ulong pa, int length, byte cls)
    {
        byte kind = (byte)(cls & 3);
        bool guest = agent != HostAgent;
        ulong pc = guest && Stores is { } context ? context.Pc(agent) : 0;
        ulong end = pa + (ulong)Math.Max(length, 1);
        ulong now = Clock();
        while (pa < end)
        {
            ulong line = pa >> LineShift;
            int offset = (int)(pa & (ulong)(_lineSize - 1));
            int n = (int)Math.Min(end - pa, (ulong)(_lineSize - offset));
            if (ContainsLine(line))
            {
                ulong mask = n >= 64 || _lineSize > 64 ? ulong.MaxValue : ((1UL << n) - 1) << offset;
                ref LineEvent last = ref Last(line, out bool any);
                if (any && last.Kind == LineEventKind.Store && last.Agent == agent && last.Detail == kind && last.Frame == Frame
                    && last.Action == Action && SamePc(last.Store, guest, pc))
                {
                    last.Mask |= mask;
                    last.LastCycle = now;
                    last.Count++;
                    _stamp[line - _firstLine] = ++_changes;
                }
                else
                {
                    ref LineEvent e = ref Push(line, LineEventKind.Store, now);
                    e.Agent = (byte)agent;
                    e.Detail = kind;
                    e.Mask = mask;
                    e.Count = 1;
                    e.Store = guest ? NewStore(agent, pa, length, pc, now) : -1;
                }
            }
            pa += (ulong)n;
        }
    }

    /// <summary>Cache <paramref name="cache"/> allocated <paramref name="line"/> for <paramref name="agent"/> (-1: an instruction fetch).</summary>
    internal void OnFill(int agent, int cache, ulong line, bool speculative)
    {
        if (!ContainsLine(line))
            return;
        ref LineEvent e = ref Push(line, speculative ? LineEventKind.SpeculativeFill : LineEventKind.Fill, Clock());
        e.Agent = agent < 0 ? (byte)255 : (byte)agent;
        e.Cache = (byte)cache;
    }

    /// <summary>A cache evicted <paramref name="line"/>. Only dirty evictions are kept: dropping a clean copy changes no data, and the scanout's stream evicts a clean line per line it reads.</summary>
    internal void OnEviction(int cache, ulong line, bool dirty)
    {
        if (!dirty || !ContainsLine(line))
            return;
        ref LineEvent e = ref Push(line, LineEventKind.Eviction, Clock());
        e.Cache = (byte)cache;
        e.Dirty = dirty;
        e.Agent = 255;
    }

    internal void OnMemoryWrite(ulong line, int fromCache)
    {
        if (!ContainsLine(line))
            return;
        ref LineEvent e = ref Push(line, LineEventKind.MemoryWrite, Clock());
        e.Cache = (byte)fromCache;
        e.Agent = 255;
    }

    internal void OnMaintenance(int agent, ulong line, bool clean, bool invalidate, bool wroteMemory)
    {
        if (!ContainsLine(line))
            return;
        ref LineEvent e = ref Push(line, LineEventKind.Maintenance, Clock());
        e.Agent = (byte)agent;
        e.Detail = (byte)((clean ? 1 : 0) | (invalidate ? 2 : 0) | (wroteMemory ? 4 : 0));
        e.Cache = ServedFrom.None;
    }

    internal void OnScanoutRead(ulong line, byte servedFrom, bool dirty, bool stale)
    {
        if (!ContainsLine(line))
            return;
        ref LineEvent e = ref Push(line, LineEventKind.ScanoutRead, Clock());
        e.Agent = (byte)HostAgent;
        e.Cache = servedFrom;
        e.Dirty = dirty;
        e.Stale = stale;
    }

    // ---- storage ------------------------------------------------------------------------------

    private bool SamePc(long store, bool guest, ulong pc)
    {
        if (!guest)
            return store < 0;
        return store >= _storeSequence - StoreLogCapacity && store >= 0 && _stores[store & (StoreLogCapacity - 1)].Pc == pc;
    }

    private long NewStore(int agent, ulong pa, int length, ulong pc, ulong now)
    {
        long sequence = _storeSequence++;
        ref StoreRecord r = ref _stores[sequence & (StoreLogCapacity - 1)];
        r = default;
        r.Pc = pc;
        r.Pa = pa;
        r.Va = pa;
        r.Ipa = pa;
        r.Size = length;
        r.Cycle = now;
        r.Agent = (byte)agent;
        Stores?.Describe(agent, ref r);
        return sequence;
    }

    private ref LineEvent Last(ulong line, out bool any)
    {
        ulong i = line - _firstLine;
        LineEvent[]? page = _pages[i / (ulong)_linesPerPage];
        any = page is not null && _count[i] > 0;
        if (!any)
            return ref _scratch;
        int slot = (_head[i] + Depth - 1) % Depth * _linesPerPage + (int)(i % (ulong)_linesPerPage);
        return ref page![slot];
    }

    private LineEvent _scratch;

    private ref LineEvent Push(ulong line, LineEventKind kind, ulong now)
    {
        ulong i = line - _firstLine;
        ref LineEvent[]? page = ref _pages[i / (ulong)_linesPerPage];
        page ??= new LineEvent[_linesPerPage * Depth];
        int slot = _head[i] * _linesPerPage + (int)(i % (ulong)_linesPerPage);
        _head[i] = (byte)((_head[i] + 1) % Depth);
        if (_count[i] < Depth)
            _count[i]++;
        Events++;
        _stamp[i] = ++_changes;
        ref LineEvent e = ref page[slot];
        e = default;
        e.Kind = kind;
        e.Cycle = now;
        e.LastCycle = now;
        e.Frame = Frame;
        e.Action = Action;
        e.Store = -1;
        e.Cache = ServedFrom.None;
        return ref e;
    }
}
