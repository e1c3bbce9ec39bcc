using Emulator.Mmu.Attributes;
using Emulator.Mmu.Translation;

namespace Emulator.Cpu.Core;

/// <summary>What a host (debugger) watchpoint watches: gdb's Z2 (write), Z3 (read) and Z4 (access) kinds.</summary>
public enum HostWatchKind
{
    Write = 1,
    Read = 2,
    Access = 3,
}

/// <summary>A host watchpoint: <see cref="Length"/> bytes of guest VA from <see cref="Address"/>.</summary>
public readonly record struct HostWatchpoint(ulong Address, ulong Length, HostWatchKind Kind);

/// <summary>The access that met a host watchpoint: the first watched byte it touched, and the watchpoint's kind.</summary>
public readonly record struct HostWatchHit(ulong Address, HostWatchKind Kind);

/// <summary>The host debugger's hook at instruction boundaries (see <see cref="ArmCore.SetHostDebugger"/>).</summary>
public interface IHostDebugger
{
    /// <summary>
    /// Called before the instruction at PC runs (after any interrupt taken there). May inspect and
    /// change the core, and wait. True ends the current Run here (the run is being ended).
    /// </summary>
    bool AtInstructionBoundary(ArmCore core);
}

/// <summary>
/// A host-side translation of a VA, as the PE would translate a data access now (stage 1, then
/// stage 2 when HCR_EL2.VM/DC is set), made without side effects (no TLB fill, no Access flag
/// write, no cache state change): each stage's leaf, attributes and fault.
/// </summary>
public sealed record HostTranslation(
    ulong Va,
    bool Stage1Enabled,
    TranslationResult Stage1,
    bool Stage2Enabled,
    ulong Ipa,
    S2Mapping Stage2,
    FaultRecord Stage2Fault,
    MemoryAttributes Combined,
    ulong Pa)
{
    /// <summary>Both stages translated the address.</summary>
    public bool Ok => !Stage1.IsFault && !Stage2Fault.IsFault;
}

/// <summary>
/// The host debugger's view of the core, kept apart from the architectural debug registers
/// (ArmCore.DebugRegisters.cs): its watchpoints are checked by the emulator on data accesses and
/// are invisible to the guest; memory is read and written as the PE's current translation maps it.
/// With no host watchpoint set the data path is unchanged: watched pages are kept out of the
/// software TLBs, so only their accesses reach the check on the slow path.
/// </summary>
public sealed partial class ArmCore
{
    private HostWatchpoint[]? _hostWatchpoints;
    private IHostDebugger? _hostDebugger;
    private bool _blockTranslationBeforeDebugger;

    /// <summary>
    /// Attaches the host debugger's instruction-boundary hook (null detaches it). While attached,
    /// every instruction is interpreted (no translated block runs) and the run loop calls the hook
    /// before each one; detached, the loop runs as before, translated blocks included. The hook
    /// runs inside <see cref="Run"/> and may wait there (the debugger's stop): the run is not cut
    /// into more pieces, so its stop points, and with them every result, stay those of a run
    /// without the debugger.
    /// </summary>
    public void SetHostDebugger(IHostDebugger? debugger)
    {
        if (debugger is not null && _hostDebugger is null)
        {
            _blockTranslationBeforeDebugger = _blockTranslation;
            if (_blockTranslation)
                BlockTranslation = false;
        }
        else if (debugger is null && _hostDebugger is not null && _blockTranslationBeforeDebugger)
        {
            BlockTranslation = true;
        }
        _hostDebugger = debugger;
    }

    /// <summary>The access that met a host watchpoint during the last Run (which then stopped after that instruction), or null.</summary>
    public HostWatchHit? LastHostWatchHit { get; private set; }

    /// <summary>Replaces the host watchpoints (an empty list removes them all).</summary>
    public void SetHostWatchpoints(IReadOnlyList<HostWatchpoint> watchpoints)
    {
        var list = new HostWatchpoint[watchpoints.Count];
        for (int i = 0; i < list.Length; i++)
            list[i] = watchpoints[i];
        _hostWatchpoints = list.Length == 0 ? null : list;
        FlushSoftTlbs(); // their pages leave the fast paths (FillSoftTlb keeps them out)
    }

    /// <summary>Forgets the last watchpoint hit (the debugger reported it).</summary>
    public void ClearHostWatchHit() => LastHostWatchHit = null;

    /// <summary>Whether a host watchpoint covers part of <paramref name="va"/>'s 4 KiB page (such pages never enter a software TLB).</summary>
    private bool HostWatchesPage(ulong va)
    {
        ulong page = va & ~0xFFFUL;
        foreach (HostWatchpoint w in _hostWatchpoints!)
        {
            ulong first = w.Address & ~0xFFFUL, last = (w.Address + w.Length - 1) & ~0xFFFUL;
            if (page >= first && page <= last)
                return true;
        }
        return false;
    }

    /// <summary>
    /// A translated data access of <paramref name="size"/> bytes at <paramref name="va"/>: when it
    /// touches a host watchpoint of its kind, records the hit, which the debugger's hook finds at
    /// the next instruction boundary (the access itself completes, as QEMU's gdb watchpoints report).
    /// </summary>
    private void CheckHostWatchpoints(ulong va, int size, bool write)
    {
        foreach (HostWatchpoint w in _hostWatchpoints!)
        {
            if ((w.Kind == HostWatchKind.Write && !write) || (w.Kind == HostWatchKind.Read && write))
                continue;
            if (va < w.Address + w.Length && w.Address < va + (ulong)size)
            {
                LastHostWatchHit ??= new HostWatchHit(Math.Max(va, w.Address), w.Kind);
                return;
            }
        }
    }

