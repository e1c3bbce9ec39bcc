using Emulator.Devices.Vga;
using Emulator.Host.Provenance;
using Emulator.Host.Tests.EndToEnd;
using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Host.Tests.Provenance;

/// <summary>
/// The machine-wide events in an explanation: a guest's set/way operation that KVM trapped and
/// turned into stage2_flush_vm (named on the flush's maintenance of the line), and the dirty-log
/// collections around the read shown (page dirty: the VMM read it again); the same text from a
/// recording file as from the history it was written from, and a format-1 file without the events.
/// </summary>
public sealed class HostEventExplainTests
{
    private const ulong Base = 0x1000_0000;
    private const ulong Line = Base >> 6;

    private static HistorySnapshot CleanTooEarlyAfterASetWayFlush()
    {
        var h = new HistorySnapshot(6, 1, ["cpu0.l1d", "host.l1d", "l2"]);
        h.AddLine(Line,
        [
            Event(LineEventKind.ScanoutRead, 100, agent: 1, cache: ServedFrom.Memory),                  // the VMM's first read fills its caches
            Event(LineEventKind.Maintenance, 200, agent: 1, detail: 3, action: HostAction.KvmFlushVm),  // the flush the set/way trap caused
            Event(LineEventKind.ScanoutRead, 300, agent: 1, cache: ServedFrom.Memory),                  // read again: filled again
            Event(LineEventKind.Store, 400, agent: 0, detail: 1, mask: ulong.MaxValue),                 // the guest's Non-cacheable store
            Event(LineEventKind.ScanoutRead, 500, agent: 1, cache: 1, stale: true),                     // the VMM's stale clean copy
        ]);
        h.AddHostEvent(new HostEvent { Kind = HostEventKind.SetWayMaintenance, Cycle = 200, LastCycle = 200, Frame = 2, Count = 1, Agent = 0, Detail = SetWayOp.Cisw | SetWayOp.FlushedVm });
        h.AddHostEvent(new HostEvent { Kind = HostEventKind.DirtyLogCollection, Cycle = 250, LastCycle = 250, Frame = 2, Count = 3, Agent = 1 });
        h.AddHostEvent(new HostEvent { Kind = HostEventKind.DirtyLogCollection, Cycle = 450, LastCycle = 450, Frame = 3, Count = 1, Agent = 1 });
        return h;
    }

    private static LineEvent Event(LineEventKind kind, ulong cycle, byte agent, byte cache = ServedFrom.None, byte detail = 0,
        HostAction action = HostAction.None, ulong mask = 0, bool stale = false) => new()
    {
        Kind = kind, Cycle = cycle, LastCycle = cycle, Agent = agent, Cache = cache, Detail = detail, Action = action, Mask = mask,
        Count = kind == LineEventKind.Store ? 1 : 0, Store = -1, Stale = stale, Frame = (int)(cycle / 200),
    };

    private static readonly ProvenanceFrame Frame = new(3, 400, 600, 16, 1, 32, 4, 64, 0, Base);

    [Fact]
    public void The_set_way_trap_and_the_collections_appear_in_the_chain_in_cycle_order()
    {
        HistorySnapshot h = CleanTooEarlyAfterASetWayFlush();
        h.SetDirtyMask(Base >> 12, 0b100); // the third event, the collection at cycle 450, reported the page dirty

        PixelExplanation e = ProvenanceExplainer.Explain(h, Frame, 0, 0, VgaFrame.Stale, 0x11, 0x22);

        Assert.Equal(StaleCause.CleanTooEarly, e.Cause);
        string text = e.ToString();
        Assert.Contains("cycle 200 (frame 2): guest CPU 0 issued DC CISW (cache maintenance by set/way); KVM trapped it (HCR_EL2.TSW) and flushed the whole VM", text);
        Assert.Contains("clean and invalidate to the PoC on the line (KVM's stage2_flush_vm on the guest's DC CISW, trapped by HCR_EL2.TSW)", text);
        Assert.Contains("cycle 250 (frame 2): the VMM collected the dirty log (KVM_GET_DIRTY_LOG, 3 dirty pages): page clean, the VMM does not read it again", text);
        Assert.Contains("cycle 450 (frame 3): the VMM collected the dirty log (KVM_GET_DIRTY_LOG, 1 dirty page): page dirty, the VMM reads it again <- the collection that had the VMM read the line", text);
        // Oldest first: the set/way trap before the flush it caused, the collection at 450 between the store and the read.
        int trap = text.IndexOf("issued DC CISW", StringComparison.Ordinal);
        int flush = text.IndexOf("KVM's stage2_flush_vm on", StringComparison.Ordinal);
        int store = text.IndexOf("cycle 400 (frame 2)", StringComparison.Ordinal);
        int collection = text.IndexOf("cycle 450", StringComparison.Ordinal);
        int read = text.IndexOf("<- the read the display shows", StringComparison.Ordinal);
        Assert.True(trap >= 0 && trap < flush && flush < store && store < collection && collection < read, text);
    }

    [Fact]
    public void A_recording_file_keeps_the_machine_wide_events_and_the_pages_bits()
    {
        HistorySnapshot h = CleanTooEarlyAfterASetWayFlush();
        h.SetDirtyMask(Base >> 12, 0b100);
        using var dir = new TempDirectory();
        var file = new ProvenanceFile
        {
            Frame = Frame, PixelState = [VgaFrame.Stale, .. new byte[15]], Differences = new() { [0] = (0x11, 0x22) }, History = h,
        };
        string path = dir.File("frame-000003.prov");
        file.Write(path);

        ProvenanceFile back = ProvenanceFile.Read(path);

        Assert.Equal(3, back.History.HostEventList.Count);
        Assert.Equal(
            ProvenanceExplainer.Explain(h, Frame, 0, 0, VgaFrame.Stale, 0x11, 0x22).ToString(),
            ProvenanceExplainer.Explain(back.History, back.Frame, 0, 0, VgaFrame.Stale, 0x11, 0x22).ToString());
    }
}
