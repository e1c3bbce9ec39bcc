using Emulator.Mmu.Caches;
using Emulator.Mmu.Caches.Provenance;
using static Emulator.Mmu.Tests.Caches.CacheTestBench;

namespace Emulator.Mmu.Tests.Caches;

/// <summary>
/// The provenance recorder fed by the hierarchy's hooks: the events of a VRAM line in the order the
/// stale-line story needs them (the host's fill and read, the guest's Non-cacheable stores as one
/// run, the stale re-read from the host's clean copy), maintenance and write-backs to memory, and
/// nothing recorded outside the region or with the recorder off.
/// </summary>
public sealed class ProvenanceRecorderTests
{
    private static (CacheHierarchy H, ProvenanceRecorder P, Func<ulong> Clock) Setup()
    {
        CacheHierarchy h = NewHierarchy();
        h.AddOracleRegion("vram", Vram, 0x10000);
        ulong now = 0;
        ProvenanceRecorder p = h.EnableProvenance(Vram, 0x10000, () => now += 10);
        return (h, p, () => now);
    }

    private static LineEvent[] History(ProvenanceRecorder p, ulong pa)
    {
        var events = new LineEvent[ProvenanceRecorder.Depth];
        int n = p.History(pa >> 6, events);
        return events[..n];
    }

    [Fact]
    public void A_stale_clean_line_reads_as_fill_read_stores_and_a_stale_read_from_the_hosts_copy()
    {
        (CacheHierarchy h, ProvenanceRecorder p, _) = Setup();
        HostRead64(h, Vram);                                   // the VMM caches the line
        for (int i = 0; i < 4; i++)
            h.Write(0, Vram + (ulong)(8 * i), 8, 0x1111, NC);  // the guest's stores go around it
        HostRead64(h, Vram);                                   // and the VMM reads its old copy

        LineEvent[] e = History(p, Vram);
        // The first read missed and filled the host's caches (the read event stands for the fill).
        Assert.Equal([LineEventKind.ScanoutRead, LineEventKind.Store, LineEventKind.ScanoutRead], e.Select(x => x.Kind));
        Assert.Equal(ServedFrom.Memory, e[0].Cache);
        Assert.False(e[0].Stale);
        Assert.Equal(4, e[1].Count);                           // one run of four stores
        Assert.Equal(0xFFFFFFFFUL, e[1].Mask);                 // bytes 0-31
        Assert.Equal(1, e[1].Detail);                          // Non-cacheable
        Assert.Equal(0, e[1].Agent);
        Assert.True(e[1].Store >= 0 && p.TryGetStore(e[1].Store, out StoreRecord r) && r.Pa == Vram);
        Assert.Equal("host.l1d", p.CacheName(e[2].Cache));
        Assert.True(e[2].Stale);
        Assert.False(e[2].Dirty);
        Assert.True(e[1].Cycle > e[0].Cycle && e[2].Cycle > e[1].LastCycle);
    }

    [Fact]
    public void Maintenance_and_a_dirty_host_lines_write_back_are_recorded_with_the_hosts_action()
    {
        (CacheHierarchy h, ProvenanceRecorder p, _) = Setup();
        h.HostWrite(Vram + 64, Filled(64, 0xAA));              // the VMM's memset leaves a dirty line
        p.Action = HostAction.KvmMapClean;
        h.HostCleanInvalidate(Vram + 64, 64);
        p.Action = HostAction.None;

        LineEvent[] e = History(p, Vram + 64);
        Assert.Equal(LineEventKind.Store, e[0].Kind);
        Assert.Equal(h.HostAgent, e[0].Agent);
        Assert.Equal(-1, e[0].Store);                         // the host's stores have no store record
        LineEvent m = Assert.Single(e, x => x.Kind == LineEventKind.Maintenance);
        Assert.Equal(HostAction.KvmMapClean, m.Action);
        Assert.Equal(1 | 2 | 4, m.Detail);                    // clean, invalidate, dirty data written to memory
    }

