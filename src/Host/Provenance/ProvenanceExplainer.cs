using System.Globalization;
using System.Text;
using Emulator.Mmu.Caches.Provenance;

namespace Emulator.Host.Provenance;

/// <summary>An explanation of one pixel: its cause and the chain of events, in words.</summary>
public sealed record PixelExplanation(StaleCause Cause, string Summary, IReadOnlyList<string> Chain)
{
    public override string ToString()
    {
        var text = new StringBuilder(Summary);
        foreach (string line in Chain)
            text.Append('\n').Append("  ").Append(line);
        return text.ToString();
    }
}

/// <summary>
/// Turns a line's history into the reason a pixel on it is stale. The rules, over the events up to
/// the end of the frame (docs/provenance.md): find the scanout read R that produced the displayed
/// bytes (the line's last read). If R returned the oracle's data, a later store the dirty log did
/// not report changed it (unlogged-write). Otherwise, by where R found its data:
/// <list type="bullet">
/// <item>a dirty copy: the VMM's own write (its memset) hides the guest's store (dirty-host-line);</item>
/// <item>a clean copy: the fill that brought it in decides: speculative (speculative-fill); a
/// demand fill after maintenance that invalidated the line (the fix's clean came too early:
/// clean-too-early); else the VMM's earlier read left it there (stale-clean-line);</item>
/// <item>memory: a dirty line written back to memory after the guest's last store to the pixel put
/// older data there; whose line it was decides (dirty-host-line-evicted, dirty-guest-line-evicted).</item>
/// </list>
/// Anything else is unknown (the history kept is too short, or a path the rules do not cover).
/// </summary>
public static class ProvenanceExplainer
{
    /// <summary>The cause of a stale pixel whose bytes are [pa, pa + bytes).</summary>
    public static StaleCause Classify(ILineHistory history, ulong pa, int bytes, ulong endCycle, Span<LineEvent> scratch)
    {
        Analysis a = Analyse(history, pa, bytes, endCycle, scratch);
        return a.Cause;
    }

    /// <summary>Explains pixel (x, y) of <paramref name="frame"/> in words.</summary>
    /// <param name="state">The pixel's state in the frame (VgaFrame.Same, Stale, Pending).</param>
    public static PixelExplanation Explain(ILineHistory history, ProvenanceFrame frame, int x, int y, byte state, uint shown, uint oracle)
    {
        ulong pa = frame.PixelAddress(x, y);
        string where = string.Create(CultureInfo.InvariantCulture, $"frame {frame.Number}, pixel ({x}, {y}) at PA 0x{pa:x}");
        if (state == Devices.Vga.VgaFrame.Same)
            return new PixelExplanation(StaleCause.None, $"{where}: shows 0x{shown:x8}, as the coherent oracle: not stale", []);
        if (state == Devices.Vga.VgaFrame.Pending)
        {
            return new PixelExplanation(StaleCause.None,
                $"{where}: shows 0x{shown:x8}, the oracle holds 0x{oracle:x8}: pending, not stale (its page was written after the VMM read it, and the dirty log reports it: the next frame redraws it)", []);
        }
        var scratch = new LineEvent[ProvenanceRecorder.Depth];
        Analysis a = Analyse(history, pa, frame.BytesPerPixel, frame.EndCycle, scratch);
        var host = new HostEvent[ProvenanceRecorder.HostEventCapacity];
        int hostCount = history.HostEvents(pa, host);
        HostEventMarks marks = MarkHostEvents(scratch, a, host.AsSpan(0, hostCount), frame);
        var chain = new List<string>();
        int h = marks.First;
        for (int i = 0; i < a.Count; i++)
        {
            // Machine-wide events come first at equal cycles: a collection starts the frame's reads, a set/way trap comes before the flush it causes.
            for (; h < hostCount && host[h].Cycle <= scratch[i].Cycle; h++)
                AddHostEvent(chain, history, host, h, marks);
            if (Describe(history, scratch[i], a, i, pa, frame.BytesPerPixel, host.AsSpan(0, hostCount)) is { } text)
                chain.Add(text);
        }
        for (; h < hostCount && host[h].Cycle <= frame.EndCycle; h++)
            AddHostEvent(chain, history, host, h, marks);
        if (a.Count == 0)
            chain.Add("no event of this line is in the history kept");
        string summary = $"{where}: shows 0x{shown:x8}, the oracle holds 0x{oracle:x8}: stale, cause {StaleCauses.Name(a.Cause)}: {Sentence(a.Cause)}";
        if (a.Cause == StaleCause.UnloggedWrite && marks.Unreported >= 0)
            summary += string.Create(CultureInfo.InvariantCulture, $" (the VMM collected the dirty log at cycle {host[marks.Unreported].Cycle}: page clean)");
        return new PixelExplanation(a.Cause, summary, chain);
    }

