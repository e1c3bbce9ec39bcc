using Emulator.Cpu.Core;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Logging;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;
using Serilog;

namespace Emulator.Host.Hypervisor;

/// <summary>What the run loop does after the hypervisor handled an exit.</summary>
public readonly record struct HypervisorOutcome(bool Stop, string? Message, bool GuestFault = false)
{
    public static HypervisorOutcome Continue => default;

    /// <summary>The hypervisor cannot go on (KVM_RUN failing: QEMU stops the VM).</summary>
    public static HypervisorOutcome Fail(string message) => new(true, message);

    /// <summary>An injected abort found no working handler in the guest (see ArmCore.LastGuestFault).</summary>
    public static HypervisorOutcome Injected(bool handled) => handled ? default : new(true, null, GuestFault: true);
}

/// <summary>
/// The hypervisor model: KVM/arm64 for one single-vCPU VM whose memory slots (system RAM, VRAM)
/// sit at the same guest and host physical addresses. Guests run at EL1 under stage 2 (HCR_EL2.VM),
/// with set/way operations and, until the guest turns its caches on, virtual memory control writes
/// trapped (HCR_EL2.TSW, TVM), as KVM's HCR_GUEST_FLAGS do. Stage-2 faults are handled as
/// kvm_handle_guest_abort and user_mem_abort do: a fault in a memory slot maps the page (2 MB
/// blocks for RAM, 4 KB pages for dirty-logged slots, read-only until written while logging),
/// with the cache maintenance the <see cref="CoherencyPolicy"/> prescribes; a fault elsewhere is an
/// MMIO exit emulated from the syndrome (ISV), as QEMU's KVM_EXIT_MMIO. Everything it does is
/// logged in the <c>hyp</c> trace category.
/// </summary>
public sealed class KvmHypervisor
{
    private const ulong HcrVm = 1UL << 0;
    private const ulong HcrTsw = 1UL << 22;
    private const ulong HcrTvm = 1UL << 26;
    private const ushort Vmid = 1;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Hyp);

    private readonly ArmCore _core;
    private readonly PhysicalAddressSpace _bus;
    private readonly HostCacheMaintenance _host;
    private readonly Dictionary<ulong, ulong> _mapped = [];
    private readonly List<DirtyLog> _logs = [];

    public KvmHypervisor(ArmCore core, PhysicalAddressSpace bus, CacheHierarchy? cache, CoherencyPolicy policy)
    {
        _core = core;
        _bus = bus;
        _host = new HostCacheMaintenance(cache);
        Policy = policy;
        Tables = new Stage2PageTables();
    }

    public CoherencyPolicy Policy { get; }

    public Stage2PageTables Tables { get; }

    public Stage2Statistics Statistics { get; } = new();

    /// <summary>The stale-pixel provenance recorder told what the hypervisor's maintenance is for (null: not recording).</summary>
    public Mmu.Caches.Provenance.ProvenanceRecorder? Provenance { get; set; }

    /// <summary>The host's cache maintenance by physical address (for the VMM's own use).</summary>
    public IHostCacheMaintenance HostMaintenance => _host;

    /// <summary>Pages the VMM collected from all dirty logs (report: stage2.dirty_pages).</summary>
    public ulong DirtyPagesCollected => (ulong)_logs.Sum(l => (long)l.CollectedPages);

    /// <summary>Turns dirty logging on for <paramref name="slot"/> (KVM_MEM_LOG_DIRTY_PAGES) and returns its log.</summary>
    public DirtyLog EnableDirtyLogging(MemorySlot slot)
    {
        var log = new DirtyLog(slot, WriteProtect);
        _logs.Add(log);
        foreach (ulong page in _mapped.Keys.Where(pa => slot.Contains(pa, 1)))
            WriteProtect(page);
        _core.InvalidateStage2All();
        return log;
    }

    /// <summary>
    /// KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG for <paramref name="log"/>: the pages written since
    /// the last call, write-protected again (with one TLB invalidation for the round).
    /// </summary>
    public int CollectDirtyLog(DirtyLog log, Span<ulong> bitmap)
    {
        int pages = log.CollectAndClear(bitmap);
        if (pages > 0)
            _core.InvalidateStage2All();
        Log.Verbose("dirty log {Slot}: round {Round}, {Pages} dirty pages collected and write-protected", log.Slot.Name, log.Rounds, pages);
        return pages;
    }

    /// <summary>Sets up EL2 for the guest: the stage-2 tables (empty: every page faults in on demand) and HCR_EL2.</summary>
    public void Start()
    {
        _core.Stage2TableMemory = Tables.Memory;
        _core.WriteStage2Base(Tables.Vtcr, Tables.Vttbr(Vmid));
        _core.WriteHcr(HcrVm | HcrTsw | HcrTvm | Policy.ExtraHcrBits);
        _core.WriteCptr(ArmCore.CptrTfp); // kvm_arch_vcpu_load_fp: the guest's first SIMD&FP use traps, to switch its FP state in
        Log.Debug("stage 2 on: VTCR_EL2 0x{Vtcr:x}, VTTBR_EL2 0x{Vttbr:x}, HCR_EL2 0x{Hcr:x}, policy {Policy}",
            Tables.Vtcr, Tables.Vttbr(Vmid), _core.El2.HCR_EL2, Policy.Name);
    }

    /// <summary>Handles <see cref="CpuExit.Stage2Abort"/> (kvm_handle_guest_abort).</summary>
    public HypervisorOutcome HandleStage2Abort()
    {
        var abort = new Stage2Abort((uint)_core.El2.ESR_EL2, _core.El2.FAR_EL2, _core.El2.HPFAR_EL2);
        MemorySlot? slot = _bus.Ram.FindSlot(abort.Ipa);
        if (slot is null)
            return HandleOutsideMemory(abort);
        return abort.FaultKind switch
        {
            Stage2FaultKind.Translation or Stage2FaultKind.AccessFlag => MapOnDemand(abort, slot),
            Stage2FaultKind.Permission => RelaxPermissions(abort, slot),
            _ => HypervisorOutcome.Fail($"unexpected stage-2 fault (ESR_EL2 0x{abort.Esr:x}) at IPA 0x{abort.Ipa:x}, PC 0x{_core.Pc:x}"),
        };
    }

    /// <summary>user_mem_abort for a page with no stage-2 entry: map it, with the policy's maintenance.</summary>
    private HypervisorOutcome MapOnDemand(in Stage2Abort abort, MemorySlot slot)
    {
        Statistics.TranslationFaults++;
        DirtyLog? log = LogFor(slot);
        ulong blockBase = abort.Ipa & ~(Stage2PageTables.BlockSize - 1);
        bool block = log is null && slot.Contains(blockBase, Stage2PageTables.BlockSize);
        ulong size = block ? Stage2PageTables.BlockSize : Stage2PageTables.PageSize;
        ulong pa = abort.Ipa & ~(size - 1);
        bool writable = log is null || abort.IsWrite;
        SetAction(Mmu.Caches.Provenance.HostAction.KvmMapClean);
        ulong cleaned = Policy.OnTranslationFaultMap(_host, pa, size);
        SetAction(Mmu.Caches.Provenance.HostAction.None);
        if (abort.IsInstructionFetch)
            _host.InvalidateInstructionCache();
        Tables.Map(pa, pa, block, Policy.RamMemAttr, read: true, write: writable, executable: abort.IsInstructionFetch);
        _mapped[pa] = size;
        if (writable && log is not null)
            log.MarkDirty(abort.Ipa);
        Statistics.PagesMapped += size >> Stage2PageTables.PageShift;
        Statistics.PagesCleaned += cleaned >> Stage2PageTables.PageShift;
        Log.Verbose("stage-2 {Kind} fault at IPA 0x{Ipa:x} (PC 0x{Pc:x}, {Access}): mapped {Size} at 0x{Pa:x} {Perm}, MemAttr 0x{MemAttr:x}, cleaned {Cleaned} bytes",
            abort.FaultKind, abort.Ipa, _core.Pc, abort.AccessName, block ? "2M block" : "4K page", pa,
            (writable ? "RW" : "RO") + (abort.IsInstructionFetch ? "X" : ""), Policy.RamMemAttr, cleaned);
        return HypervisorOutcome.Continue;
    }

    /// <summary>A permission fault: a dirty-logged page's first write since the last collection, or the first execution of a page.</summary>
    private HypervisorOutcome RelaxPermissions(in Stage2Abort abort, MemorySlot slot)
    {
        Statistics.PermissionFaults++;
        if (!Tables.TryGetLeaf(abort.Ipa, out _, out int level))
            return HypervisorOutcome.Fail($"stage-2 permission fault at unmapped IPA 0x{abort.Ipa:x}");
        ulong size = level == 2 ? Stage2PageTables.BlockSize : Stage2PageTables.PageSize;
        ulong pa = abort.Ipa & ~(size - 1);
        if (abort.IsInstructionFetch)
        {
            // kvm_pgtable_stage2_relax_perms adding X: invalidate the I-cache, no D-cache maintenance.
            _host.InvalidateInstructionCache();
            Tables.SetExecutable(pa);
            _core.InvalidateStage2(pa);
            Log.Verbose("stage-2 permission fault (exec) at IPA 0x{Ipa:x}: 0x{Pa:x} made executable", abort.Ipa, pa);
            return HypervisorOutcome.Continue;
        }
        DirtyLog? log = LogFor(slot);
        if (!abort.IsWrite || log is null)
            return HypervisorOutcome.Fail($"unexpected stage-2 permission fault ({abort.AccessName}) at IPA 0x{abort.Ipa:x}, PC 0x{_core.Pc:x}");
        log.MarkDirty(abort.Ipa);
        SetAction(Mmu.Caches.Provenance.HostAction.KvmPermissionFault);
        ulong cleaned = Policy.OnPermissionFault(_host, pa, size);
        SetAction(Mmu.Caches.Provenance.HostAction.None);
        Statistics.PagesCleaned += cleaned >> Stage2PageTables.PageShift;
        Tables.SetWritable(pa, true);
        _core.InvalidateStage2(pa);
        Log.Verbose("stage-2 permission fault (write) at IPA 0x{Ipa:x} (PC 0x{Pc:x}): page logged dirty and made writable, cleaned {Cleaned} bytes",
            abort.Ipa, _core.Pc, cleaned);
        return HypervisorOutcome.Continue;
    }

    /// <summary>
    /// A stage-2 fault outside every memory slot: an instruction fetch or a stage-1 walk there gets
    /// an external abort injected; a cache maintenance instruction is skipped ("this range cannot
    /// be cached"); a load or store is an MMIO exit, emulated from ESR_EL2.ISS when ISV is set.
    /// </summary>
    private HypervisorOutcome HandleOutsideMemory(in Stage2Abort abort)
    {
        if (abort.IsInstructionFetch)
        {
            return HypervisorOutcome.Injected(_core.InjectExternalInstructionAbort(abort.Far));
        }
        if (abort.S1Ptw)
        {
            return HypervisorOutcome.Injected(_core.InjectExternalDataAbort(abort.Far, write: false));
        }
        if (abort.CacheMaintenance)
        {
            _core.CompleteEmulatedInstruction();
            return HypervisorOutcome.Continue;
        }
        Statistics.MmioExits++;
        if (!abort.Isv)
        {
            return HypervisorOutcome.Fail(
                $"the guest accessed MMIO at 0x{abort.Ipa:x} (PC 0x{_core.Pc:x}) with an instruction KVM cannot emulate: " +
                "no valid instruction syndrome (a load/store pair, writeback, exclusive or atomic); use a single LDR/STR");
        }
        int size = 1 << abort.AccessSizeLog2;
        if (abort.IsWrite)
        {
            ulong value = abort.Srt == 31 ? 0 : _core.X[abort.Srt];
            if (size < 8)
                value &= (1UL << (8 * size)) - 1;
            if (!_bus.TryWrite(abort.Ipa, size, value))
            {
                return HypervisorOutcome.Injected(_core.InjectExternalDataAbort(abort.Far, write: true));
            }
            Log.Verbose("MMIO write 0x{Ipa:x} size {Size} = 0x{Value:x}", abort.Ipa, size, value);
        }
        else
        {
            if (!_bus.TryRead(abort.Ipa, size, out ulong value))
            {
                return HypervisorOutcome.Injected(_core.InjectExternalDataAbort(abort.Far, write: false));
            }
            if (abort.SignExtend && size < 8)
            {
                int shift = 64 - 8 * size;
                value = (ulong)((long)(value << shift) >> shift);
            }
            if (!abort.SixtyFourBit)
                value &= 0xFFFF_FFFF;
            if (abort.Srt != 31)
                _core.X[abort.Srt] = value;
            Log.Verbose("MMIO read 0x{Ipa:x} size {Size} -> 0x{Value:x}", abort.Ipa, size, value);
        }
        _core.CompleteEmulatedDeviceAccess();
        return HypervisorOutcome.Continue;
    }

    /// <summary>
    /// Handles <see cref="CpuExit.HypervisorTrap"/>: set/way operations (kvm_set_way_flush) and
    /// writes to the virtual memory controls (access_vm_reg, kvm_toggle_cache, and the policy's
    /// MAIR_EL1 rewrite).
    /// </summary>
    public HypervisorOutcome HandleTrap()
    {
        if (_core.El2.ESR_EL2 >> 26 == ExceptionClass.FpAccess)
        {
            // kvm_hyp_handle_fpsimd: the guest's first SIMD&FP use since the vCPU was loaded. The
            // FP state is switched in and the trap turned off; the instruction runs again.
            _core.WriteCptr(_core.El2.CPTR_EL2 & ~ArmCore.CptrTfp);
            Log.Verbose("SIMD&FP trap (CPTR_EL2.TFP): guest FP state loaded at PC 0x{Pc:x}", _core.Pc);
            return HypervisorOutcome.Continue;
        }
        Statistics.TrappedInstructions++;
        uint insn = _core.TrappedInstruction;
        uint op0 = (insn >> 19) & 3, op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15, crm = (insn >> 8) & 15, op2 = (insn >> 5) & 7;
        if (op0 == 1 && crn == 7 && op2 == 2)
        {
            // DC ISW/CSW/CISW: the first one flushes the whole VM and starts watching the caches.
            if ((_core.El2.HCR_EL2 & HcrTvm) == 0)
            {
                FlushVm("set/way operation");
                _core.WriteHcr(_core.El2.HCR_EL2 | HcrTvm);
            }
            _core.CompleteEmulatedInstruction();
            return HypervisorOutcome.Continue;
        }
        ulong value = _core.X[(int)(insn & 31)];
        if ((insn & 31) == 31)
            value = 0;
        bool isMair = op0 == 3 && op1 == 0 && crn == 10 && crm == 2 && op2 == 0;
        bool isSctlr = op0 == 3 && op1 == 0 && crn == 1 && crm == 0 && op2 == 0;
        if (isMair)
        {
            ulong mangled = Policy.OnMairWrite(value);
            if (mangled != value)
                Log.Verbose("MAIR_EL1 write 0x{Value:x} rewritten to 0x{Mangled:x}", value, mangled);
            value = mangled;
        }
        bool wasEnabled = CachesEnabled();
        _core.WriteTrappedSystemRegister(value);
        if (isSctlr)
        {
            // kvm_toggle_cache: flush when the MMU+caches state changes; stop trapping once they are on.
            bool nowEnabled = CachesEnabled();
            if (nowEnabled != wasEnabled)
                FlushVm(nowEnabled ? "guest turned its MMU and caches on" : "guest turned its MMU or caches off");
            if (nowEnabled && !Policy.KeepTrappingVirtualMemoryWrites)
                _core.WriteHcr(_core.El2.HCR_EL2 & ~HcrTvm);
        }
        _core.CompleteEmulatedInstruction();
        return HypervisorOutcome.Continue;
    }

    private bool CachesEnabled() => (_core.Sys.SCTLR_EL1 & 0b101) == 0b101;

    /// <summary>stage2_flush_vm: clean and invalidate every mapped page to the PoC (per the policy).</summary>
    private void FlushVm(string why)
    {
        Statistics.VmFlushes++;
        var mapped = _mapped.OrderBy(m => m.Key).Select(m => (m.Key, m.Value)).ToList();
        SetAction(Mmu.Caches.Provenance.HostAction.KvmFlushVm);
        ulong cleaned = Policy.OnFlushVm(_host, mapped);
        SetAction(Mmu.Caches.Provenance.HostAction.None);
        Statistics.PagesCleaned += cleaned >> Stage2PageTables.PageShift;
        Log.Verbose("stage2_flush_vm ({Why}): {Bytes} bytes cleaned and invalidated", why, cleaned);
    }

    private DirtyLog? LogFor(MemorySlot slot)
    {
        foreach (DirtyLog log in _logs)
        {
            if (ReferenceEquals(log.Slot, slot))
                return log;
        }
        return null;
    }

    private void WriteProtect(ulong pa) => Tables.SetWritable(pa, false);

    private void SetAction(Mmu.Caches.Provenance.HostAction action)
    {
        if (Provenance is { } p)
            p.Action = action;
    }

    /// <summary>The host's cache maintenance through the hierarchy's host agent (no-ops without a cache model).</summary>
    private sealed class HostCacheMaintenance(CacheHierarchy? cache) : IHostCacheMaintenance
    {
        public void CleanInvalidateToPoC(ulong pa, ulong size) => cache?.HostCleanInvalidate(pa, size);

        public void InvalidateInstructionCache() => cache?.InstructionCacheInvalidateAllInnerShareable(0); // broadcast to every CPU's L1I
    }
}
