namespace Emulator.Mmu.Translation;

/// <summary>
/// A set-associative TLB of stage-1 leaf translations, tagged with ASID (unless global) and VMID.
/// Deterministic: a set is chosen by VA[n:12] of the access that caused the walk, and a full set
/// replaces its ways round-robin. Entries are never refetched by themselves: a descriptor changed
/// without TLB maintenance keeps its old translation until the entry is invalidated or evicted,
/// as on hardware. Only leaf entries are cached (no walk caches), so the "last level" TLBI forms
/// invalidate exactly what the other forms do.
/// </summary>
public sealed class Tlb
{
    public const int Sets = 128;
    public const int Ways = 4;

    private readonly TlbEntry[] _entries = new TlbEntry[Sets * Ways];
    private readonly byte[] _nextWay = new byte[Sets];

    /// <summary>The VMID that lookups and inserts use (0 while there is no stage 2).</summary>
    public ushort Vmid { get; set; }

    /// <summary>Walks caused by misses (statistics).</summary>
    public ulong Misses { get; private set; }

    public ulong Hits { get; private set; }

    public int Capacity => _entries.Length;

    /// <summary>Number of valid entries.</summary>
    public int Count
    {
        get
        {
            int n = 0;
            foreach (ref readonly TlbEntry e in _entries.AsSpan())
                n += e.Valid ? 1 : 0;
            return n;
        }
    }

    public bool TryLookup(ulong va, ushort asid, out S1Mapping mapping)
    {
        ulong canonical = Stage1Walk.Canonical(va);
        int set = SetOf(canonical);
        for (int w = 0; w < Ways; w++)
        {
            ref TlbEntry e = ref _entries[set * Ways + w];
            if (e.Valid && e.Vmid == Vmid && e.Mapping.Matches(canonical, asid))
            {
                mapping = e.Mapping;
                Hits++;
                return true;
            }
        }
        mapping = default;
        Misses++;
        return false;
    }

    public void Insert(ulong va, in S1Mapping mapping)
    {
        int set = SetOf(Stage1Walk.Canonical(va));
        int way = -1;
        for (int w = 0; w < Ways; w++)
        {
            if (!_entries[set * Ways + w].Valid)
            {
                way = w;
                break;
            }
        }
        if (way < 0)
        {
            way = _nextWay[set];
            _nextWay[set] = (byte)((way + 1) % Ways);
        }
        _entries[set * Ways + way] = new TlbEntry { Valid = true, Vmid = Vmid, Mapping = mapping };
    }

    /// <summary>TLBI VMALLE1(IS): every entry of the current VMID.</summary>
    public void InvalidateAll()
    {
        foreach (ref TlbEntry e in _entries.AsSpan())
        {
            if (e.Vmid == Vmid)
                e.Valid = false;
        }
    }

    /// <summary>TLBI ASIDE1(IS): the non-global entries of <paramref name="asid"/>.</summary>
    public void InvalidateByAsid(ushort asid)
    {
        foreach (ref TlbEntry e in _entries.AsSpan())
        {
            if (e.Vmid == Vmid && e.Mapping.NotGlobal && e.Mapping.Asid == asid)
                e.Valid = false;
        }
    }

    /// <summary>
    /// TLBI VAE1/VALE1(IS) (<paramref name="allAsids"/> false: global entries and those of
    /// <paramref name="asid"/>) and VAAE1/VAALE1(IS) (true: any ASID) for the entries that
    /// translate <paramref name="va"/>.
    /// </summary>
    public void InvalidateByVa(ulong va, ushort asid, bool allAsids)
    {
        ulong canonical = Stage1Walk.Canonical(va);
        foreach (ref TlbEntry e in _entries.AsSpan())
        {
            if (!e.Valid || e.Vmid != Vmid)
                continue;
            S1Mapping m = e.Mapping;
            if ((canonical & ~(m.Size - 1)) != m.VaBase)
                continue;
            if (allAsids || !m.NotGlobal || m.Asid == asid)
                e.Valid = false;
        }
    }

    /// <summary>Drops every entry of every VMID (reset).</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        Array.Clear(_nextWay);
    }

    private static int SetOf(ulong canonicalVa) => (int)(canonicalVa >> 12) & (Sets - 1);

    private struct TlbEntry
    {
        public bool Valid;
        public ushort Vmid;
        public S1Mapping Mapping;
    }
}
