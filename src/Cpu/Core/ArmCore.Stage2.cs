using System.Buffers.Binary;
using Emulator.Cpu.System;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Physical;
using Emulator.Mmu.Translation;

namespace Emulator.Cpu.Core;

/// <summary>
/// The core's side of stage 2 (EL2 belongs to the host's hypervisor model). With HCR_EL2.VM or DC
/// set, every translation is AArch64.FullTranslate through the stage-2 tables the hypervisor keeps
/// in its own memory (<see cref="Stage2TableMemory"/>). Anything that is EL2's business leaves
/// <see cref="Run"/> the way a vCPU leaves the guest: a stage-2 abort
/// (<see cref="CpuExit.Stage2Abort"/>) or a trapped system instruction
/// (<see cref="CpuExit.HypervisorTrap"/>), with ESR_EL2, FAR_EL2 and HPFAR_EL2 written as the
/// hardware writes them (AArch64.TakeException to EL2), PC left at the instruction, which the
/// hypervisor either restarts (after mapping the page) or completes itself (MMIO emulation,
/// trapped MSR) with <see cref="CompleteEmulatedInstruction"/>.
/// </summary>
public sealed partial class ArmCore
{
    private const ulong HcrVm = 1UL << 0;
    private const ulong HcrTsw = 1UL << 22;
    private const ulong HcrTvm = 1UL << 26;
    private const ulong HcrDc = 1UL << 12;

    /// <summary>The host memory holding the stage-2 translation tables (the hypervisor's, not the guest's).</summary>
    public Ram? Stage2TableMemory { get; set; }

    /// <summary>The instruction word of the last <see cref="CpuExit.HypervisorTrap"/> (for the hypervisor's emulation).</summary>
    public uint TrappedInstruction { get; private set; }

    /// <summary>HCR_EL2.VM or HCR_EL2.DC: stage 2 is in use for the EL1&amp;0 regime.</summary>
    public bool Stage2Enabled => (El2.HCR_EL2 & (HcrVm | HcrDc)) != 0;

    /// <summary>The stage-2 registers as the walk sees them.</summary>
    public Stage2Registers Stage2Regime =>
        new(El2.HCR_EL2, El2.VTCR_EL2, El2.VTTBR_EL2, Configuration.PhysicalAddressBits);

    /// <summary>
    /// Sets HCR_EL2 from the host. The TLB is tagged by VTTBR_EL2.VMID; stage-2 attribute controls
    /// (FWB, CD, ID, DC) are applied when an entry is used, so only the fast paths start again.
    /// </summary>
    public void WriteHcr(ulong value)
    {
        El2.HCR_EL2 = value;
        _tlb.Vmid = Stage2Regime.Vmid;
        FlushSoftTlbs();
    }

    /// <summary>Sets VTTBR_EL2 and VTCR_EL2 from the host (a new stage-2 context).</summary>
    public void WriteStage2Base(ulong vtcr, ulong vttbr)
    {
        El2.VTCR_EL2 = vtcr;
        El2.VTTBR_EL2 = vttbr;
        _tlb.Vmid = Stage2Regime.Vmid;
        FlushSoftTlbs();
    }

    /// <summary>TLBI IPAS2E1IS + VMALLE1IS for one page: the hypervisor changed the stage-2 entry of <paramref name="ipa"/>.</summary>
    public void InvalidateStage2(ulong ipa)
    {
        _tlb.InvalidateByIpa(ipa);
        FlushSoftTlbs();
    }

    /// <summary>TLBI VMALLS12E1IS: every stage-1 and stage-2 entry of the current VMID.</summary>
    public void InvalidateStage2All()
    {
        _tlb.InvalidateVmid();
        FlushSoftTlbs();
    }

    /// <summary>
    /// The hypervisor completed the trapped or aborted instruction itself (MMIO emulation, a
    /// trapped MSR or set/way operation): count it and continue after it.
    /// </summary>
    public void CompleteEmulatedInstruction()
    {
        Pc += 4;
        RecountCurrentInstruction();
    }

    /// <summary>
    /// <see cref="CompleteEmulatedInstruction"/> for an emulated MMIO load or store: it also costs
    /// the Device round trip, as a device access without stage 2 does (the trap to EL2 and the
    /// VMM's own time are not modelled: they do not advance the guest's clock).
    /// </summary>
    public void CompleteEmulatedDeviceAccess()
    {
        CompleteEmulatedInstruction();
        _memoryCycles += _deviceAccessCycles;
    }