    /// <summary>One sentence per cause.</summary>
    public static string Sentence(StaleCause cause) => cause switch
    {
        StaleCause.StaleCleanLine => "the VMM read an old clean copy of the line that its cache filled earlier; the guest's store went around the cache to memory, and no maintenance came in between",
        StaleCause.SpeculativeFill => "the host's cache pulled the line in speculatively before the guest's store, which went around it to memory; the VMM's read hit that copy",
        StaleCause.CleanTooEarly => "the line was cleaned and invalidated, but a read filled it again before the guest's store went around it to memory: the maintenance came too early",
        StaleCause.DirtyHostLine => "the VMM read its own dirty line (written through its cacheable mapping), which hides the guest's newer store in memory",
        StaleCause.DirtyHostLineEvicted => "the VMM's dirty line was evicted and written back over the guest's newer data in memory, and the VMM read memory",
        StaleCause.DirtyGuestLineEvicted => "a dirty line of the guest's own cacheable store was written back over its newer store in memory, and the VMM read memory",
        StaleCause.UnloggedWrite => "the VMM read the right data, and the guest changed it afterwards without the dirty log reporting the page",
        _ => "the history kept does not show why",
    };

    private ref struct Analysis
    {
        public int Count;
        public StaleCause Cause;
        public int Read;     // R
        public int Store;    // the guest's last store to the pixel before R
        public int Fill;     // the fill of the copy R hit
        public int Maintenance;
        public int Writeback;
        public int Dirtier;  // the store that dirtied the written-back or hit line
    }

    /// <summary>Copies the history of the line holding <paramref name="pa"/> up to <paramref name="endCycle"/>; returns the count.</summary>
    public static int Load(ILineHistory history, ulong pa, ulong endCycle, Span<LineEvent> scratch) => Load(history, pa, endCycle, scratch, out _);

    /// <summary>As <see cref="Load(ILineHistory, ulong, ulong, Span{LineEvent})"/>; <paramref name="truncated"/>: events after <paramref name="endCycle"/> were left out.</summary>
    public static int Load(ILineHistory history, ulong pa, ulong endCycle, Span<LineEvent> scratch, out bool truncated)
    {
        int all = history.History(pa >> history.LineShift, scratch);
        int count = all;
        while (count > 0 && scratch[count - 1].Cycle > endCycle)
            count--;
        truncated = count != all;
        return count;
    }

    /// <summary>The cause of a stale pixel at [pa, pa + bytes) from its line's history already loaded by <see cref="Load"/>.</summary>
    /// <param name="sameForLine">Whether the cause holds for every stale pixel of the line (it did not depend on which bytes the pixel has).</param>
    public static StaleCause Classify(ILineHistory history, ulong pa, int bytes, Span<LineEvent> events, int count, out bool sameForLine)
    {
        Analysis a = Analyse(history, pa, bytes, events, count);
        sameForLine = a.Read < 0 || (events[a.Read].Stale && events[a.Read].Cache != ServedFrom.Memory);
        return a.Cause;
    }

    private static Analysis Analyse(ILineHistory history, ulong pa, int bytes, ulong endCycle, Span<LineEvent> scratch) =>
        Analyse(history, pa, bytes, scratch, Load(history, pa, endCycle, scratch));

