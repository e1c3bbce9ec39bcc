using System.Buffers.Binary;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Physical;
using Emulator.Mmu.Translation;

namespace Emulator.Cpu.Core;

/// <summary>
/// The core's side of stage-1 translation: the regime registers handed to the pure walk in
/// Emulator.Mmu.Translation, the TLB, the software TLBs of the interpreter's fast path and what
/// keeps them exact (TLBI, writes to the translation registers, exception level changes), and the
/// AT and TLBI instructions.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>Entries in each software TLB (direct-mapped by VA[20:12]).</summary>
    internal const int SoftTlbEntries = 512;

    /// <summary>
    /// Tag bits [11:3] of a software TLB entry: classes of page that must take the slow path. An
    /// access compares its page address plus its misalignment bits [2:0] with the tag, so any flag
    /// set makes the one compare fail.
    /// </summary>
    [Flags]
    public enum SoftTlbSlowClass : ulong
    {
        None = 0,
        Device = 1 << 3,
        NonCacheable = 1 << 4,
        Cacheable = 1 << 5,
    }

    private readonly Tlb _tlb = new();

    // Software TLBs: one per exception level (permissions differ) and per direction (a read-only
    // page is only in the read table). _softRead/_softWrite are those of the current EL.
    private readonly SoftTlbEntry[] _softReadEl0 = NewSoftTlb();
    private readonly SoftTlbEntry[] _softWriteEl0 = NewSoftTlb();
    private readonly SoftTlbEntry[] _softReadEl1 = NewSoftTlb();
    private readonly SoftTlbEntry[] _softWriteEl1 = NewSoftTlb();
    private SoftTlbEntry[] _softRead = null!;
    private SoftTlbEntry[] _softWrite = null!;

    /// <summary>Set during LDTR/STTR at EL1: data accesses check the EL0 permissions.</summary>
    private bool _unprivilegedAccess;

    /// <summary>The stage-1 TLB (for the host's statistics and tests).</summary>
    public Tlb Tlb => _tlb;

    /// <summary>
    /// Which page classes the data fast path must leave to the slow path (the cache model and the
    /// dirty logging set this; with neither, every RAM page may use the fast path).
    /// </summary>
    public SoftTlbSlowClass SlowPageClasses
    {
        get => _slowClasses;
        set
        {
            _slowClasses = value | (_cache is not null ? AllPageClasses : SoftTlbSlowClass.None);
            FlushSoftTlbs();
        }
    }

    private SoftTlbSlowClass _slowClasses;

    /// <summary>The EL1&amp;0 translation regime registers as the walk sees them.</summary>
    public TranslationRegisters TranslationRegime =>
        new(Sys.SCTLR_EL1, Sys.TCR_EL1, Sys.TTBR0_EL1, Sys.TTBR1_EL1, Sys.MAIR_EL1, Configuration.PhysicalAddressBits,
            Configuration.HardwareAccessFlag);

    private static SoftTlbEntry[] NewSoftTlb()
    {
        var table = new SoftTlbEntry[SoftTlbEntries];
        Array.Fill(table, SoftTlbEntry.Invalid);
        return table;
    }

    /// <summary>Drops every software TLB entry and the fetch page: the TLB or the regime changed.</summary>
    internal void FlushSoftTlbs()
    {
        Array.Fill(_softReadEl0, SoftTlbEntry.Invalid);
        Array.Fill(_softWriteEl0, SoftTlbEntry.Invalid);
        Array.Fill(_softReadEl1, SoftTlbEntry.Invalid);
        Array.Fill(_softWriteEl1, SoftTlbEntry.Invalid);
        InvalidateFetch();
    }

    /// <summary>
    /// A write to SCTLR_EL1, TCR_EL1, TTBR0/1_EL1, MAIR_EL1 or CONTEXTIDR_EL1: the architectural
    /// TLB keeps its entries (software must use TLBI, as on hardware), but the fast paths, which
    /// hold results computed from these registers, start again.
    /// </summary>
    internal void OnTranslationRegimeWritten() => FlushSoftTlbs();

    /// <summary>Selects the software TLBs of the current exception level (called on every EL change).</summary>
    private void SelectSoftTlbs()
    {
        bool el0 = CurrentEl == 0 || _unprivilegedAccess;
        _softRead = el0 ? _softReadEl0 : _softReadEl1;
        _softWrite = el0 ? _softWriteEl0 : _softWriteEl1;
    }

    /// <summary>Starts an unprivileged (LDTR/STTR) access: EL0 permissions at EL1.</summary>
    internal void BeginUnprivilegedAccess()
    {
        if (CurrentEl == 0)
            return;
        _unprivilegedAccess = true;
        SelectSoftTlbs();
    }

    internal void EndUnprivilegedAccess()
    {
        _unprivilegedAccess = false;
        SelectSoftTlbs();
    }

    /// <summary>Resets the TLB and the fast paths (core reset).</summary>
    private void ResetTranslation()
    {
        _tlb.Clear();
        _unprivilegedAccess = false;
        SelectSoftTlbs();
        FlushSoftTlbs();
    }

    /// <summary>
    /// Installs a page in a software TLB after a successful slow-path access. Only RAM pages get
    /// there; the page's class flags (per <see cref="SlowPageClasses"/>) go into the tag.
    /// </summary>
    private void FillSoftTlb(SoftTlbEntry[] table, ulong va, ulong pa, MemoryAttributes attributes, bool write)
    {
        ulong pagePa = pa & ~0xFFFUL;
        if (!_ram.Contains(pagePa, 0x1000) || _watchpointsActive || _pmuSeesEveryAccess || (_hostWatchpoints is not null && HostWatchesPage(va)))
            return; // watchpoints, the guest's (ArmCore.Debug.cs) and the host debugger's (ArmCore.HostDebug.cs), and MEM_ACCESS (ArmCore.PmuEventSources.cs) are seen on the slow path only
        ulong offset = pagePa - _ram.BaseAddress;
        // With the cache model attached the chunk is never used (every class is slow).
        byte[]? chunk = _cache is not null ? null : write ? _ram.ChunkForWrite(offset) : _ram.ChunkForRead(offset);
        if (chunk is null && _cache is null)
            return; // never written: reads stay on the slow path until the chunk exists
        SoftTlbSlowClass cls = attributes.IsDevice ? SoftTlbSlowClass.Device
            : attributes.IsCacheable ? SoftTlbSlowClass.Cacheable : SoftTlbSlowClass.NonCacheable;
        ref SoftTlbEntry e = ref table[(int)(va >> 12) & (SoftTlbEntries - 1)];
        e.Tag = (va & ~0xFFFUL) | (ulong)(cls & _slowClasses);
        e.Chunk = chunk;
        e.Offset = (int)(offset & (Ram.ChunkSize - 1));
        e.PagePa = pagePa;
        e.Attributes = attributes;
    }

    // ---- TLBI (op1 = 0, CRn = 8, CRm = 3 Inner Shareable / 7) ----

    /// <summary>
    /// TLB maintenance at EL1. The Inner Shareable forms (<paramref name="innerShareable"/>) reach
    /// every PE of the cluster; the others this PE only.
    /// Xt: VA[55:12] in bits [43:0], ASID in bits [63:48]. UNDEFINED at EL0.
    /// </summary>
    internal void TlbMaintenance(int op2, ulong xt, bool innerShareable = false)
    {
        if (CurrentEl == 0 || op2 is 4 or 6)
        {
            Undefined();
            return;
        }
        TranslationRegisters regs = TranslationRegime;
        ushort asid = (ushort)(regs.Asid16 ? xt >> 48 : (xt >> 48) & 0xFF);
        ulong va = (ulong)((long)(xt << 20) >> 8); // VA[55:12], sign-extended from bit 55
        if (innerShareable && Cluster is { Count: > 1 } cluster)
            cluster.BroadcastTlbMaintenance(op2, va, asid);
        else
            ApplyTlbMaintenance(op2, va, asid);
    }

    // ---- AT (op1 = 0, CRn = 7, CRm = 8, op2 = 0..3) ----

    /// <summary>
    /// AT S1E1R, S1E1W, S1E0R, S1E0W: translates without faulting and reports in PAR_EL1
    /// (AArch64.AT, "PAR_EL1"): on success PA[47:12], ATTR = the MAIR attribute byte, SH (10 for
    /// Device and Normal Non-cacheable), NS = 1 (Non-secure output); on a fault F = 1, FST, PTW and
    /// S. Bit 11 is RES1. UNDEFINED at EL0.
    /// </summary>
    internal void AddressTranslate(int op2, ulong va)
    {
        if (CurrentEl == 0)
        {
            Undefined();
            return;
        }
        var access = new TranslationAccess((op2 & 1) != 0 ? AccessType.Write : AccessType.Read, Unprivileged: op2 >= 2);
        if (!Stage2Enabled)
        {
            Sys.PAR_EL1 = EncodePar(Translate(va, access));
            return;
        }
        // AT S1E1*/S1E0* under stage 2: stage 1 only, its table reads translated by stage 2; PAR
        // gets the IPA. A stage-2 fault on the walk goes to EL2, which restarts the AT.
        var reader = new RamDescriptorReader(this);
        var tables = new Stage2TableReader(Stage2TableMemory);
        TranslationResult r = TwoStageTranslation.TranslateStage1Only(TranslationRegime, Stage2Regime, va, access, ref reader, ref tables);
        if (r.Fault.Stage2)
        {
            Stage2Abort(r.Fault, va, write: false, fetch: false, maintenance: false);
            return;
        }
        Sys.PAR_EL1 = EncodePar(r);
    }

    internal static ulong EncodePar(in TranslationResult r)
    {
        const ulong Res1 = 1UL << 11;
        if (r.IsFault)
            return Res1 | (r.Fault.S1Ptw ? 1UL << 8 : 0) | (ulong)r.Fault.StatusCode << 1 | 1;
        // ATTR is the stage-1 attribute before the SCTLR_EL1.C override.
        byte attr = r.Mapping.BlockShift == 0 ? r.Attributes.Attr : r.Mapping.Attributes.Attr;
        Shareability sh = r.Mapping.BlockShift == 0 ? r.Attributes.EffectiveShareability : r.Mapping.Attributes.EffectiveShareability;
        return (ulong)attr << 56 | (r.Pa & 0x0000_FFFF_FFFF_F000) | Res1 | 1UL << 9 | (ulong)sh << 7;
    }

    /// <summary>
    /// Descriptor reads and AF write-backs of the walk: RAM only (anything else is an external abort
    /// on the walk). A <paramref name="sideEffectFree"/> reader (host-side debug reads) drops the
    /// write-backs, so that the walk succeeds as it would without changing guest memory.
    /// </summary>
    private readonly struct RamDescriptorReader(ArmCore core, bool sideEffectFree = false) : IDescriptorReader
    {
        public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor)
        {
            Ram ram = core._ram;
            if (!ram.Contains(pa, 8))
                return false;
            if (sideEffectFree)
                return true;
            if (core._cache is not null)
            {
                core._memoryCycles += (uint)core._cache.Write(core._cacheAgent, pa, 8, descriptor, walkAttributes);
                return true;
            }
            Span<byte> buffer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, descriptor);
            ram.Write(pa, buffer);
            return true;
        }

        public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
        {
            descriptor = 0;
            // A debug walk under stage 2 gets IPAs (it has no stage-2 walk): the VMM's memslot lookup.
            if (sideEffectFree && core.Stage2Enabled && !core._bus.TryGuestToHost(pa, 8, out pa))
                return false;
            Ram ram = core._ram;
            if (!ram.Contains(pa, 8))
                return false;
            Span<byte> buffer = stackalloc byte[8];
            if (core._cache is null)
            {
                ram.Read(pa, buffer);
            }
            else if (sideEffectFree)
            {
                core._cache.PeekNewest(pa, buffer);
            }
            else
            {
                core._memoryCycles += (uint)core._cache.Read(core._cacheAgent, pa, 8, walkAttributes, out descriptor);
                return true;
            }
            descriptor = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
            return true;
        }
    }

    /// <summary>
    /// One software TLB entry: the page VA (plus slow-class flags in bits [11:3]) and the RAM chunk
    /// and offset of the page behind it.
    /// </summary>
    internal struct SoftTlbEntry
    {
        public ulong Tag;
        public byte[]? Chunk;
        public int Offset;

        // The page's PA and attributes, for the cache model's path (ArmCore.Caches.cs).
        public ulong PagePa;
        public MemoryAttributes Attributes;

        public static SoftTlbEntry Invalid => new() { Tag = ulong.MaxValue };
    }
}

