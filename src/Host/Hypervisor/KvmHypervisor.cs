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
/// The hypervisor model: KVM/arm64 for one VM with a vCPU per core of the <see cref="Cluster"/>
/// (each with its own EL2 state: HCR_EL2, the trap controls) and memory slots (system RAM, VRAM),
/// each at a guest physical address stage 2 translates to its fixed host backing; a slot moves
/// with <see cref="MoveSlot"/> (KVM_SET_USER_MEMORY_REGION on a BAR write). Guests run at EL1 under stage 2 (HCR_EL2.VM),
/// with set/way operations and, until the guest turns its caches on, virtual memory control writes
/// trapped (HCR_EL2.TSW, TVM), as KVM's HCR_GUEST_FLAGS do. Stage-2 faults are handled as
/// kvm_handle_guest_abort and user_mem_abort do: a fault in a memory slot maps the page (2 MB
/// blocks for RAM, 4 KB pages for dirty-logged slots, read-only until written while logging),
/// with the cache maintenance the <see cref="CoherencyPolicy"/> prescribes; a fault elsewhere is an
/// MMIO exit emulated from the syndrome (ISV), as QEMU's KVM_EXIT_MMIO. Everything it does is
/// logged in the <c>hyp</c> trace category.
/// </summary>
public sealed partial class KvmHypervisor
{
    private const ulong HcrVm = 1UL << 0;
    private const ulong HcrTsw = 1UL << 22;
    private const ulong HcrTvm = 1UL << 26;
    private const ushort Vmid = 1;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Hyp);

    private readonly Cluster _cluster;
    private readonly PhysicalAddressSpace _bus;
    private readonly HostCacheMaintenance _host;
    private readonly Dictionary<ulong, (ulong Pa, ulong Size)> _mapped = []; // by IPA
    private readonly List<DirtyLog> _logs = [];

    public KvmHypervisor(Cluster cluster, PhysicalAddressSpace bus, CacheHierarchy? cache, CoherencyPolicy policy)
    {
        _cluster = cluster;
        cluster.CoreReset += StartVcpu;
        _bus = bus;
        _host = new HostCacheMaintenance(cache);
        Policy = policy;
        Tables = new Stage2PageTables();
    }

    public CoherencyPolicy Policy { get; private set; }

    /// <summary>
    /// Switches the coherency policy of the running VM (gdb's monitor policy NAME), as a VMM that
    /// rebuilds its memory slots would: every stage-2 mapping is dropped (kvm_arch_flush_shadow_all),
    /// so each page faults in again with the new policy's attributes and maintenance, and HCR_EL2
    /// takes the new policy's bits (TVM as the guest's cache state and the policy want it). What the
    /// old policy left in the caches stays there: the switch acts from now on.
    /// </summary>
    public void SwitchPolicy(CoherencyPolicy policy)
    {
        CoherencyPolicy old = Policy;
        Policy = policy;
        foreach (ulong ipa in _mapped.Keys)
            Tables.Unmap(ipa);
        _mapped.Clear();
        _cluster.InvalidateStage2All();
        foreach (ArmCore core in _cluster.Cores)
        {
            ulong hcr = core.El2.HCR_EL2;
            if ((hcr & HcrVm) == 0)
                continue; // not started: StartVcpu sets HCR_EL2 from the policy
            hcr = (hcr & ~old.ExtraHcrBits) | HcrTvm | policy.ExtraHcrBits;
            if (CachesEnabled(core) && !policy.KeepTrappingVirtualMemoryWrites)
                hcr &= ~HcrTvm;
            core.WriteHcr(hcr);
        }
    }

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
        foreach (ulong page in _mapped.Keys.Where(ipa => slot.ContainsGuest(ipa, 1)))
            WriteProtect(page);
        _cluster.InvalidateStage2All();
        return log;
    }

    /// <summary>
    /// KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG for <paramref name="log"/>: the pages written since
    /// the last call, write-protected again (with one TLB invalidation for the round).
    /// </summary>
    public int CollectDirtyLog(DirtyLog log, Span<ulong> bitmap)
    {
        int pages = log.CollectAndClear(bitmap);
        Provenance?.OnDirtyLogCollection(log.Slot.Base, bitmap, pages);
        if (pages > 0)
            _cluster.InvalidateStage2All();
        Log.Verbose("dirty log {Slot}: round {Round}, {Pages} dirty pages collected and write-protected", log.Slot.Name, log.Rounds, pages);
        return pages;
    }

    /// <summary>Sets up EL2 for the guest's boot vCPU (core 0): the stage-2 tables (empty: every page faults in on demand) and HCR_EL2.</summary>
    public void Start() => StartVcpu(_cluster.Cores[0]);

    /// <summary>
    /// A vCPU's EL2 state at its (re)start, as kvm_reset_vcpu and the first KVM_RUN leave it: the
    /// VM's stage-2 tables, HCR_EL2 with the VM's trap controls, SIMD&amp;FP trapped until first use.
    /// </summary>
    public void StartVcpu(ArmCore core)
    {
        core.Stage2TableMemory = Tables.Memory;
        core.WriteStage2Base(Tables.Vtcr, Tables.Vttbr(Vmid));
        core.WriteHcr(HcrVm | HcrTsw | HcrTvm | Policy.ExtraHcrBits);
        core.WriteCptr(ArmCore.CptrTfp); // kvm_arch_vcpu_load_fp: the guest's first SIMD&FP use traps, to switch its FP state in
        // kvm_arm_setup_mdcr_el2: HPMN = PMCR_EL0.N (every counter the guest's), PMU accesses trapped
        // (TPM, TPMCR) and emulated on the vCPU's PMU, the OS lock and ROM table registers trapped
        // (TDOSA, TDRA), the other debug registers (TDA) until the guest first uses them (DEBUG_DIRTY).
        core.WriteMdcr((ulong)Cpu.System.Pmu.EventCounters | ArmCore.MdcrTpm | ArmCore.MdcrTpmcr | ArmCore.MdcrTdosa | ArmCore.MdcrTdra | ArmCore.MdcrTda);
        core.El2.VMPIDR_EL2 = core.Mpidr;
        Log.Debug("vCPU {Cpu}: stage 2 on: VTCR_EL2 0x{Vtcr:x}, VTTBR_EL2 0x{Vttbr:x}, HCR_EL2 0x{Hcr:x}, policy {Policy}",
            core.CpuIndex, Tables.Vtcr, Tables.Vttbr(Vmid), core.El2.HCR_EL2, Policy.Name);
    }

    /// <summary>Handles a <see cref="CpuExit.Stage2Abort"/> of core 0.</summary>
    public HypervisorOutcome HandleStage2Abort() => HandleStage2Abort(_cluster.Cores[0]);

    /// <summary>Handles <see cref="CpuExit.Stage2Abort"/> (kvm_handle_guest_abort) of <paramref name="core"/>'s vCPU.</summary>
    public HypervisorOutcome HandleStage2Abort(ArmCore core)
    {
        ReloadDebugTraps(core);
        var abort = new Stage2Abort((uint)core.El2.ESR_EL2, core.El2.FAR_EL2, core.El2.HPFAR_EL2);
        MemorySlot? slot = _bus.Ram.FindGuestSlot(abort.Ipa);
        if (slot is not null && RomDeviceAccess(core, abort, slot) is { } romDevice)
            return romDevice;
        if (slot is null)
            return HandleOutsideMemory(core, abort);
        return abort.FaultKind switch
        {
            Stage2FaultKind.Translation or Stage2FaultKind.AccessFlag => MapOnDemand(core, abort, slot),
            Stage2FaultKind.Permission => RelaxPermissions(core, abort, slot),
            _ => HypervisorOutcome.Fail($"unexpected stage-2 fault (ESR_EL2 0x{abort.Esr:x}) at IPA 0x{abort.Ipa:x}, PC 0x{core.Pc:x}"),
        };
    }

    /// <summary>user_mem_abort for a page with no stage-2 entry: map it, with the policy's maintenance.</summary>
    private HypervisorOutcome MapOnDemand(ArmCore core, in Stage2Abort abort, MemorySlot slot)
    {
        Statistics.TranslationFaults++;
        DirtyLog? log = LogFor(slot);
        ulong blockBase = abort.Ipa & ~(Stage2PageTables.BlockSize - 1);
        bool block = log is null && slot.ContainsGuest(blockBase, Stage2PageTables.BlockSize)
            && ((slot.GuestBase!.Value - slot.Base) & (Stage2PageTables.BlockSize - 1)) == 0; // a block needs IPA and PA 2 MB-congruent
        ulong size = block ? Stage2PageTables.BlockSize : Stage2PageTables.PageSize;
        ulong ipa = abort.Ipa & ~(size - 1);
        ulong pa = slot.GuestToHost(ipa);
        bool writable = (log is null || abort.IsWrite) && !IsRomDevice(slot);
        SetAction(Mmu.Caches.Provenance.HostAction.KvmMapClean);
        ulong cleaned = Policy.OnTranslationFaultMap(_host, pa, size);
        SetAction(Mmu.Caches.Provenance.HostAction.None);
        if (abort.IsInstructionFetch)
            _host.InvalidateInstructionCache();
        Tables.Map(ipa, pa, block, Policy.RamMemAttr, read: true, write: writable, executable: abort.IsInstructionFetch);
        _mapped[ipa] = (pa, size);
        if (writable && log is not null)
            log.MarkDirty(slot.GuestToHost(abort.Ipa));
        Statistics.PagesMapped += size >> Stage2PageTables.PageShift;
        Statistics.PagesCleaned += cleaned >> Stage2PageTables.PageShift;
        Log.Verbose("stage-2 {Kind} fault at IPA 0x{Ipa:x} (PC 0x{Pc:x}, {Access}): mapped {Size} at 0x{Pa:x} {Perm}, MemAttr 0x{MemAttr:x}, cleaned {Cleaned} bytes",
            abort.FaultKind, abort.Ipa, core.Pc, abort.AccessName, block ? "2M block" : "4K page", pa,
            (writable ? "RW" : "RO") + (abort.IsInstructionFetch ? "X" : ""), Policy.RamMemAttr, cleaned);
        return HypervisorOutcome.Continue;
    }

    /// <summary>A permission fault: a dirty-logged page's first write since the last collection, or the first execution of a page.</summary>
    private HypervisorOutcome RelaxPermissions(ArmCore core, in Stage2Abort abort, MemorySlot slot)
    {
        Statistics.PermissionFaults++;
        if (!Tables.TryGetLeaf(abort.Ipa, out _, out int level))
            return HypervisorOutcome.Fail($"stage-2 permission fault at unmapped IPA 0x{abort.Ipa:x}");
        ulong size = level == 2 ? Stage2PageTables.BlockSize : Stage2PageTables.PageSize;
        ulong ipa = abort.Ipa & ~(size - 1);
        ulong pa = slot.GuestToHost(ipa);
        if (abort.IsInstructionFetch)
        {
            // kvm_pgtable_stage2_relax_perms adding X: invalidate the I-cache, no D-cache maintenance.
            _host.InvalidateInstructionCache();
            Tables.SetExecutable(ipa);
            _cluster.InvalidateStage2(ipa);
            Log.Verbose("stage-2 permission fault (exec) at IPA 0x{Ipa:x}: 0x{Pa:x} made executable", abort.Ipa, ipa);
            return HypervisorOutcome.Continue;
        }
        DirtyLog? log = LogFor(slot);
        if (!abort.IsWrite || log is null)
            return HypervisorOutcome.Fail($"unexpected stage-2 permission fault ({abort.AccessName}) at IPA 0x{abort.Ipa:x}, PC 0x{core.Pc:x}");
        log.MarkDirty(slot.GuestToHost(abort.Ipa));
        SetAction(Mmu.Caches.Provenance.HostAction.KvmPermissionFault);
        ulong cleaned = Policy.OnPermissionFault(_host, pa, size);
        SetAction(Mmu.Caches.Provenance.HostAction.None);
        Statistics.PagesCleaned += cleaned >> Stage2PageTables.PageShift;
        Tables.SetWritable(ipa, true);
        _cluster.InvalidateStage2(ipa);
        Log.Verbose("stage-2 permission fault (write) at IPA 0x{Ipa:x} (PC 0x{Pc:x}): page logged dirty and made writable, cleaned {Cleaned} bytes",
            abort.Ipa, core.Pc, cleaned);
        return HypervisorOutcome.Continue;
    }

    /// <summary>
    /// A stage-2 fault outside every memory slot: an instruction fetch or a stage-1 walk there gets
    /// an external abort injected; a cache maintenance instruction is skipped ("this range cannot
    /// be cached"); a load or store is an MMIO exit, emulated from ESR_EL2.ISS when ISV is set, and
    /// answered with an injected external data abort when it is not (a pair, writeback, exclusive
    /// or atomic access: KVM_EXIT_ARM_NISV as QEMU handles it).
    /// </summary>
    private HypervisorOutcome HandleOutsideMemory(ArmCore core, in Stage2Abort abort)
    {
        if (abort.IsInstructionFetch)
        {
            return HypervisorOutcome.Injected(core.InjectExternalInstructionAbort(abort.Far));
        }
        if (abort.S1Ptw)
        {
            return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: false));
        }
        if (abort.CacheMaintenance)
        {
            core.CompleteEmulatedInstruction();
            return HypervisorOutcome.Continue;
        }
        Statistics.MmioExits++;
        if (!abort.Isv)
        {
            // KVM_EXIT_ARM_NISV: QEMU (kvm_arm_handle_dabt_nisv, with KVM_CAP_ARM_NISV_TO_USER and
            // KVM_CAP_ARM_INJECT_EXT_DABT) asks KVM to inject an external data abort at FAR_EL2,
            // and KVM's kvm_inject_dabt builds ESR_EL1 = EC | IL | DFSC 0x10, without WnR.
            Log.Verbose("MMIO access without instruction syndrome at IPA 0x{Ipa:x} (PC 0x{Pc:x}, {Access}): external data abort injected",
                abort.Ipa, core.Pc, abort.AccessName);
            return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: false));
        }
        int size = 1 << abort.AccessSizeLog2;
        if (abort.IsWrite)
        {
            ulong value = abort.Srt == 31 ? 0 : core.X[abort.Srt];
            if (size < 8)
                value &= (1UL << (8 * size)) - 1;
            if (!_bus.TryWriteMmio(abort.Ipa, size, value))
            {
                return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: true));
            }
            Log.Verbose("MMIO write 0x{Ipa:x} size {Size} = 0x{Value:x}", abort.Ipa, size, value);
        }
        else
        {
            if (!_bus.TryReadMmio(abort.Ipa, size, out ulong value))
            {
                return HypervisorOutcome.Injected(core.InjectExternalDataAbort(abort.Far, write: false));
            }
            if (abort.SignExtend && size < 8)
            {
                int shift = 64 - 8 * size;
                value = (ulong)((long)(value << shift) >> shift);
            }
            if (!abort.SixtyFourBit)
                value &= 0xFFFF_FFFF;
            if (abort.Srt != 31)
                core.X[abort.Srt] = value;
            Log.Verbose("MMIO read 0x{Ipa:x} size {Size} -> 0x{Value:x}", abort.Ipa, size, value);
        }
        core.CompleteEmulatedDeviceAccess();
        return HypervisorOutcome.Continue;
    }

    /// <summary>
    /// Handles <see cref="CpuExit.HypervisorTrap"/>: set/way operations (kvm_set_way_flush),
    /// writes to the virtual memory controls (access_vm_reg, kvm_toggle_cache, and the policy's
    /// MAIR_EL1 rewrite) and the PMU and debug register accesses MDCR_EL2 traps.
    /// </summary>
    public HypervisorOutcome HandleTrap() => HandleTrap(_cluster.Cores[0]);

    /// <summary>Handles <see cref="CpuExit.HypervisorTrap"/> of <paramref name="core"/>'s vCPU.</summary>
    public HypervisorOutcome HandleTrap(ArmCore core)
    {
        ReloadDebugTraps(core);
        if (core.El2.ESR_EL2 >> 26 == ExceptionClass.FpAccess)
        {
            // kvm_hyp_handle_fpsimd: the guest's first SIMD&FP use since the vCPU was loaded. The
            // FP state is switched in and the trap turned off; the instruction runs again.
            core.WriteCptr(core.El2.CPTR_EL2 & ~ArmCore.CptrTfp);
            Log.Verbose("SIMD&FP trap (CPTR_EL2.TFP): guest FP state loaded at PC 0x{Pc:x}", core.Pc);
            return HypervisorOutcome.Continue;
        }
        Statistics.TrappedInstructions++;
        if (core.TrappedByMdcr is var mdcrBit && mdcrBit != 0)
        {
            // access_pmcr / access_pm* / trap_debug_regs / trap_oslar_el1...: the access on the vCPU's
            // own registers. A debug register access marks the guest's debug state dirty: KVM then
            // switches it in and stops trapping the debug registers (TDA).
            core.EmulateTrappedMonitorDebugAccess();
            if ((mdcrBit & ArmCore.MdcrTda) != 0)
                core.WriteMdcr(core.El2.MDCR_EL2 & ~ArmCore.MdcrTda);
            core.CompleteEmulatedInstruction();
            return HypervisorOutcome.Continue;
        }
        uint insn = core.TrappedInstruction;
        uint op0 = (insn >> 19) & 3, op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15, crm = (insn >> 8) & 15, op2 = (insn >> 5) & 7;
        if (op0 == 1 && crn == 7 && op2 == 2)
        {
            // DC ISW/CSW/CISW: the first one flushes the whole VM and starts watching the caches.
            Provenance?.OnSetWay(core.CpuIndex, crm == 6 ? Mmu.Caches.Provenance.SetWayOp.Isw : crm == 10 ? Mmu.Caches.Provenance.SetWayOp.Csw
                : Mmu.Caches.Provenance.SetWayOp.Cisw, flushedVm: (core.El2.HCR_EL2 & HcrTvm) == 0);
            if ((core.El2.HCR_EL2 & HcrTvm) == 0)
            {
                FlushVm("set/way operation");
                core.WriteHcr(core.El2.HCR_EL2 | HcrTvm);
            }
            core.CompleteEmulatedInstruction();
            return HypervisorOutcome.Continue;
        }
        ulong value = core.X[(int)(insn & 31)];
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
        bool wasEnabled = CachesEnabled(core);
        core.WriteTrappedSystemRegister(value);
        if (isSctlr)
        {
            // kvm_toggle_cache: flush when the MMU+caches state changes; stop trapping once they are on.
            bool nowEnabled = CachesEnabled(core);
            if (nowEnabled != wasEnabled)
                FlushVm(nowEnabled ? "guest turned its MMU and caches on" : "guest turned its MMU or caches off");
            if (nowEnabled && !Policy.KeepTrappingVirtualMemoryWrites)
                core.WriteHcr(core.El2.HCR_EL2 & ~HcrTvm);
        }
        core.CompleteEmulatedInstruction();
        return HypervisorOutcome.Continue;
    }

    /// <summary>
    /// KVM's debug state switch around an exit: __debug_switch_to_host drops DEBUG_DIRTY, and the
    /// next entry's kvm_arm_setup_debug sets it again only if the guest's MDSCR_EL1 has KDE or MDE;
    /// without it MDCR_EL2.TDA traps the debug registers again (a trapped access then clears it).
    /// </summary>
    private static void ReloadDebugTraps(ArmCore core)
    {
        const ulong Kde = 1UL << 13, Mde = 1UL << 15;
        bool guestDebugs = (core.Sys.MDSCR_EL1 & (Kde | Mde)) != 0;
        ulong mdcr = core.El2.MDCR_EL2;
        core.WriteMdcr(guestDebugs ? mdcr & ~ArmCore.MdcrTda : mdcr | ArmCore.MdcrTda);
    }

    private static bool CachesEnabled(ArmCore core) => (core.Sys.SCTLR_EL1 & 0b101) == 0b101;

    /// <summary>stage2_flush_vm: clean and invalidate every mapped page to the PoC (per the policy).</summary>
    private void FlushVm(string why)
    {
        Statistics.VmFlushes++;
        var mapped = _mapped.OrderBy(m => m.Key).Select(m => (m.Value.Pa, m.Value.Size)).ToList();
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