    private static Analysis Analyse(ILineHistory history, ulong pa, int bytes, Span<LineEvent> scratch, int count)
    {
        int lineSize = 1 << history.LineShift;
        int offset = (int)(pa & (ulong)(lineSize - 1));
        ulong mask = lineSize > 64 ? ulong.MaxValue : (bytes >= 64 ? ulong.MaxValue : ((1UL << bytes) - 1) << offset);
        var a = new Analysis { Count = count, Cause = StaleCause.Unknown, Read = -1, Store = -1, Fill = -1, Maintenance = -1, Writeback = -1, Dirtier = -1 };
        for (int i = count - 1; i >= 0; i--)
        {
            if (scratch[i].Kind == LineEventKind.ScanoutRead)
            {
                a.Read = i;
                break;
            }
        }
        if (a.Read < 0)
            return a;
        ref LineEvent r = ref scratch[a.Read];
        int host = history.HostAgent;
        if (!r.Stale)
        {
            for (int i = a.Read + 1; i < count; i++)
            {
                if (scratch[i].Kind == LineEventKind.Store && (scratch[i].Mask & mask) != 0)
                {
                    a.Store = i;
                    a.Cause = StaleCause.UnloggedWrite;
                }
            }
            return a;
        }
        for (int i = a.Read - 1; i >= 0; i--)
        {
            if (scratch[i].Kind == LineEventKind.Store && scratch[i].Agent != host && (scratch[i].Mask & mask) != 0)
            {
                a.Store = i;
                break;
            }
        }
        if (r.Cache != ServedFrom.Memory)
        {
            if (r.Dirty)
            {
                a.Dirtier = LastCacheableStore(scratch, a.Read);
                if (a.Dirtier >= 0 && scratch[a.Dirtier].Agent == host)
                    a.Cause = StaleCause.DirtyHostLine;
                return a;
            }
            for (int i = a.Read - 1; i >= 0; i--)
            {
                // A scanout read served by memory filled the host's caches: it is a fill too.
                bool readFill = scratch[i].Kind == LineEventKind.ScanoutRead && scratch[i].Cache == ServedFrom.Memory;
                if (readFill || scratch[i].Kind is LineEventKind.Fill or LineEventKind.SpeculativeFill)
                {
                    a.Fill = i;
                    break;
                }
            }
            if (a.Fill >= 0 && scratch[a.Fill].Kind == LineEventKind.SpeculativeFill)
            {
                a.Cause = StaleCause.SpeculativeFill;
                return a;
            }
            for (int i = (a.Fill >= 0 ? a.Fill : a.Read) - 1; i >= 0; i--)
            {
                ref LineEvent m = ref scratch[i];
                if (m.Kind == LineEventKind.Maintenance && (m.Detail & 2) != 0 && m.Action != HostAction.KvmMapClean)
                {
                    a.Maintenance = i;
                    break;
                }
            }
            a.Cause = a.Maintenance >= 0 && a.Fill >= 0 ? StaleCause.CleanTooEarly : StaleCause.StaleCleanLine;
            return a;
        }
        for (int i = a.Read - 1; i > a.Store; i--)
        {
            ref LineEvent w = ref scratch[i];
            if (w.Kind == LineEventKind.MemoryWrite || (w.Kind == LineEventKind.Maintenance && (w.Detail & 4) != 0))
            {
                a.Writeback = i;
                break;
            }
        }
        if (a.Writeback < 0)
            return a;
        a.Dirtier = LastCacheableStore(scratch, a.Writeback);
        if (a.Dirtier < 0)
            return a;
        a.Cause = scratch[a.Dirtier].Agent == host ? StaleCause.DirtyHostLineEvicted : StaleCause.DirtyGuestLineEvicted;
        return a;
    }

    /// <summary>The last write-back or write-through store before event <paramref name="before"/> (the one that made a cached copy dirty).</summary>
    private static int LastCacheableStore(Span<LineEvent> events, int before)
    {
        for (int i = before - 1; i >= 0; i--)
        {
            if (events[i].Kind == LineEventKind.Store && events[i].Detail >= 2)
                return i;
        }
        return -1;
    }

    /// <summary>Which machine-wide events an explanation shows, and the ones it points at.</summary>
    private struct HostEventMarks
    {
        public int First;        // the first event at or after the line's oldest event kept
        public int FirstCollection; // the first collection shown: the last one before the guest's store or the read shown
        public int BeforeRead;   // the last collection before the read shown
        public int Unreported;   // the first collection after an unlogged store that reported the page clean
    }

