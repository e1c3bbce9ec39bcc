namespace Emulator.Mmu.Translation;

/// <summary>
/// A set-associative TLB of leaf translations, tagged with ASID (unless global) and VMID: stage-1
/// entries (<see cref="S1Mapping"/>, for the regime without stage 2) and combined stage 1 + stage 2
/// entries (<see cref="TlbCombinedEntry"/>) share the same ways. Deterministic: a set is chosen by
/// VA[n:12] of the access that caused the walk, and a full set replaces its ways round-robin.
/// Entries are never refetched by themselves: a descriptor changed without TLB maintenance keeps
/// its old translation until the entry is invalidated or evicted, as on hardware. Only leaf
/// entries are cached (no walk caches), so the "last level" TLBI forms invalidate exactly what the
/// other forms do. Invalidation is conservative where the architecture allows it: the stage-1
/// forms also drop combined entries, and TLBI IPAS2E1 drops the combined entries built on the
/// stage-2 leaf it names.
/// </summary>
public sealed class Tlb
{
    public const int Sets = 128;
    public const int Ways = 4;

    private readonly TlbEntry[] _entries = new TlbEntry[Sets * Ways];
    private readonly byte[] _nextWay = new byte[Sets];

    /// <summary>
    /// The VMID that lookups, inserts and invalidations use: VTTBR_EL2.VMID (0 while there is no
    /// EL2 software). <see cref="TwoStageTranslation"/> sets it from its stage-2 registers.
    /// </summary>
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
            if (e.Valid && !e.IsCombined && e.Vmid == Vmid && e.Mapping.Matches(canonical, asid))
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

    public void Insert(ulong va, in S1Mapping mapping) =>
        Place(va) = new TlbEntry { Valid = true, Vmid = Vmid, Mapping = mapping };

    /// <summary>Looks up a combined entry of the current VMID made with stage 1 enabled.</summary>
    public bool TryLookupCombined(ulong va, ushort asid, out TlbCombinedEntry entry) =>
        TryLookupCombined(va, asid, stage1Enabled: true, out entry);

    /// <summary>
    /// Looks up a combined entry of the current VMID: one made with stage 1 enabled
    /// (<paramref name="stage1Enabled"/>, matched with ASID rules) or a stage-2-only entry of the
    /// flat stage-1-disabled mapping (ASID ignored).
    /// </summary>
    public bool TryLookupCombined(ulong va, ushort asid, bool stage1Enabled, out TlbCombinedEntry entry)
    {
        ulong canonical = Stage1Walk.Canonical(va);
        int set = SetOf(canonical);
        for (int w = 0; w < Ways; w++)
        {
            ref TlbEntry e = ref _entries[set * Ways + w];
            if (e.Valid && e.IsCombined && e.Vmid == Vmid && e.Combined.Stage1Enabled == stage1Enabled && e.Combined.Matches(canonical, asid))
            {
                entry = e.Combined;
                Hits++;
                return true;
            }
        }
        entry = default;
        Misses++;
        return false;
    }

    /// <summary>Caches a combined translation for the current VMID, in the set of <paramref name="va"/>.</summary>
    public void InsertCombined(ulong va, in TlbCombinedEntry entry) =>
        Place(va) = new TlbEntry { Valid = true, IsCombined = true, Vmid = Vmid, Combined = entry };

    /// <summary>TLBI VMALLE1(IS): every entry of the current VMID (the combined ones too).</summary>
    public void InvalidateAll()
    {
        foreach (ref TlbEntry e in _entries.AsSpan())
        {
            if (e.Vmid == Vmid)
                e.Valid = false;
        }
    }

    /// <summary>TLBI VMALLS12E1(IS): every stage-1, stage-2 and combined entry of the current VMID.</summary>
    public void InvalidateVmid() => InvalidateAll();

    /// <summary>TLBI ASIDE1(IS): the non-global entries of <paramref name="asid"/>.</summary>
    public void InvalidateByAsid(ushort asid)
    {
        foreach (ref TlbEntry e in _entries.AsSpan())
        {
            if (!e.Valid || e.Vmid != Vmid)
                continue;
            S1Mapping m = e.IsCombined ? e.Combined.Stage1 : e.Mapping;
            bool stage1 = !e.IsCombined || e.Combined.Stage1Enabled;
            if (stage1 && m.NotGlobal && m.Asid == asid)
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
            if (e.IsCombined)
            {
                TlbCombinedEntry c = e.Combined;
                if ((canonical & ~(c.Size - 1)) == c.VaBase && (allAsids || c.Matches(canonical, asid)))
                    e.Valid = false;
                continue;
            }
            S1Mapping m = e.Mapping;
            if ((canonical & ~(m.Size - 1)) != m.VaBase)
                continue;
            if (allAsids || !m.NotGlobal || m.Asid == asid)
                e.Valid = false;
        }
    }

    /// <summary>
    /// TLBI IPAS2E1(IS) / IPAS2LE1(IS): the combined entries of the current VMID whose stage-2
    /// leaf translates <paramref name="ipa"/>. (The architecture only requires stage-2-only
    /// entries to go and leaves combined ones to a following TLBI VMALLE1; dropping them here too
    /// is allowed and keeps a hypervisor that skips that step working.)
    /// </summary>
    public void InvalidateByIpa(ulong ipa)
    {
        foreach (ref TlbEntry e in _entries.AsSpan())
        {
            if (e.Valid && e.IsCombined && e.Vmid == Vmid && e.Combined.Stage2.Contains(ipa))
                e.Valid = false;
        }
    }

    /// <summary>Drops every entry of every VMID (reset; TLBI ALLE1).</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        Array.Clear(_nextWay);
    }

    /// <summary>The way an insert for <paramref name="va"/> fills: a free way of its set, or the next round-robin victim.</summary>
    private ref TlbEntry Place(ulong va)
    {
        int set = SetOf(Stage1Walk.Canonical(va));
        for (int w = 0; w < Ways; w++)
        {
            if (!_entries[set * Ways + w].Valid)
                return ref _entries[set * Ways + w];
        }
        int way = _nextWay[set];
        _nextWay[set] = (byte)((way + 1) % Ways);
        return ref _entries[set * Ways + way];
    }

    private static int SetOf(ulong canonicalVa) => (int)(canonicalVa >> 12) & (Sets - 1);

    private struct TlbEntry
    {
        public bool Valid;
        public bool IsCombined;
        public ushort Vmid;
        public S1Mapping Mapping;
        public TlbCombinedEntry Combined;
    }
}