    /// <summary>
    /// Translates <paramref name="va"/> as a data read (or write) would now, with no side effect:
    /// stage 1 by a table walk (AArch64.S1Translate, Access flag updates dropped), then stage 2
    /// (AArch64.S2Translate) of the IPA, and the combined attributes (S2CombineS1MemAttrs).
    /// </summary>
    public HostTranslation TranslateForHost(ulong va, bool write)
    {
        TranslationRegisters s1 = TranslationRegime;
        Stage2Registers s2 = Stage2Regime;
        var access = new TranslationAccess(write ? AccessType.Write : AccessType.Read, CurrentEl == 0);
        var guest = new RamDescriptorReader(this, sideEffectFree: true);
        var tables = new Stage2TableReader(Stage2TableMemory);
        TranslationResult r1 = TwoStageTranslation.TranslateStage1Only(s1, s2, va, access, ref guest, ref tables);
        bool s1On = s1.MmuEnabled && !s2.Dc;
        if (r1.IsFault || !s2.Enabled)
            return new HostTranslation(va, s1On, r1, s2.Enabled, r1.Ipa, default, default, r1.Attributes, r1.Pa);
        ulong ipa = r1.Ipa;
        if (!Stage2Walk.Walk(s2, ipa, ref tables, out S2Mapping m2, out FaultRecord f2))
            return new HostTranslation(va, s1On, r1, true, ipa, default, f2 with { Stage2 = true, Ipa = ipa }, r1.Attributes, 0);
        if (!m2.Permits(access.Type))
            return new HostTranslation(va, s1On, r1, true, ipa, m2, new FaultRecord(FaultType.Permission, m2.Level, Stage2: true, Ipa: ipa), r1.Attributes, 0);
        MemoryAttributes combined = TwoStageTranslation.CombineWithStage2(s2, r1.Attributes, m2, fetch: false);
        return new HostTranslation(va, s1On, r1, true, ipa, m2, default, combined, m2.OutputAddress(ipa));
    }

    /// <summary>
    /// Writes guest memory at a virtual address on behalf of the host debugger, translated as
    /// <see cref="TranslateForHost"/> does; the bytes go to memory and to every cached copy of
    /// their lines (data caches, L1I) without changing replacement state or statistics, so the
    /// next fetch or load sees them (decoded instructions and translated blocks check the words
    /// they run). False, with nothing written, if any byte is not translated to RAM.
    /// </summary>
    public bool WriteGuestMemory(ulong va, ReadOnlySpan<byte> source)
    {
        Span<ulong> pas = stackalloc ulong[(source.Length >> 12) + 2];
        int pages = 0;
        for (int done = 0; done < source.Length; pages++)
        {
            ulong address = va + (ulong)done;
            int n = (int)Math.Min((ulong)(source.Length - done), 0x1000 - (address & 0xFFF));
            if (!HostPhysical(address, out ulong pa) || !_ram.Contains(pa, (ulong)n))
                return false;
            pas[pages] = pa;
            done += n;
        }
        pages = 0;
        for (int done = 0; done < source.Length; pages++)
        {
            ulong address = va + (ulong)done;
            int n = (int)Math.Min((ulong)(source.Length - done), 0x1000 - (address & 0xFFF));
            if (_cache is null)
                _ram.Write(pas[pages], source.Slice(done, n));
            else
                _cache.DebugWrite(pas[pages], source.Slice(done, n));
            done += n;
        }
        return true;
    }

    /// <summary>
    /// Reads guest memory at a virtual address for the host debugger, translated as
    /// <see cref="TranslateForHost"/> does, the newest copy of each byte (a dirty cached line, else
    /// memory), changing nothing. False if any byte is not translated to RAM.
    /// </summary>
    public bool ReadGuestMemoryForHost(ulong va, Span<byte> destination)
    {
        for (int done = 0; done < destination.Length;)
        {
            ulong address = va + (ulong)done;
            int n = (int)Math.Min((ulong)(destination.Length - done), 0x1000 - (address & 0xFFF));
            if (!HostPhysical(address, out ulong pa) || !_ram.Contains(pa, (ulong)n))
                return false;
            ReadNewest(pa, destination.Slice(done, n));
            done += n;
        }
        return true;
    }

    /// <summary>
    /// The PA a host access to <paramref name="va"/> reaches: <see cref="TranslateForHost"/>'s, or,
    /// when stage 1 translates and stage 2 has no entry yet (a Translation fault), the IPA itself:
    /// the hypervisor model maps RAM IPA = PA when the guest first touches it, as the VMM reads
    /// guest memory by guest physical address.
    /// </summary>
    private bool HostPhysical(ulong va, out ulong pa)
    {
        HostTranslation t = TranslateForHost(va, write: false);
        pa = t.Ok ? t.Pa : t.Ipa;
        return t.Ok || (!t.Stage1.IsFault && t.Stage2Fault.Type == FaultType.Translation);
    }
}