    /// <summary>
    /// Shows the machine-wide events from the last collection before the line's first event of
    /// interest (the guest's store, the read shown, or the first event kept) to the frame's end,
    /// and marks the collection that made the VMM read the line and the one that missed the guest's store.
    /// </summary>
    private static HostEventMarks MarkHostEvents(Span<LineEvent> events, in Analysis a, Span<HostEvent> host, ProvenanceFrame frame)
    {
        var m = new HostEventMarks { First = host.Length, FirstCollection = 0, BeforeRead = -1, Unreported = -1 };
        ulong oldest = a.Count > 0 ? events[0].Cycle : frame.StartCycle;
        for (int k = 0; k < host.Length; k++)
        {
            if (host[k].Cycle >= oldest)
            {
                m.First = k;
                break;
            }
        }
        int anchor = a.Store >= 0 && (a.Read < 0 || a.Store < a.Read) ? a.Store : a.Read >= 0 ? a.Read : a.Count > 0 ? 0 : -1;
        ulong from = anchor >= 0 ? events[anchor].Cycle : frame.StartCycle;
        for (int k = host.Length - 1; k >= 0; k--)
        {
            if (host[k].Cycle <= from && host[k].Kind == HostEventKind.DirtyLogCollection)
            {
                m.FirstCollection = k;
                break;
            }
        }
        if (a.Read >= 0)
        {
            for (int k = host.Length - 1; k >= 0; k--)
            {
                if (host[k].Kind == HostEventKind.DirtyLogCollection && host[k].Cycle <= events[a.Read].Cycle)
                {
                    m.BeforeRead = k;
                    break;
                }
            }
        }
        if (a.Cause == StaleCause.UnloggedWrite && a.Store >= 0)
        {
            for (int k = 0; k < host.Length; k++)
            {
                if (host[k].Kind == HostEventKind.DirtyLogCollection && host[k].Cycle >= events[a.Store].Cycle && host[k].Cycle <= frame.EndCycle && !host[k].PageDirty)
                {
                    m.Unreported = k;
                    break;
                }
            }
        }
        return m;
    }

    private static void AddHostEvent(List<string> chain, ILineHistory history, HostEvent[] host, int k, in HostEventMarks marks)
    {
        ref HostEvent e = ref host[k];
        if (e.Kind == HostEventKind.DirtyLogCollection && k < marks.FirstCollection)
            return; // one collection per frame: only those from the one before the guest's store or the read shown
        string when = string.Create(CultureInfo.InvariantCulture, $"cycle {e.Cycle} (frame {e.Frame})");
        if (e.Kind == HostEventKind.DirtyLogCollection)
        {
            string mark = k == marks.Unreported ? " <- the guest's store to the pixel was not reported"
                : k == marks.BeforeRead ? (e.PageDirty ? " <- the collection that had the VMM read the line" : " <- the last collection before the read shown")
                : "";
            chain.Add(string.Create(CultureInfo.InvariantCulture,
                $"{when}: the VMM collected the dirty log (KVM_GET_DIRTY_LOG, {e.Count} dirty page{(e.Count == 1 ? "" : "s")}): {(e.PageDirty ? "page dirty, the VMM reads it again" : "page clean, the VMM does not read it again")}{mark}"));
            return;
        }
        string who = e.Agent == history.HostAgent ? "the host" : string.Create(CultureInfo.InvariantCulture, $"guest CPU {e.Agent}");
        string run = e.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({e.Count} times, until cycle {e.LastCycle})") : "";
        string what = (e.Detail & SetWayOp.FlushedVm) != 0
            ? "KVM trapped it (HCR_EL2.TSW) and flushed the whole VM (stage2_flush_vm: clean and invalidate to the PoC of every mapped page), then set HCR_EL2.TVM to flush again when the guest turns its caches on or off"
            : "KVM trapped it (HCR_EL2.TSW) and did nothing: it flushed the VM on an earlier one and waits (HCR_EL2.TVM) for the guest to turn its caches on or off";
        chain.Add($"{when}: {who} issued {SetWayOp.Name(e.Detail)} (cache maintenance by set/way){run}; {what}");
    }

    /// <summary>The set/way trap that made KVM flush the VM at <paramref name="cycle"/>, if one did.</summary>
    private static int FlushingSetWay(Span<HostEvent> host, ulong cycle)
    {
        for (int k = host.Length - 1; k >= 0; k--)
        {
            if (host[k].Cycle > cycle)
                continue;
            if (host[k].Kind == HostEventKind.SetWayMaintenance && (host[k].Detail & SetWayOp.FlushedVm) != 0 && host[k].Cycle == cycle)
                return k;
            break;
        }
        return -1;
    }

