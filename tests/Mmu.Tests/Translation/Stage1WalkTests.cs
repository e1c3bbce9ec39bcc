using Emulator.Mmu.Attributes;
using Emulator.Mmu.Translation;
using static Emulator.Mmu.Tests.Translation.PageTableBuilder;
using static Emulator.Mmu.Tests.Translation.WalkRegs;

namespace Emulator.Mmu.Tests.Translation;

public sealed class Stage1WalkTests
{
    private const ulong Leaf = Af | 0b11UL << 8; // AF, Inner Shareable, AttrIndx 0 (Normal WB), EL1 RW

    [Theory]
    [InlineData(12, 48, 0)]
    [InlineData(12, 39, 1)]
    [InlineData(14, 48, 0)]
    [InlineData(14, 39, 1)]
    [InlineData(16, 48, 1)]
    [InlineData(16, 39, 2)]
    public void Start_level_follows_granule_and_input_size(int granule, int inputBits, int expected) =>
        Assert.Equal(expected, Stage1Walk.StartLevel(inputBits, granule));

    [Theory]
    [InlineData(12, 48)]
    [InlineData(12, 39)]
    [InlineData(14, 48)]
    [InlineData(14, 39)]
    [InlineData(16, 48)]
    [InlineData(16, 39)]
    public void A_page_in_each_VA_range_translates_with_one_read_per_level(int granule, int inputBits)
    {
        ulong pageSize = 1UL << granule;
        var memory = new FakeDescriptorMemory();
        var low = new PageTableBuilder(memory, granule, inputBits, 0x1000_0000);
        var high = new PageTableBuilder(memory, granule, inputBits, 0x2000_0000);
        ulong lowVa = (1UL << (inputBits - 1)) - 5 * pageSize + 0x123;        // near the top of the TTBR0 range
        ulong highVa = ~0UL << inputBits | 7 * pageSize | 0x456;               // near the bottom of the TTBR1 range
        low.Map(lowVa & ~(pageSize - 1), 0x8000_0000, 3, Leaf);
        high.Map(highVa & ~(pageSize - 1), 0x9000_0000 + 3 * pageSize, 3, Leaf | AttrIndx(1) | Sh(0b10));
        TranslationRegisters regs = Regs(granule, inputBits, low.Root, high.Root);

        TranslationResult r0 = Translate(regs, memory, lowVa, El1Read);
        Assert.False(r0.IsFault, r0.Fault.ToString());
        Assert.Equal(0x8000_0000 | (lowVa & (pageSize - 1)), r0.Pa);
        Assert.Equal(3, r0.Mapping.Level);
        Assert.Equal(granule, r0.Mapping.BlockShift);
        Assert.Equal(0xFF, r0.Attributes.Attr);
        Assert.Equal(4 - low.StartLevel, memory.Reads.Count);
        Assert.All(memory.Reads, read => Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), read.Attributes));

        memory.Reads.Clear();
        TranslationResult r1 = Translate(regs, memory, highVa, El1Write);
        Assert.False(r1.IsFault, r1.Fault.ToString());
        Assert.Equal(0x9000_0000 + 3 * pageSize | (highVa & (pageSize - 1)), r1.Pa);
        Assert.True(r1.Attributes.IsDevice);
        Assert.Equal(DeviceType.nGnRE, r1.Attributes.Device);
        Assert.Equal(4 - high.StartLevel, memory.Reads.Count);
        Assert.All(memory.Reads, read => Assert.InRange(read.Pa, 0x2000_0000UL, 0x2FFF_FFFFUL));
    }

    [Theory]
    [InlineData(12, 1, 30)]
    [InlineData(12, 2, 21)]
    [InlineData(14, 2, 25)]
    [InlineData(16, 2, 29)]
    public void Blocks_translate_at_the_levels_that_allow_them(int granule, int level, int blockShift)
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, granule, 48, 0x1000_0000);
        ulong va = 0x0000_1234_0000_0000UL & ~((1UL << blockShift) - 1) | 0xABCDE;
        t.Map(va & ~((1UL << blockShift) - 1), 0x40_0000_0000UL, level, Leaf);
        TranslationResult r = Translate(Regs(granule, 48, t.Root), memory, va, El1Read);
        Assert.False(r.IsFault, r.Fault.ToString());
        Assert.Equal(0x40_0000_0000UL | (va & ((1UL << blockShift) - 1)), r.Pa);
        Assert.Equal(level, r.Mapping.Level);
        Assert.Equal(blockShift, r.Mapping.BlockShift);
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(14, 1)]
    [InlineData(16, 1)]
    [InlineData(12, 3)] // 0b01 at level 3 is reserved
    public void Block_descriptors_at_levels_that_do_not_allow_them_are_translation_faults(int granule, int level)
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, granule, 48, 0x1000_0000);
        ulong va = 0x0000_0040_0000_0000UL;
        ulong address = t.DescriptorAddress(va, level);
        memory.Words[address] = 0x40_0000_0000UL | Valid | Leaf; // block type (0b01)
        TranslationResult r = Translate(Regs(granule, 48, t.Root), memory, va, El1Read);
        Assert.Equal(new FaultRecord(FaultType.Translation, level), r.Fault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_invalid_descriptor_is_a_translation_fault_at_its_level(int level)
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        ulong va = 0x0000_7F00_1234_5000UL;
        t.Map(va, 0x8000_0000, 3, Leaf);
        memory.Words[t.DescriptorAddress(va, level)] &= ~1UL;
        TranslationResult r = Translate(Regs(12, 48, t.Root), memory, va, El1Read);
        Assert.Equal(new FaultRecord(FaultType.Translation, level), r.Fault);
        Assert.Equal(0b000100u | (uint)level, r.Fault.StatusCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_clear_access_flag_is_an_access_flag_fault_at_the_leaf_level(int level)
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        ulong va = 0x0000_0000_C000_0000UL;
        t.Map(va, 0x8000_0000, level, Leaf & ~Af);
        TranslationResult r = Translate(Regs(12, 48, t.Root), memory, va, El1Read);
        Assert.Equal(new FaultRecord(FaultType.AccessFlag, level), r.Fault);
        Assert.Equal(0b001000u | (uint)level, r.Fault.StatusCode);
    }

    [Fact]
    public void Output_addresses_above_IPS_are_address_size_faults_at_the_level_that_holds_them()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        ulong va = 0x0000_0000_C000_0000UL;
        t.Map(va, 0x100_0000_0000UL, 3, Leaf); // bit 40 set
        ulong ips40 = 2UL << 32;
        TranslationRegisters regs = Regs(12, 48, t.Root) with { Tcr = Tcr(12, 48) & ~(7UL << 32) | ips40 };
        Assert.Equal(new FaultRecord(FaultType.AddressSize, 3), Translate(regs, memory, va, El1Read).Fault);

        // The same with the limit from the implemented PA size instead of IPS.
        Assert.Equal(new FaultRecord(FaultType.AddressSize, 3), Translate(Regs(12, 48, t.Root, paBits: 40), memory, va, El1Read).Fault);
        Assert.False(Translate(Regs(12, 48, t.Root), memory, va, El1Read).IsFault);

        // A TTBR above the output size is a level-0 address size fault.
        Assert.Equal(new FaultRecord(FaultType.AddressSize, 0), Translate(regs with { Ttbr0 = 1UL << 41 }, memory, va, El1Read).Fault);
    }

    [Fact]
    public void VAs_outside_both_ranges_are_level_0_translation_faults_and_TBI_ignores_the_top_byte()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 39, 0x1000_0000);
        t.Map(0x1000, 0x8000_0000, 3, Leaf);
        TranslationRegisters regs = Regs(12, 39, t.Root);
        Assert.False(Translate(regs, memory, 0x1008, El1Read).IsFault);
        Assert.Equal(new FaultRecord(FaultType.Translation, 0), Translate(regs, memory, 1UL << 39 | 0x1008, El1Read).Fault);
        Assert.Equal(new FaultRecord(FaultType.Translation, 0), Translate(regs, memory, 0x5A00_0000_0000_1008, El1Read).Fault);

        TranslationRegisters tbi = regs with { Tcr = regs.Tcr | 1UL << 37 };
        TranslationResult r = Translate(tbi, memory, 0x5A00_0000_0000_1008, El1Read);
        Assert.False(r.IsFault);
        Assert.Equal(0x8000_0008UL, r.Pa);
        Assert.Equal(new FaultRecord(FaultType.Translation, 0), Translate(tbi, memory, 0x5A00_0080_0000_1008, El1Read).Fault);
    }

    [Fact]
    public void EPD_disables_walks_of_its_half()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        t.Map(0x1000, 0x8000_0000, 3, Leaf);
        TranslationRegisters regs = Regs(12, 48, t.Root, extraTcr: 1UL << 7);
        Assert.Equal(new FaultRecord(FaultType.Translation, 0), Translate(regs, memory, 0x1000, El1Read).Fault);
        Assert.Empty(memory.Reads);
        Assert.False(Translate(regs with { Tcr = regs.Tcr & ~(1UL << 7) | 1UL << 23 }, memory, 0x1000, El1Read).IsFault);
    }

    [Fact]
    public void A_failed_descriptor_read_is_a_synchronous_external_abort_on_the_walk()
    {
        var memory = new FakeDescriptorMemory { AbortAbove = 0x1000_1000 };
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        t.Map(0x1000, 0x8000_0000, 3, Leaf);
        TranslationResult r = Translate(Regs(12, 48, t.Root), memory, 0x1000, El1Read);
        Assert.Equal(new FaultRecord(FaultType.SyncExternalOnWalk, 1), r.Fault);
        Assert.Equal(0b010101u, r.Fault.StatusCode);
    }

    [Fact]
    public void The_walk_reads_with_the_TCR_walk_attributes_and_non_cacheable_when_SCTLR_C_is_clear()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        t.Map(0x1000, 0x8000_0000, 3, Leaf);
        TranslationRegisters regs = Regs(12, 48, t.Root);
        regs = regs with { Tcr = regs.Tcr & ~(0xFFUL << 8) | 0b10UL << 8 | 0b00UL << 10 | 0b10UL << 12 };
        Translate(regs, memory, 0x1000, El1Read);
        Assert.All(memory.Reads, read => Assert.Equal(new MemoryAttributes(0x4A, Shareability.OuterShareable), read.Attributes));

        memory.Reads.Clear();
        TranslationResult r = Translate(regs with { Sctlr = 1 | 1UL << 12 }, memory, 0x1000, El1Read);
        Assert.All(memory.Reads, read => Assert.Equal(0x44, read.Attributes.Attr));
        Assert.Equal(0x44, r.Attributes.Attr); // the data access too
        Assert.Equal(0xFF, r.Mapping.Attributes.Attr); // while the mapping keeps MAIR's value
    }

    [Fact]
    public void With_the_MMU_off_the_mapping_is_flat_and_data_is_Device()
    {
        var memory = new FakeDescriptorMemory();
        TranslationRegisters regs = Regs(12, 48, 0, sctlr: 0, paBits: 40);
        TranslationResult r = Translate(regs, memory, 0x4000_1234, El1Read);
        Assert.Equal(0x4000_1234UL, r.Pa);
        Assert.Equal(MemoryAttributes.DeviceNGnRnE, r.Attributes);
        Assert.Equal(0x44, Translate(regs, memory, 0x4000_1234, El1Fetch).Attributes.Attr);
        Assert.Equal(new FaultRecord(FaultType.AddressSize, 0), Translate(regs, memory, 1UL << 40, El1Read).Fault);
        Assert.Equal(FaultType.Alignment, Translate(regs, memory, 0x4000_1235, El1Read with { Aligned = false }).Fault.Type);
        Assert.Empty(memory.Reads);
    }

    [Fact]
    public void Unaligned_accesses_to_Device_pages_are_alignment_faults_and_to_Normal_pages_are_not()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        t.Map(0x1000, 0x8000_0000, 3, Leaf);
        t.Map(0x2000, 0x0900_0000, 3, Leaf | AttrIndx(1));
        TranslationRegisters regs = Regs(12, 48, t.Root);
        Assert.False(Translate(regs, memory, 0x1001, El1Read with { Aligned = false }).IsFault);
        TranslationResult r = Translate(regs, memory, 0x2001, El1Write with { Aligned = false });
        Assert.Equal(FaultType.Alignment, r.Fault.Type);
        Assert.Equal(0b100001u, r.Fault.StatusCode);
        Assert.False(Translate(regs, memory, 0x2001, El1Fetch with { Aligned = false }).IsFault);
    }

    [Fact]
    public void The_contiguous_hint_is_recorded_and_changes_nothing_else()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        const ulong contiguous = 1UL << 52;
        for (ulong i = 0; i < 16; i++)
            t.Map(0x10_0000 + i * 0x1000, 0x8000_0000 + i * 0x1000, 3, Leaf | contiguous);
        var tlb = new Tlb();
        TranslationRegisters regs = Regs(12, 48, t.Root);
        for (ulong i = 0; i < 16; i++)
        {
            TranslationResult r = Translate(regs, memory, 0x10_0000 + i * 0x1000 + 0x10, El1Read, tlb);
            Assert.Equal(0x8000_0010 + i * 0x1000, r.Pa);
            Assert.True(r.Mapping.Contiguous);
            Assert.Equal(12, r.Mapping.BlockShift);
        }
    }

    [Fact]
    public void With_FEAT_HAFDBS_and_TCR_HA_the_walk_sets_the_access_flag_instead_of_faulting()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        ulong desc = t.Map(0x5000, 0x8000_0000, 3, Leaf & ~Af);
        const ulong ha = 1UL << 39;

        Assert.Equal(FaultType.AccessFlag, Translate(Regs(12, 48, t.Root, extraTcr: ha), memory, 0x5000, El1Read).Fault.Type); // not implemented
        Assert.Equal(FaultType.AccessFlag, Translate(Regs(12, 48, t.Root) with { HardwareAccessFlagImplemented = true }, memory, 0x5000, El1Read).Fault.Type); // HA clear
        Assert.Empty(memory.Writes);

        TranslationResult r = Translate(Regs(12, 48, t.Root, extraTcr: ha) with { HardwareAccessFlagImplemented = true }, memory, 0x5000, El1Read);
        Assert.False(r.IsFault);
        Assert.Equal([desc], memory.Writes);
        Assert.NotEqual(0UL, memory.Words[desc] & Af);
    }

    [Fact]
    public void Reserved_TnSZ_values_are_clamped_to_16_and_39()
    {
        Assert.Equal(48, Stage1Walk.InputBits(0, upper: false));
        Assert.Equal(25, Stage1Walk.InputBits(63, upper: false));
        Assert.Equal(42, Stage1Walk.InputBits(22UL << 16, upper: true));
    }
}
