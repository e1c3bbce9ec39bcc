using Emulator.Mmu.Attributes;
using Emulator.Mmu.Translation;
using static Emulator.Mmu.Tests.Translation.Stage2Regs;
using S1 = Emulator.Mmu.Tests.Translation.PageTableBuilder;
using S2 = Emulator.Mmu.Tests.Translation.Stage2TableBuilder;

namespace Emulator.Mmu.Tests.Translation;

/// <summary>
/// Stage 1 + stage 2 of the EL1&amp;0 regime. The guest's stage-1 tables live at IPA 0x1000_0000,
/// which stage 2 maps (one 2 MB block) to PA 0x8000_0000; guest data pages at IPA 0x2000_xxxx
/// map to PA 0x9000_xxxx. Stage-2 tables live in a separate (host) memory.
/// </summary>
public sealed class TwoStageTranslationTests
{
    private const ulong S1TablesIpa = 0x1000_0000, S1TablesPa = 0x8000_0000, S2Root = 0x4000_0000;
    private const ulong S1Leaf = S1.Af | 0b11UL << 8; // AttrIndx 0 (Normal WB), Inner Shareable, EL1 RW

    private readonly FakeDescriptorMemory _guest = new();
    private readonly FakeDescriptorMemory _host = new();
    private readonly FakeDescriptorMemory _ipaView = new();
    private readonly S1 _s1Tables;
    private readonly S2 _s2Tables;
    private readonly Tlb _tlb = new();

    public TwoStageTranslationTests()
    {
        _s1Tables = new S1(_ipaView, 12, 39, S1TablesIpa);
        _s2Tables = new S2(_host, 12, 39, 1, S2Root);
        _s2Tables.Map(S1TablesIpa, S1TablesPa, 2, S2.Leaf(0b1111));
        _s2Tables.Map(0x2000_0000, 0x9000_0000, 3, S2.Leaf(0b1111));
        _s2Tables.Map(0x2000_1000, 0x9000_1000, 3, S2.Leaf(0b1111, s2ap: 0b01));          // read-only
        _s2Tables.Map(0x2000_2000, 0x9000_2000, 3, S2.Leaf(0b0001, xn: 0b10));            // Device-nGnRE
        _s2Tables.Map(0x2000_3000, 0x9000_3000, 3, S2.Leaf(0b0110));                      // FWB: force WB
        _s1Tables.Map(0x40_0000, 0x2000_0000, 3, S1Leaf);
        _s1Tables.Map(0x40_1000, 0x2000_1000, 3, S1Leaf);
        _s1Tables.Map(0x40_2000, 0x2000_2000, 3, S1Leaf);
        _s1Tables.Map(0x40_3000, 0x2000_3000, 3, S1Leaf | S1.AttrIndx(2)); // stage-1 Normal NC
        CopyStage1TablesToGuest();
    }

    private static TranslationRegisters Stage1(ulong sctlr = WalkRegs.SctlrOn, ulong ttbr0 = S1TablesIpa, ulong extraTcr = 0, bool ha = false) =>
        WalkRegs.Regs(12, 39, ttbr0, extraTcr: extraTcr, sctlr: sctlr) with { HardwareAccessFlagImplemented = ha };

    private static Stage2Registers Stage2(ulong hcr = Vm, ushort vmid = 1) => Regs(12, 39, 1, S2Root, vmid, hcr);

    private void CopyStage1TablesToGuest()
    {
        foreach (var (ipa, word) in _ipaView.Words)
            _guest.Words[ipa - S1TablesIpa + S1TablesPa] = word;
    }

    private TranslationResult Translate(in TranslationRegisters s1, in Stage2Registers s2, ulong va, TranslationAccess access)
    {
        var guest = _guest.CreateReader();
        var host = _host.CreateReader();
        return TwoStageTranslation.Translate(s1, s2, _tlb, va, access, ref guest, ref host);
    }

    [Fact]
    public void Stage1_tables_are_read_at_the_PAs_stage2_maps_their_IPAs_to()
    {
        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_0123, WalkRegs.El1Read);