    private static string? Describe(ILineHistory history, in LineEvent e, in Analysis a, int index, ulong pa, int bytes, Span<HostEvent> host)
    {
        string when = string.Create(CultureInfo.InvariantCulture, $"cycle {e.Cycle} (frame {e.Frame})");
        string mark = index == a.Read ? " <- the read the display shows"
            : index == a.Store ? " <- the guest's last store to this pixel before that read"
            : index == a.Fill ? " <- the fill of the copy the read shown hit"
            : index == a.Maintenance ? " <- the maintenance that came too early"
            : index == a.Writeback ? " <- the write-back over the guest's data"
            : index == a.Dirtier ? " <- the store whose dirty line it was"
            : "";
        string who = e.Agent == history.HostAgent ? "the host" : e.Agent == 255 ? "" : $"guest CPU {e.Agent}";
        string action = e.Action switch
        {
            HostAction.KvmMapClean => " (KVM mapping the page on a stage-2 fault)",
            HostAction.KvmPermissionFault => " (KVM handling the dirty-log permission fault)",
            HostAction.KvmFlushVm => FlushingSetWay(host, e.Cycle) is int k and >= 0
                ? $" (KVM's stage2_flush_vm on the guest's {SetWayOp.Name(host[k].Detail)}, trapped by HCR_EL2.TSW)"
                : " (KVM's stage2_flush_vm)",
            HostAction.VmmMaintenance => " (the VMM's maintenance before its read)",
            HostAction.VmmWrite => " (the VMM writing VRAM: its memset)",
            HostAction.VmmScanout => " (the VMM's scanout)",
            _ => "",
        };
        string? text = e.Kind switch
        {
            LineEventKind.Fill => $"{when}: {history.CacheName(e.Cache)} filled the line for {(who.Length == 0 ? "an instruction fetch" : who)}{action}",
            LineEventKind.SpeculativeFill => $"{when}: {history.CacheName(e.Cache)} filled the line speculatively (prefetch or speculative fill by the host's cacheable alias){action}",
            LineEventKind.Store => StoreText(history, e, when, who, action),
            LineEventKind.Eviction => $"{when}: {history.CacheName(e.Cache)} evicted the line{(e.Dirty ? ", dirty: written back to the next level" : " (clean: dropped)")}",
            LineEventKind.MemoryWrite => $"{when}: a dirty copy of the line{(e.Cache == ServedFrom.None ? "" : " from " + history.CacheName(e.Cache))} was written back to memory",
            LineEventKind.Maintenance => $"{when}: {(e.Agent == 255 ? "a snooping Non-cacheable access" : who)} did {((e.Detail & 3) == 3 ? "clean and invalidate" : (e.Detail & 1) != 0 ? "clean" : "invalidate")} to the PoC on the line{((e.Detail & 4) != 0 ? ", writing dirty data to memory" : "")}{action}",
            LineEventKind.ScanoutRead => $"{when}: the VMM's scanout read the line from {history.CacheName(e.Cache)}{(e.Cache == ServedFrom.Memory ? " (filling the host's caches)" : e.Dirty ? " (a dirty copy)" : " (a clean copy)")}: {(e.Stale ? "stale, it differed from the oracle" : "it matched the oracle")}",
            _ => null,
        };
        return text is null ? null : text + mark;
    }

    private static string StoreText(ILineHistory history, in LineEvent e, string when, string who, string action)
    {
        string bytes = ByteRange(e.Mask);
        string run = e.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({e.Count} stores, until cycle {e.LastCycle})") : "";
        string cls = AttributeText.AccessClass(e.Detail);
        if (e.Agent == history.HostAgent)
            return $"{when}: the host wrote bytes {bytes} of the line through its cacheable mapping{action}{run}";
        if (!history.TryGetStore(e.Store, out StoreRecord s))
            return $"{when}: {who} stored to bytes {bytes} {cls}{run} (the store log no longer holds its details)";
        string insn = s.Instruction == 0 ? "" : $" (`{InstructionText.Disassemble(s.Instruction, s.Pc)}`)";
        string place = s.Described
            ? string.Create(CultureInfo.InvariantCulture,
                $"VA 0x{s.Va:x}, IPA 0x{s.Ipa:x}, PA 0x{s.Pa:x}; stage 1 {AttributeText.Mair(s.Stage1Attr)}, stage 2 {AttributeText.Stage2(s.Stage2MemAttr, s.Fwb)}, combined {AttributeText.Mair(s.CombinedAttr)}")
            : string.Create(CultureInfo.InvariantCulture, $"PA 0x{s.Pa:x}; VA not known (no stage-2 fault on the page seen)");
        return string.Create(CultureInfo.InvariantCulture, $"{when}: the store at PC 0x{s.Pc:x}{insn} by {who} wrote bytes {bytes} {cls}{run}; {place}");
    }

    private static string ByteRange(ulong mask)
    {
        if (mask == ulong.MaxValue)
            return "0-63";
        int first = System.Numerics.BitOperations.TrailingZeroCount(mask);
        int last = 63 - System.Numerics.BitOperations.LeadingZeroCount(mask);
        return first == last ? first.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");
    }
}