    /// <summary>
    /// Injects a synchronous External abort on a data access at <paramref name="va"/> into the
    /// guest (kvm_inject_dabt): the access the hypervisor could not complete faults at EL1.
    /// False when the guest has no working handler (<see cref="LastGuestFault"/> is then set).
    /// </summary>
    public bool InjectExternalDataAbort(ulong va, bool write)
    {
        uint ec = CurrentEl == 0 ? ExceptionClass.DataAbortLowerEl : ExceptionClass.DataAbortSameEl;
        return InjectAbort(ec << 26 | 1u << 25 | (write ? 1u << 6 : 0) | FaultStatus.SynchronousExternalAbort, va);
    }

    /// <summary>Injects a synchronous External abort on the instruction fetch at <paramref name="va"/> (kvm_inject_pabt).</summary>
    public bool InjectExternalInstructionAbort(ulong va)
    {
        uint ec = CurrentEl == 0 ? ExceptionClass.InstructionAbortLowerEl : ExceptionClass.InstructionAbortSameEl;
        return InjectAbort(ec << 26 | 1u << 25 | FaultStatus.SynchronousExternalAbort, va);
    }

    private bool InjectAbort(uint esr, ulong va)
    {
        RecountCurrentInstruction(); // the instruction took an exception: counted, as a fault at EL1 is
        _stop = false;
        TakeSynchronousException(esr, Pc, va, true);
        Pc = NextPc;
        return !_stop;
    }

    /// <summary>
    /// AArch64.FullTranslate for the EL1&amp;0 regime: stage 1 alone, or both stages when
    /// HCR_EL2.VM/DC is set.
    /// </summary>
    internal TranslationResult Translate(ulong va, TranslationAccess access)
    {
        TranslationRegisters regs = TranslationRegime;
        var reader = new RamDescriptorReader(this);
        if ((El2.HCR_EL2 & (HcrVm | HcrDc)) == 0)
            return Stage1Translation.Translate(regs, _tlb, va, access, ref reader);
        var tables = new Stage2TableReader(Stage2TableMemory);
        return TwoStageTranslation.Translate(regs, Stage2Regime, _tlb, va, access, ref reader, ref tables);
    }

    /// <summary>
    /// A stage-2 fault on an access of the current instruction: the exit to EL2
    /// (AArch64.Abort routed to EL2). ESR_EL2 gets EC 0x24 (data) or 0x20 (instruction, both
    /// "from a lower EL"), the ISS with ISV and the instruction syndrome for single-register loads
    /// and stores without writeback (see <see cref="DataAbortInstructionSyndrome"/>), S1PTW, WnR,
    /// CM and the fault status; FAR_EL2 the VA; HPFAR_EL2.FIPA the faulting IPA[47:12].
    /// </summary>
    private void Stage2Abort(in FaultRecord fault, ulong va, bool write, bool fetch, bool maintenance)
    {
        uint iss = fault.StatusCode | (fault.S1Ptw ? 1u << 7 : 0);
        uint ec;
        if (fetch)
        {
            ec = ExceptionClass.InstructionAbortLowerEl;
        }
        else
        {
            ec = ExceptionClass.DataAbortLowerEl;
            if (maintenance)
                iss |= 1u << 8 | 1u << 6; // CM, and WnR = 1 for maintenance
            else if (write && !fault.S1Ptw)
                iss |= 1u << 6;
            if (!fault.S1Ptw && !maintenance && PeekCurrentInstruction() is uint word)
                iss |= DataAbortInstructionSyndrome(word);
        }
        El2.ESR_EL2 = ec << 26 | 1u << 25 | iss;
        El2.FAR_EL2 = va;
        El2.HPFAR_EL2 = (fault.Ipa >> 12) << 4;
        ExitToHypervisor(CpuExit.Stage2Abort, charged: !fetch); // a fetch that faulted was never decoded nor charged
    }

    /// <summary>
    /// A system instruction EL2 traps (HCR_EL2.TVM writes, HCR_EL2.TSW set/way operations):
    /// ESR_EL2 with EC 0x18 and the MSR/SYS ISS (AArch64.SystemAccessTrap to EL2).
    /// </summary>
    internal void TrapSystemInstructionToEl2(uint insn)
    {
        uint op0 = (insn >> 19) & 3, op1 = (insn >> 16) & 7, crn = (insn >> 12) & 15;
        uint crm = (insn >> 8) & 15, op2 = (insn >> 5) & 7, rt = insn & 31;
        uint read = (insn >> 21) & 1;
        uint iss = op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | read;
        El2.ESR_EL2 = ExceptionClass.SystemRegister << 26 | 1u << 25 | iss;
        TrappedInstruction = insn;
        ExitToHypervisor(CpuExit.HypervisorTrap, charged: true);
    }

