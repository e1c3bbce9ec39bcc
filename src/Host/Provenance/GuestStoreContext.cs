using Emulator.Cpu.Core;
using Emulator.Host.Hypervisor;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Caches.Provenance;
using Emulator.Mmu.Translation;

namespace Emulator.Host.Provenance;

/// <summary>
/// Describes a guest store to VRAM for the provenance log, called by the store path once per run
/// of stores: the PC and instruction word (read through the core's debug translation), the VA and
/// IPA of the page (learned from the stage-2 permission fault that dirty logging takes on the
/// first store to each page after every collection: FAR_EL2 and HPFAR_EL2; the same as the PA
/// with stage 1 off), stage-1 attributes (a side-effect-free walk of the guest's tables with
/// MAIR_EL1, SCTLR_EL1.C applied), the stage-2 MemAttr of the hypervisor's leaf, and their
/// combination (Stage2Attributes.Combine: AArch64.S2CombineS1MemAttrs, with FWB when HCR_EL2.FWB).
/// </summary>
public sealed class GuestStoreContext(ArmCore core, KvmHypervisor hypervisor, CacheHierarchy cache) : StoreContext
{
    private const ulong HcrFwb = 1UL << 46;
    private const ulong HcrCd = 1UL << 32;

    private readonly Dictionary<ulong, (ulong VaPage, ulong IpaPage)> _pages = [];
    private readonly Dictionary<ulong, uint> _words = [];

    public override ulong Pc(int agent) => core.Pc;

    // The last description, reused for stores from the same PC to the same page until the next frame.
    private StoreRecord _memo;
    private bool _memoValid;

    /// <summary>Forgets the reused description (called at every frame, so a remapped page is described afresh within a frame).</summary>
    public void NewFrame() => _memoValid = false;

    public override void Describe(int agent, ref StoreRecord record)
    {
        ulong page = record.Pa >> 12;
        if (_memoValid && _memo.Pc == record.Pc && _memo.Pa >> 12 == page && _memo.Agent == record.Agent && _memo.Described)
        {
            record.Va = (_memo.Va & ~0xFFFUL) | (record.Pa & 0xFFF);
            record.Ipa = (_memo.Ipa & ~0xFFFUL) | (record.Pa & 0xFFF);
            record.Described = _memo.Described;
            record.Instruction = _memo.Instruction;
            record.Fwb = _memo.Fwb;
            record.Stage1Attr = _memo.Stage1Attr;
            record.Stage2MemAttr = _memo.Stage2MemAttr;
            record.CombinedAttr = _memo.CombinedAttr;
            return;
        }
        DescribeAfresh(ref record);
        _memo = record;
        _memoValid = true;
    }

    private void DescribeAfresh(ref StoreRecord record)
    {
        ulong page = record.Pa >> 12;
        LearnFromLastAbort(page);
        bool mmuOn = (core.Sys.SCTLR_EL1 & 1) != 0;
        if (!mmuOn)
        {
            record.Va = record.Ipa = record.Pa; // stage 1 off: VA = IPA; the hypervisor maps VRAM's IPAs to the same PAs
            record.Described = true;
        }
        else if (_pages.TryGetValue(page, out (ulong VaPage, ulong IpaPage) known))
        {
            record.Va = known.VaPage << 12 | (record.Pa & 0xFFF);
            record.Ipa = known.IpaPage << 12 | (record.Pa & 0xFFF);
            record.Described = true;
        }
        record.Instruction = Word(record.Pc);
        ulong hcr = core.El2.HCR_EL2;
        record.Fwb = (hcr & HcrFwb) != 0;
        MemoryAttributes s1 = Stage1(mmuOn, record.Va);
        record.Stage1Attr = s1.Attr;
        byte memAttr = 0b1111;
        Shareability s2Sh = Shareability.InnerShareable;
        if (hypervisor.Tables.TryGetLeaf(record.Ipa, out ulong descriptor, out _))
        {
            memAttr = (byte)((descriptor >> 2) & 0xF);
            s2Sh = Stage1Attributes.DecodeShareability((int)((descriptor >> 8) & 3));
        }
        record.Stage2MemAttr = memAttr;
        record.CombinedAttr = Stage2Attributes.Combine(s1, memAttr, s2Sh, record.Fwb, (hcr & HcrCd) != 0).Attr;
    }

    /// <summary>The stage-2 abort the hypervisor handled last, if it was on this page: its VA (FAR_EL2) and IPA (HPFAR_EL2).</summary>
    private void LearnFromLastAbort(ulong page)
    {
        var abort = new Stage2Abort((uint)core.El2.ESR_EL2, core.El2.FAR_EL2, core.El2.HPFAR_EL2);
        if (abort.Hpfar == 0 || !hypervisor.Tables.TryGetLeaf(abort.Ipa, out ulong descriptor, out int level))
            return;
        int shift = level == 2 ? 21 : 12;
        ulong pa = (descriptor & 0x0000_FFFF_FFFF_F000UL & ~((1UL << shift) - 1)) | (abort.Ipa & ((1UL << shift) - 1));
        if (pa >> 12 == page)
            _pages[page] = (abort.Far >> 12, abort.Ipa >> 12);
    }

    private MemoryAttributes Stage1(bool mmuOn, ulong va)
    {
        ulong sctlr = core.Sys.SCTLR_EL1;
        if (!mmuOn)
            return Stage1Attributes.TranslationOff(false, sctlr);
        var reader = new PeekReader(cache);
        if (!Stage1Walk.Walk(core.TranslationRegime, va, ref reader, out S1Mapping m, out _))
            return MemoryAttributes.NormalWriteBack;
        return Stage1Attributes.ApplyCacheEnables(m.Attributes, false, sctlr);
    }

    private uint Word(ulong pc)
    {
        if (_words.TryGetValue(pc, out uint word))
            return word;
        Span<byte> bytes = stackalloc byte[4];
        word = core.ReadGuestMemory(pc, bytes) ? BitConverter.ToUInt32(bytes) : 0;
        _words[pc] = word;
        return word;
    }

    /// <summary>Reads descriptors as the newest data the hierarchy holds, without changing it (IPA = PA, as the hypervisor maps RAM).</summary>
    private readonly struct PeekReader(CacheHierarchy cache) : IDescriptorReader
    {
        public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
        {
            descriptor = 0;
            if (!cache.Ram.Contains(pa, 8))
                return false;
            Span<byte> bytes = stackalloc byte[8];
            cache.PeekNewest(pa, bytes);
            descriptor = BitConverter.ToUInt64(bytes);
            return true;
        }

        public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor) => false;
    }
}
