using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Mmu.Caches;

/// <summary>Stale-pixel provenance: the optional recorder the hooks feed (see <see cref="ProvenanceRecorder"/>).</summary>
public sealed partial class CacheHierarchy
{
    private ProvenanceRecorder? _provenance;

    // The agent whose maintenance MaintainLineToPoC is doing (for the recorder): set by the by-address entry points.
    private int _maintainer;

    // Inside HostRead: its fill is not recorded apart, the scanout read event stands for it (half the events of a scanout).
    private bool _hostReading;

    /// <summary>The attached recorder, or null (recording off: every hook is one null check).</summary>
    public ProvenanceRecorder? Provenance => _provenance;

    /// <summary>
    /// Starts recording the history of every line of [pa, pa + size), stamped by <paramref name="clock"/>.
    /// The region must lie inside an oracle region (guest stores are seen by the oracle's range test).
    /// </summary>
    public ProvenanceRecorder EnableProvenance(ulong pa, ulong size, Func<ulong> clock)
    {
        if (size == 0 || pa < _oracleLo || pa + size > _oracleHi)
            throw new ArgumentOutOfRangeException(nameof(size), $"provenance region 0x{pa:x}+0x{size:x} must lie in the oracle's regions");
        string[] names = new string[_all.Length];
        for (int i = 0; i < names.Length; i++)
            names[i] = _all[i].Name;
        _provenance = new ProvenanceRecorder(pa, size, _lineShift, HostAgent, names, clock);
        return _provenance;
    }

    /// <summary>Stops recording.</summary>
    public void DisableProvenance() => _provenance = null;

    /// <summary>
    /// A host read of <paramref name="data"/> at <paramref name="pa"/> that went around the caches
    /// (the VMM's Non-cacheable mapping): recorded as scanout reads served by memory, stale where
    /// the data differs from the oracle.
    /// </summary>
    public void RecordUncachedHostRead(ulong pa, ReadOnlySpan<byte> data)
    {
        if (_provenance is not { } p)
            return;
        Span<byte> truth = stackalloc byte[_lineSize];
        while (!data.IsEmpty)
        {
            int n = Math.Min(data.Length, _lineSize - (int)(pa & _lineMask));
            Span<byte> t = truth[..n];
            t.Clear();
            bool stale = Oracle.ReadTruth(pa, t) && !t.SequenceEqual(data[..n]);
            p.OnScanoutRead(pa >> _lineShift, ServedFrom.Memory, false, stale);
            data = data[n..];
            pa += (ulong)n;
        }
    }

    private const int ServedFromNone = ServedFrom.None;

    private int CacheIndex(Cache cache)
    {
        Cache[] all = _all;
        for (int i = 0; i < all.Length; i++)
        {
            if (ReferenceEquals(all[i], cache))
                return i;
        }
        return ServedFromNone;
    }

    /// <summary>Where a host read of <paramref name="line"/> will find it: the first of host.l1d, L2, L3 holding it, else memory.</summary>
    private byte HostReadSource(ulong line, out bool dirty)
    {
        Cache l1 = _l1d[HostAgent];
        int slot = l1.Lookup(line);
        if (slot >= 0)
        {
            dirty = l1.Dirty[slot];
            return (byte)CacheIndex(l1);
        }
        for (int a = 0; a < CpuCount; a++)
        {
            // A read miss first takes a Modified copy from another L1D (the snoop).
            Cache other = _l1d[a];
            int s = other.Lookup(line);
            if (s >= 0 && other.Dirty[s])
            {
                dirty = true;
                return (byte)CacheIndex(other);
            }
        }
        foreach (Cache c in _outer)
        {
            int s = c.Lookup(line);
            if (s >= 0)
            {
                dirty = c.Dirty[s];
                return (byte)CacheIndex(c);
            }
        }
        dirty = false;
        return ServedFrom.Memory;
    }
}