        Assert.False(r.IsFault, r.Fault.ToString());
        Assert.Equal(0x2000_0123UL, r.Ipa);
        Assert.Equal(0x9000_0123UL, r.Pa);
        Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), r.Attributes);
        Assert.Equal(0x2000_0000UL, r.Stage2Mapping.IpaBase);
        Assert.Equal(3, _guest.Reads.Count); // stage-1 levels 1, 2, 3
        Assert.All(_guest.Reads, read =>
        {
            Assert.InRange(read.Pa, S1TablesPa, S1TablesPa + 0x1F_FFFF);
            Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), read.Attributes);
        });
        Assert.Equal(3 * 2 + 3, _host.Reads.Count); // 2-level stage-2 walk per table read, 3-level one for the page
        Assert.All(_host.Reads, read => Assert.InRange(read.Pa, S2Root, S2Root + 0x10_0000));
    }

    [Fact]
    public void A_stage2_fault_on_a_stage1_table_read_is_an_S1PTW_fault_with_the_descriptor_IPA()
    {
        const ulong unmappedTables = 0x3000_0000;
        TranslationResult r = Translate(Stage1(ttbr0: unmappedTables), Stage2(), 0x40_0123, WalkRegs.El1Read);

        Assert.True(r.IsFault);
        Assert.Equal(new FaultRecord(FaultType.Translation, 2, S1Ptw: true, Stage2: true, Ipa: unmappedTables), r.Fault);
        Assert.Empty(_guest.Reads);
        Assert.Equal(0x3000_0000UL >> 12 << 4, r.Fault.Hpfar);
    }

    [Fact]
    public void A_stage1_table_on_stage2_memory_without_read_permission_is_an_S1PTW_permission_fault()
    {
        _s2Tables.Map(S1TablesIpa, S1TablesPa, 2, S2.Leaf(0b1111, s2ap: 0b10)); // write-only
        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_0123, WalkRegs.El1Read);
        Assert.Equal(new FaultRecord(FaultType.Permission, 2, S1Ptw: true, Stage2: true, Ipa: S1TablesIpa), r.Fault);
    }

    [Fact]
    public void HCR_PTW_makes_a_stage1_walk_into_stage2_device_memory_a_permission_fault()
    {
        _s2Tables.Map(S1TablesIpa, S1TablesPa, 2, S2.Leaf(0b0001));
        Assert.False(Translate(Stage1(), Stage2(), 0x40_0123, WalkRegs.El1Read).IsFault);
        Assert.All(_guest.Reads, read => Assert.Equal(MemoryAttributes.NormalNonCacheable, read.Attributes)); // without PTW: Normal NC
        _tlb.Clear();
        TranslationResult r = Translate(Stage1(), Stage2(Vm | Ptw), 0x40_0123, WalkRegs.El1Read);
        Assert.Equal(new FaultRecord(FaultType.Permission, 2, S1Ptw: true, Stage2: true, Ipa: S1TablesIpa), r.Fault);
    }

    [Fact]
    public void The_access_flag_update_of_a_stage1_walk_needs_stage2_write_permission()
    {
        _s1Tables.Map(0x40_5000, 0x2000_0000, 3, S1Leaf & ~S1.Af);
        CopyStage1TablesToGuest();
        ulong ha = 1UL << 39;

        _s2Tables.Map(S1TablesIpa, S1TablesPa, 2, S2.Leaf(0b1111, s2ap: 0b01)); // read-only
        TranslationResult r = Translate(Stage1(extraTcr: ha, ha: true), Stage2(), 0x40_5000, WalkRegs.El1Read);
        Assert.Equal(FaultType.Permission, r.Fault.Type);
        Assert.True(r.Fault.S1Ptw && r.Fault.Stage2);
        Assert.Empty(_guest.Writes);

        _s2Tables.Map(S1TablesIpa, S1TablesPa, 2, S2.Leaf(0b1111));
        r = Translate(Stage1(extraTcr: ha, ha: true), Stage2(), 0x40_5000, WalkRegs.El1Read);
        Assert.False(r.IsFault, r.Fault.ToString());
        ulong pa = Assert.Single(_guest.Writes);
        Assert.InRange(pa, S1TablesPa, S1TablesPa + 0x1F_FFFF);
        Assert.NotEqual(0UL, _guest.Words[pa] & S1.Af);
    }

    [Fact]
    public void A_write_to_a_read_only_stage2_page_is_a_stage2_permission_fault_with_the_IPA()
    {
        Assert.False(Translate(Stage1(), Stage2(), 0x40_1010, WalkRegs.El1Read).IsFault);
        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_1010, WalkRegs.El1Write);
        Assert.Equal(new FaultRecord(FaultType.Permission, 3, Stage2: true, Ipa: 0x2000_1010), r.Fault);
        Assert.Equal(0b001111u, r.Fault.StatusCode);
    }

    [Fact]
    public void Stage1_faults_come_before_stage2_and_are_not_stage2_faults()
    {
        _s1Tables.Map(0x40_6000, 0x2000_1000, 3, S1Leaf | S1.Ap(0b10)); // stage-1 read-only, stage-2 read-only
        CopyStage1TablesToGuest();
        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_6000, WalkRegs.El1Write);
        Assert.Equal(new FaultRecord(FaultType.Permission, 3), r.Fault);

        r = Translate(Stage1(), Stage2(), 0x40_7000, WalkRegs.El1Read); // no stage-1 page
        Assert.Equal(new FaultRecord(FaultType.Translation, 3), r.Fault);
    }

    [Fact]
    public void Fetches_from_stage2_execute_never_memory_are_stage2_permission_faults()
    {
        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_2000, WalkRegs.El1Fetch);
        Assert.Equal(new FaultRecord(FaultType.Permission, 3, Stage2: true, Ipa: 0x2000_2000), r.Fault);
    }

    [Fact]
    public void Fetches_from_stage2_device_memory_are_normal_non_cacheable()
    {
        _s2Tables.Map(0x2000_4000, 0x9000_4000, 3, S2.Leaf(0b0001));
        _s1Tables.Map(0x40_4000, 0x2000_4000, 3, S1Leaf);
        CopyStage1TablesToGuest();
        Assert.Equal(MemoryAttributes.NormalNonCacheable, Translate(Stage1(), Stage2(), 0x40_4000, WalkRegs.El1Fetch).Attributes);
        Assert.Equal(new MemoryAttributes(0x04, Shareability.OuterShareable), Translate(Stage1(), Stage2(), 0x40_4000, WalkRegs.El1Read).Attributes);
    }

    [Fact]
    public void An_unaligned_access_to_stage2_device_memory_is_a_stage2_alignment_fault()
    {
        var unaligned = new TranslationAccess(AccessType.Read, false, Aligned: false);
        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_2001, unaligned);
        Assert.Equal(new FaultRecord(FaultType.Alignment, 3, Stage2: true, Ipa: 0x2000_2001), r.Fault);

        r = Translate(Stage1(), Stage2(), 0x40_2000, WalkRegs.El1Read);
        Assert.Equal(new MemoryAttributes(0x04, Shareability.OuterShareable), r.Attributes);
        Assert.False(Translate(Stage1(), Stage2(), 0x40_0001, unaligned).IsFault);
    }

    [Fact]
    public void A_second_translation_hits_the_TLB_without_reading_memory()
    {
        Assert.False(Translate(Stage1(), Stage2(), 0x40_0123, WalkRegs.El1Read).IsFault);
        int guestReads = _guest.Reads.Count, hostReads = _host.Reads.Count;
        ulong hits = _tlb.Hits;

        TranslationResult r = Translate(Stage1(), Stage2(), 0x40_0FF8, WalkRegs.El1Write);
        Assert.False(r.IsFault, r.Fault.ToString());
        Assert.Equal(0x9000_0FF8UL, r.Pa);
        Assert.Equal(0x2000_0FF8UL, r.Ipa);
        Assert.Equal(guestReads, _guest.Reads.Count);
        Assert.Equal(hostReads, _host.Reads.Count);
        Assert.Equal(hits + 1, _tlb.Hits);
        Assert.True(_tlb.TryLookupCombined(0x40_0000, 0, out TlbCombinedEntry e));
        Assert.Equal(12, e.BlockShift);
        Assert.Equal(0x9000_0000UL, e.PaBase);
    }

    [Fact]
    public void Attributes_of_a_TLB_hit_are_recombined_with_the_current_SCTLR_and_HCR()
    {
        Assert.Equal(0xFF, Translate(Stage1(), Stage2(), 0x40_0000, WalkRegs.El1Read).Attributes.Attr);
        int reads = _guest.Reads.Count + _host.Reads.Count;

        Assert.Equal(0x44, Translate(Stage1(sctlr: 1 | 1UL << 12), Stage2(), 0x40_0000, WalkRegs.El1Read).Attributes.Attr); // SCTLR.C = 0
        Assert.Equal(0x44, Translate(Stage1(), Stage2(Vm | Cd), 0x40_0000, WalkRegs.El1Read).Attributes.Attr);
        Assert.Equal(0xFF, Translate(Stage1(), Stage2(Vm | Cd), 0x40_0000, WalkRegs.El1Fetch).Attributes.Attr);
        Assert.Equal(0x44, Translate(Stage1(), Stage2(Vm | Id), 0x40_0000, WalkRegs.El1Fetch).Attributes.Attr);
        Assert.Equal(reads, _guest.Reads.Count + _host.Reads.Count);
    }

    [Fact]
    public void FWB_force_write_back_overrides_a_stage1_non_cacheable_mapping()
    {
        Assert.Equal(0x44, Translate(Stage1(), Stage2(), 0x40_3000, WalkRegs.El1Read).Attributes.Attr); // 0b0110 = oNC iWT without FWB
        Assert.Equal(new MemoryAttributes(0xFF, Shareability.OuterShareable), Translate(Stage1(), Stage2(Vm | Fwb), 0x40_3000, WalkRegs.El1Read).Attributes);
    }

    [Fact]
    public void InvalidateByIpa_drops_the_entries_built_on_that_stage2_leaf()
    {
        Assert.False(Translate(Stage1(), Stage2(), 0x40_0000, WalkRegs.El1Read).IsFault);
        Assert.False(Translate(Stage1(), Stage2(), 0x40_1000, WalkRegs.El1Read).IsFault);

        _tlb.InvalidateByIpa(0x2000_5000); // no entry uses it
        Assert.True(_tlb.TryLookupCombined(0x40_0000, 0, out _));

        _tlb.InvalidateByIpa(0x2000_0800);
        Assert.False(_tlb.TryLookupCombined(0x40_0000, 0, out _));
        Assert.True(_tlb.TryLookupCombined(0x40_1000, 0, out _));

        // Remapped by the hypervisor: the next access walks again and sees the new PA.
        _s2Tables.Map(0x2000_0000, 0x9100_0000, 3, S2.Leaf(0b1111));
        Assert.Equal(0x9100_0040UL, Translate(Stage1(), Stage2(), 0x40_0040, WalkRegs.El1Read).Pa);
    }

    [Fact]
    public void Entries_of_one_VMID_are_invisible_to_another()
    {
        Assert.False(Translate(Stage1(), Stage2(vmid: 1), 0x40_0000, WalkRegs.El1Read).IsFault);
        int reads = _guest.Reads.Count;

        Assert.False(Translate(Stage1(), Stage2(vmid: 2), 0x40_0000, WalkRegs.El1Read).IsFault);
        Assert.Equal(2 * reads, _guest.Reads.Count); // walked again for VMID 2
        Assert.Equal(2, _tlb.Vmid);

        _tlb.InvalidateVmid(); // VMID 2 only
        Assert.False(_tlb.TryLookupCombined(0x40_0000, 0, out _));
        _tlb.Vmid = 1;
        Assert.True(_tlb.TryLookupCombined(0x40_0000, 0, out _));
        Assert.False(Translate(Stage1(), Stage2(vmid: 1), 0x40_0000, WalkRegs.El1Read).IsFault);
        Assert.Equal(2 * reads, _guest.Reads.Count);
    }

    [Fact]
    public void Stage1_TLBI_by_VA_and_ASID_also_drop_combined_entries()
    {
        Assert.False(Translate(Stage1(), Stage2(), 0x40_0000, WalkRegs.El1Read).IsFault);
        _tlb.InvalidateByVa(0x40_0010, 0, allAsids: false);
        Assert.False(_tlb.TryLookupCombined(0x40_0000, 0, out _));

        _s1Tables.Map(0x40_8000, 0x2000_0000, 3, S1Leaf | S1.NotGlobal);
        CopyStage1TablesToGuest();
        ulong asid5 = 5UL << 48;
        var s1 = Stage1() with { Ttbr0 = S1TablesIpa | asid5 };
        Assert.False(Translate(s1, Stage2(), 0x40_8000, WalkRegs.El1Read).IsFault);
        Assert.True(_tlb.TryLookupCombined(0x40_8000, 5, out _));
        Assert.False(_tlb.TryLookupCombined(0x40_8000, 6, out _));
        _tlb.InvalidateByAsid(5);
        Assert.False(_tlb.TryLookupCombined(0x40_8000, 5, out _));
    }

    [Fact]
    public void With_stage2_disabled_it_is_the_stage1_translation()
    {
        var memory = new FakeDescriptorMemory();
        var tables = new S1(memory, 12, 39, 0x1000_0000);
        tables.Map(0x40_0000, 0x2000_0000, 3, S1Leaf);
        var s1 = WalkRegs.Regs(12, 39, tables.Root);
        var off = new Stage2Registers(0, Vtcr(12, 39, 1), S2Root, 48);

        TranslationResult expected = WalkRegs.Translate(s1, memory, 0x40_0123, WalkRegs.El1Read);
        var guest = memory.CreateReader();
        var host = _host.CreateReader();
        TranslationResult r = TwoStageTranslation.Translate(s1, off, new Tlb(), 0x40_0123, WalkRegs.El1Read, ref guest, ref host);
        Assert.Equal(expected.Pa, r.Pa);
        Assert.Equal(expected.Attributes, r.Attributes);
        Assert.Equal(expected.Mapping, r.Mapping);
        Assert.Equal(r.Pa, r.Ipa);
        Assert.Empty(_host.Reads);

        TranslationResult fault = TwoStageTranslation.Translate(s1, off, new Tlb(), 0x40_1000, WalkRegs.El1Read, ref guest, ref host);
        Assert.Equal(new FaultRecord(FaultType.Translation, 3), fault.Fault);
    }

    [Fact]
    public void With_stage1_off_data_is_device_unless_FWB_forces_write_back()
    {
        var mmuOff = Stage1(sctlr: 0);
        TranslationResult r = Translate(mmuOff, Stage2(), 0x2000_0010, WalkRegs.El1Read);
        Assert.False(r.IsFault, r.Fault.ToString());
        Assert.Equal(0x9000_0010UL, r.Pa);
        Assert.Equal(0x2000_0010UL, r.Ipa);
        Assert.Equal(MemoryAttributes.DeviceNGnRnE, r.Attributes);
        Assert.Empty(_guest.Reads);

        var unaligned = new TranslationAccess(AccessType.Write, false, Aligned: false);
        Assert.Equal(new FaultRecord(FaultType.Alignment, 0), Translate(mmuOff, Stage2(), 0x2000_0011, unaligned).Fault);

        // The VGA fix: KVM's stage-2 Normal (FWB 0b0110) makes MMU-off writes Write-Back.
        Assert.Equal(0xFF, Translate(mmuOff, Stage2(Vm | Fwb), 0x2000_3000, WalkRegs.El1Write).Attributes.Attr);
        Assert.Equal(0x44, Translate(mmuOff, Stage2(), 0x2000_0000, WalkRegs.El1Fetch).Attributes.Attr); // SCTLR.I = 0
    }

    [Fact]
    public void HCR_DC_makes_stage1_flat_and_write_back_even_with_SCTLR_M_set()
    {
        var dc = Stage2(Dc); // DC alone enables stage 2
        TranslationResult r = Translate(Stage1(), dc, 0x2000_0011, new TranslationAccess(AccessType.Read, false, Aligned: false));
        Assert.False(r.IsFault, r.Fault.ToString());
        Assert.Equal(0x9000_0011UL, r.Pa);
        Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), r.Attributes);
        Assert.Empty(_guest.Reads);
    }

    [Fact]
    public void Stage1_off_entries_are_cached_apart_from_stage1_on_entries()
    {
        var mmuOff = Stage1(sctlr: 0);
        Assert.False(Translate(mmuOff, Stage2(), 0x2000_0000, WalkRegs.El1Read).IsFault);
        int hostReads = _host.Reads.Count;
        Assert.False(Translate(mmuOff, Stage2(), 0x2000_0008, WalkRegs.El1Read).IsFault);
        Assert.Equal(hostReads, _host.Reads.Count);
        Assert.True(_tlb.TryLookupCombined(0x2000_0000, 0, stage1Enabled: false, out _));
        Assert.False(_tlb.TryLookupCombined(0x2000_0000, 0, stage1Enabled: true, out _));
        Assert.False(_tlb.TryLookup(0x2000_0000, 0, out _));
    }

    [Theory]
    // stage-1 block shift, stage-2 block shift
    [InlineData(12, 21)]
    [InlineData(21, 12)]
    [InlineData(30, 21)]
    public void A_combined_entry_covers_the_smaller_of_the_two_leaves(int s1Shift, int s2Shift)
    {
        ulong va = 0x7654_3210;
        ulong s1Mask = (1UL << s1Shift) - 1, s2Mask = (1UL << s2Shift) - 1;
        ulong ipa = (0x1_2345_6000 & ~s1Mask) | (va & s1Mask);
        var s1 = new S1Mapping(va & ~s1Mask, 0x1_2345_6000 & ~s1Mask, (byte)s1Shift, 3, MemoryAttributes.NormalWriteBack, 0, false, false, false, 0, false);
        var s2 = new S2Mapping(ipa & ~s2Mask, 0x8_0000_0000, (byte)s2Shift, 3, 0xF, Shareability.InnerShareable, 3, 0);
        TlbCombinedEntry e = TlbCombinedEntry.Create(va, ipa, s1, s2, stage1Enabled: true);
        int shift = Math.Min(s1Shift, s2Shift);
        Assert.Equal(shift, e.BlockShift);
        Assert.Equal(va & ~((1UL << shift) - 1), e.VaBase);
        Assert.Equal(ipa, e.IpaOf(va));
        Assert.Equal(0x8_0000_0000 | (ipa & s2Mask), e.PaOf(va));
    }
}