/// <summary>SYS encodings (op0 = 1: op1, CRn, CRm, op2) of the AT and TLBI instructions at EL1.</summary>
internal static class TranslationSysKeys
{
    private const int Op0 = 1 << 14;

    public const ushort AtS1E1R = Op0 | 7 << 7 | 8 << 3 | 0;
    public const ushort AtS1E1W = Op0 | 7 << 7 | 8 << 3 | 1;
    public const ushort AtS1E0R = Op0 | 7 << 7 | 8 << 3 | 2;
    public const ushort AtS1E0W = Op0 | 7 << 7 | 8 << 3 | 3;

    public const ushort TlbiVmalle1Is = Op0 | 8 << 7 | 3 << 3 | 0;
    public const ushort TlbiVae1Is = Op0 | 8 << 7 | 3 << 3 | 1;
    public const ushort TlbiAside1Is = Op0 | 8 << 7 | 3 << 3 | 2;
    public const ushort TlbiVaae1Is = Op0 | 8 << 7 | 3 << 3 | 3;
    public const ushort TlbiVale1Is = Op0 | 8 << 7 | 3 << 3 | 5;
    public const ushort TlbiVaale1Is = Op0 | 8 << 7 | 3 << 3 | 7;
    public const ushort TlbiVmalle1 = Op0 | 8 << 7 | 7 << 3 | 0;
    public const ushort TlbiVae1 = Op0 | 8 << 7 | 7 << 3 | 1;
    public const ushort TlbiAside1 = Op0 | 8 << 7 | 7 << 3 | 2;
    public const ushort TlbiVaae1 = Op0 | 8 << 7 | 7 << 3 | 3;
    public const ushort TlbiVale1 = Op0 | 8 << 7 | 7 << 3 | 5;
    public const ushort TlbiVaale1 = Op0 | 8 << 7 | 7 << 3 | 7;
}
