namespace Emulator.Mmu.Caches.Provenance;

/// <summary>
/// The machine-wide side of the recorder: a ring of the last <see cref="HostEventCapacity"/>
/// dirty-log collections and trapped set/way operations, and, for each collection, the dirty
/// bitmap it handed to the VMM over the recorded region's pages (preallocated; called once per
/// collection or trap, never per access).
/// </summary>
public sealed partial class ProvenanceRecorder
{
    /// <summary>Machine-wide events kept (one collection per displayed frame: about a second at 60 Hz).</summary>
    public const int HostEventCapacity = 64;

    private HostEvent[]? _hostEvents;
    private ulong[]? _collectionBits;
    private int _bitmapWords;
    private long _hostEventCount;

    /// <summary>Machine-wide events recorded so far.</summary>
    public long HostEventsRecorded => _hostEventCount;

    /// <summary>
    /// The VMM collected and cleared the dirty log of the slot whose pages start at host address
    /// <paramref name="slotBase"/>: <paramref name="bitmap"/> bit i = page i was dirty. Ignored for
    /// any slot but the recorded region's.
    /// </summary>
    public void OnDirtyLogCollection(ulong slotBase, ReadOnlySpan<ulong> bitmap, int dirtyPages)
    {
        if (slotBase != Base)
            return;
        ref HostEvent e = ref PushHostEvent(HostEventKind.DirtyLogCollection, out int slot);
        e.Agent = (byte)HostAgent;
        e.Count = dirtyPages;
        Span<ulong> bits = _collectionBits.AsSpan(slot * _bitmapWords, _bitmapWords);
        bits.Clear();
        bitmap[..Math.Min(bitmap.Length, bits.Length)].CopyTo(bits);
    }

    /// <summary>
    /// Guest CPU <paramref name="agent"/> issued set/way maintenance <paramref name="op"/>
    /// (<see cref="SetWayOp"/>), trapped by the hypervisor, which flushed the whole VM on it or not.
    /// Repeats that did nothing extend the last event (a guest's loop over every set and way is one event).
    /// </summary>
    public void OnSetWay(int agent, byte op, bool flushedVm)
    {
        byte detail = (byte)((op & 3) | (flushedVm ? SetWayOp.FlushedVm : 0));
        if (!flushedVm && _hostEventCount > 0 && _hostEvents is { } ring)
        {
            ref HostEvent last = ref ring[(int)((_hostEventCount - 1) % HostEventCapacity)];
            if (last.Kind == HostEventKind.SetWayMaintenance && last.Agent == agent && last.Detail == detail && last.Frame == Frame)
            {
                last.Count++;
                last.LastCycle = Clock();
                return;
            }
        }
        ref HostEvent e = ref PushHostEvent(HostEventKind.SetWayMaintenance, out _);
        e.Agent = (byte)agent;
        e.Detail = detail;
        e.Count = 1;
    }

    public int HostEvents(ulong pa, Span<HostEvent> destination)
    {
        if (_hostEvents is not { } ring)
            return 0;
        int kept = (int)Math.Min(_hostEventCount, HostEventCapacity);
        int count = Math.Min(kept, destination.Length);
        ulong page = (pa - Base) >> 12;
        bool inRegion = pa - Base < Size;
        for (int k = 0; k < count; k++)
        {
            int slot = (int)((_hostEventCount - count + k) % HostEventCapacity);
            HostEvent e = ring[slot];
            if (e.Kind == HostEventKind.DirtyLogCollection && inRegion)
            {
                ulong word = _collectionBits![slot * _bitmapWords + (int)(page >> 6)];
                e.PageDirty = (word >> (int)(page & 63) & 1) != 0;
            }
            destination[k] = e;
        }
        return count;
    }

    private ref HostEvent PushHostEvent(HostEventKind kind, out int slot)
    {
        if (_hostEvents is null)
        {
            _bitmapWords = (int)((((Size + 4095) >> 12) + 63) / 64);
            _hostEvents = new HostEvent[HostEventCapacity];
            _collectionBits = new ulong[HostEventCapacity * _bitmapWords];
        }
        slot = (int)(_hostEventCount % HostEventCapacity);
        _hostEventCount++;
        ref HostEvent e = ref _hostEvents[slot];
        e = default;
        e.Kind = kind;
        e.Cycle = e.LastCycle = Clock();
        e.Frame = Frame;
        return ref e;
    }
}