    /// <summary>
    /// Performs a trapped MSR as EL2 emulating it would (kvm_handle_sys_reg writing the vCPU's
    /// register): the register and its side effects, without trapping again. PC is not advanced.
    /// </summary>
    public void WriteTrappedSystemRegister(ulong value)
    {
        ulong saved = El2.HCR_EL2;
        El2.HCR_EL2 = saved & ~(HcrTvm | HcrTsw);
        WriteSystemRegister((ushort)((TrappedInstruction >> 5) & 0xFFFF), TrappedInstruction, value);
        El2.HCR_EL2 = saved;
    }

    /// <summary>HCR_EL2.TVM: writes to the EL1 virtual memory control registers trap to EL2.</summary>
    internal bool TrapsVirtualMemoryWrites => CurrentEl == 1 && (El2.HCR_EL2 & HcrTvm) != 0;

    /// <summary>HCR_EL2.TSW: DC ISW/CSW/CISW trap to EL2.</summary>
    internal bool TrapsSetWay => (El2.HCR_EL2 & HcrTsw) != 0;

    /// <summary>HCR_EL2.VM: DC IVAC at EL1 performs a clean and invalidate.</summary>
    internal bool UpgradesDataCacheInvalidate => (El2.HCR_EL2 & HcrVm) != 0;

    private void ExitToHypervisor(CpuExit exit, bool charged)
    {
        UncountCurrentInstruction(charged); // restarted, or completed and counted by the hypervisor
        NextPc = Pc;
        Stop(exit);
    }

    /// <summary>The word of the instruction at PC, read without side effects (for the syndrome).</summary>
    private uint? PeekCurrentInstruction() => TryPeekInstruction(Pc);

    /// <summary>
    /// The instruction-specific part of a Data Abort ISS (ISV, SAS, SSE, SRT, SF, AR): valid only
    /// for loads and stores of a single general-purpose register without writeback, excluding
    /// exclusives (Arm ARM D17.2.40, "ISV"). Covers LDR/STR (unsigned offset, register offset,
    /// unscaled, unprivileged), LDR (literal) and LDAR/STLR; anything else gives ISV = 0.
    /// </summary>
    public static uint DataAbortInstructionSyndrome(uint insn)
    {
        const uint Isv = 1u << 24;
        uint rt = insn & 31;
        // Load/store register: size 111 V=0 ... (bits 29:27 = 111, bit 26 = 0)
        if ((insn & 0x3E00_0000) == 0x3800_0000)
        {
            uint size = insn >> 30;
            uint opc = (insn >> 22) & 3;
            bool unsignedOffset = (insn & 0x0100_0000) != 0;
            if (!unsignedOffset)
            {
                bool bit21 = (insn & (1u << 21)) != 0;
                uint mode = (insn >> 10) & 3;
                bool ok = bit21 ? mode == 2 /* register offset */ : mode is 0 /* unscaled */ or 2 /* unprivileged */;
                if (!ok)
                    return 0; // pre/post-index: writeback
            }
            if (opc == 2 && size == 3 || opc == 3 && size >= 2)
                return 0; // PRFM / unallocated
            bool load = opc != 0;
            bool signed = opc >= 2;
            bool sf = signed ? opc == 2 : size == 3;
            if (!load)
                sf = size == 3;
            return Isv | size << 22 | (signed ? 1u << 21 : 0) | rt << 16 | (sf ? 1u << 15 : 0);
        }
        // LDR (literal): opc 011 V=0 00
        if ((insn & 0x3F00_0000) == 0x1800_0000)
        {
            uint opc = insn >> 30;
            return opc switch
            {
                0 => Isv | 2u << 22 | rt << 16,
                1 => Isv | 3u << 22 | rt << 16 | 1u << 15,
                2 => Isv | 2u << 22 | 1u << 21 | rt << 16 | 1u << 15,
                _ => 0,
            };
        }
        // LDAR/STLR (and LDARB/H, STLRB/H): size 001000 1 L 0 11111 1 11111 Rn Rt
        if ((insn & 0x3FA0_8000) == 0x0880_8000)
        {
            uint size = insn >> 30;
            return Isv | size << 22 | rt << 16 | (size == 3 ? 1u << 15 : 0) | 1u << 14;
        }
        return 0;
    }

    /// <summary>Reads stage-2 descriptors from the hypervisor's table memory (coherent host memory).</summary>
    private readonly struct Stage2TableReader(Ram? memory) : IDescriptorReader
    {
        public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
        {
            descriptor = 0;
            if (memory is null || !memory.Contains(pa, 8))
                return false;
            Span<byte> buffer = stackalloc byte[8];
            memory.Read(pa, buffer);
            descriptor = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
            return true;
        }

        public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor) => false;
    }
}
