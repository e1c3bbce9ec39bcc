using Emulator.Cpu.Core;
using Emulator.Host.Hypervisor;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Caches.Provenance;
using Emulator.Mmu.Translation;

namespace Emulator.Host.Provenance;

/// <summary>
/// Describes a guest store to VRAM for the provenance log. At the store (once per run of stores):
/// the PC, and the VA and IPA of the page, learned from the stage-2 permission fault that dirty
/// logging takes on the first store to each page after every collection (FAR_EL2 and HPFAR_EL2;
/// the same as the PA with stage 1 off). When an explanation needs it: the instruction word (read
/// through the core's debug translation), stage-1 attributes (a side-effect-free walk of the
/// guest's tables with MAIR_EL1, SCTLR_EL1.C applied), the stage-2 MemAttr of the hypervisor's
/// leaf, and their combination (Stage2Attributes.Combine: AArch64.S2CombineS1MemAttrs, FWB when
/// HCR_EL2.FWB) — as the tables are then, which is what they were at the store unless the guest
/// remapped the page in between (the access class the cache model used is kept from the store).
/// </summary>
public sealed class GuestStoreContext(ArmCore core, KvmHypervisor hypervisor, CacheHierarchy cache) : StoreContext
{
    private const ulong HcrFwb = 1UL << 46;
    private const ulong HcrCd = 1UL << 32;

    private readonly Dictionary<ulong, (ulong VaPage, ulong IpaPage)> _pages = [];
    private readonly Dictionary<ulong, uint> _words = [];
    private ulong _seenFar = ulong.MaxValue, _seenHpfar = ulong.MaxValue;

    public override ulong Pc(int agent) => core.Pc;

    public override void Describe(int agent, ref StoreRecord record)
    {
        ulong page = record.Pa >> 12;
        if (core.El2.FAR_EL2 != _seenFar || core.El2.HPFAR_EL2 != _seenHpfar)
            LearnFromLastAbort();
        if ((core.Sys.SCTLR_EL1 & 1) == 0)
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
    }

    public override void Complete(ref StoreRecord record)
    {
        record.Instruction = Word(record.Pc);
        ulong hcr = core.El2.HCR_EL2;
        record.Fwb = (hcr & HcrFwb) != 0;
        MemoryAttributes s1 = Stage1((core.Sys.SCTLR_EL1 & 1) != 0, record.Va);
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

    /// <summary>The stage-2 abort the hypervisor handled last: its page's VA (FAR_EL2) and IPA (HPFAR_EL2) by the PA the hypervisor mapped.</summary>
    private void LearnFromLastAbort()
    {
        _seenFar = core.El2.FAR_EL2;
        _seenHpfar = core.El2.HPFAR_EL2;
        var abort = new Stage2Abort((uint)core.El2.ESR_EL2, _seenFar, _seenHpfar);
        if (abort.Hpfar == 0 || !hypervisor.Tables.TryGetLeaf(abort.Ipa, out ulong descriptor, out int level))
            return;
        int shift = level == 2 ? 21 : 12;
        ulong pa = (descriptor & 0x0000_FFFF_FFFF_F000UL & ~((1UL << shift) - 1)) | (abort.Ipa & ((1UL << shift) - 1));
        _pages[pa >> 12] = (abort.Far >> 12, abort.Ipa >> 12);
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