    [Fact]
    public void Lines_outside_the_region_and_a_hierarchy_without_a_recorder_record_nothing()
    {
        (CacheHierarchy h, ProvenanceRecorder p, _) = Setup();
        HostRead64(h, RamBase);
        h.Write(0, RamBase, 8, 1, WB);
        Assert.Equal(0, p.Events);
        h.DisableProvenance();
        HostRead64(h, Vram);
        Assert.Equal(0, p.Events);
        Assert.Null(h.Provenance);
    }

    [Fact]
    public void A_line_keeps_only_its_last_events()
    {
        (CacheHierarchy h, ProvenanceRecorder p, _) = Setup();
        for (int i = 0; i < ProvenanceRecorder.Depth + 5; i++)
        {
            p.Frame = i; // a new frame starts a new run of stores
            h.Write(0, Vram, 8, (ulong)i, NC);
        }
        LineEvent[] e = History(p, Vram);
        Assert.Equal(ProvenanceRecorder.Depth, e.Length);
        Assert.Equal(5, e[0].Frame);
        Assert.Equal(ProvenanceRecorder.Depth + 4, e[^1].Frame);
    }

    [Fact]
    public void The_region_must_lie_in_the_oracles()
    {
        CacheHierarchy h = NewHierarchy();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.EnableProvenance(Vram, 0x1000, () => 0));
    }

    [Fact]
    public void Dirty_log_collections_keep_each_pages_bit_and_repeated_set_way_operations_are_one_event()
    {
        (_, ProvenanceRecorder p, _) = Setup();
        ulong[] bitmap = [0b10];                                   // page 1 of the slot dirty, page 0 clean
        p.OnDirtyLogCollection(Vram, bitmap, 1);
        p.OnDirtyLogCollection(Vram + 0x100000, [ulong.MaxValue], 64); // another slot's log: not VRAM's
        p.OnSetWay(0, SetWayOp.Cisw, flushedVm: true);             // KVM's first trap flushes the VM
        p.OnSetWay(0, SetWayOp.Cisw, flushedVm: false);            // the rest of the guest's loop does nothing
        p.OnSetWay(0, SetWayOp.Cisw, flushedVm: false);
        p.OnSetWay(0, SetWayOp.Csw, flushedVm: false);

        var e = new HostEvent[ProvenanceRecorder.HostEventCapacity];
        Assert.Equal(4, p.HostEvents(Vram + 0x1000, e));
        Assert.Equal(HostEventKind.DirtyLogCollection, e[0].Kind);
        Assert.Equal(1, e[0].Count);
        Assert.True(e[0].PageDirty);
        Assert.Equal(HostEventKind.SetWayMaintenance, e[1].Kind);
        Assert.Equal(SetWayOp.Cisw | SetWayOp.FlushedVm, e[1].Detail);
        Assert.Equal((2, SetWayOp.Cisw), (e[2].Count, e[2].Detail));
        Assert.True(e[2].LastCycle > e[2].Cycle && e[1].Cycle > e[0].Cycle);
        Assert.Equal((1, SetWayOp.Csw), (e[3].Count, e[3].Detail));
        Assert.Equal(4, p.HostEvents(Vram + 0x40, e));             // page 0: clean in that collection
        Assert.False(e[0].PageDirty);

        for (int i = 0; i < ProvenanceRecorder.HostEventCapacity; i++)
            p.OnDirtyLogCollection(Vram, [i % 2 == 0 ? 0UL : 0b10], i % 2);
        Assert.Equal(ProvenanceRecorder.HostEventCapacity, p.HostEvents(Vram + 0x1000, e)); // the ring keeps the newest
        Assert.True(e[^1].PageDirty);
        Assert.False(e[^2].PageDirty);
        Assert.All(e, x => Assert.Equal(HostEventKind.DirtyLogCollection, x.Kind));
    }
}
