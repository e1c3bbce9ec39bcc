using Emulator.Mmu.Attributes;
using Emulator.Mmu.Translation;
using static Emulator.Mmu.Tests.Translation.Stage2Regs;
using static Emulator.Mmu.Tests.Translation.Stage2TableBuilder;

namespace Emulator.Mmu.Tests.Translation;

public sealed class Stage2WalkTests
{
    private const ulong Root = 0x4000_0000;

    [Theory]
    // granule, IPA bits, SL0, expected start level (-1: illegal)
    [InlineData(12, 32, 0, 2)]
    [InlineData(12, 34, 0, 2)]
    [InlineData(12, 35, 0, -1)] // would need 32 concatenated level-2 tables
    [InlineData(12, 39, 1, 1)]
    [InlineData(12, 40, 1, 1)]
    [InlineData(12, 43, 1, 1)]
    [InlineData(12, 30, 1, -1)] // level 1 is too high for 30 bits
    [InlineData(12, 48, 2, 0)]
    [InlineData(12, 44, 2, 0)]
    [InlineData(12, 39, 3, -1)]
    [InlineData(12, 24, 0, -1)] // T0SZ 40 is above the maximum 39
    [InlineData(16, 42, 1, 2)]
    [InlineData(16, 48, 2, 1)]
    [InlineData(16, 32, 0, 3)]
    [InlineData(16, 42, 0, -1)] // level 3 cannot cover 42 bits
    [InlineData(14, 40, 1, 2)]
    [InlineData(14, 47, 2, 1)]
    public void Start_level_follows_SL0_per_granule_with_the_consistency_check(int granule, int inputBits, int sl0, int expected)
    {
        var regs = Regs(granule, inputBits, sl0, Root);
        Assert.Equal(expected, Stage2Walk.StartLevel(regs));
        Assert.Equal(expected >= 0, Stage2Walk.IsConfigurationValid(regs));
    }

    [Fact]
    public void SL0_starting_at_level_0_needs_a_44_bit_PARange()
    {
        Assert.Equal(0, Stage2Walk.StartLevel(Regs(12, 44, 2, Root, paBits: 44)));
        Assert.Equal(-1, Stage2Walk.StartLevel(Regs(12, 40, 2, Root, paBits: 40)));
    }

    [Fact]
    public void The_IPA_size_may_not_exceed_the_physical_address_size()
    {
        Assert.Equal(1, Stage2Walk.StartLevel(Regs(12, 40, 1, Root, paBits: 40)));
        Assert.Equal(-1, Stage2Walk.StartLevel(Regs(12, 41, 1, Root, paBits: 40)));
    }

    [Theory]
    [InlineData(12, 39, 1)]  // 4 KB from level 1, one table
    [InlineData(12, 40, 1)]  // 4 KB from level 1, two concatenated tables
    [InlineData(12, 48, 2)]  // 4 KB from level 0
    [InlineData(12, 34, 0)]  // 4 KB from level 2, 8 concatenated tables
    [InlineData(16, 42, 1)]  // 64 KB from level 2
    [InlineData(16, 48, 2)]  // 64 KB from level 1
    [InlineData(14, 40, 1)]  // 16 KB from level 2, 16 concatenated tables
    public void A_page_translates_with_one_read_per_level_from_the_start_level(int granule, int inputBits, int sl0)
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(granule, inputBits, sl0, Root);
        int start = Stage2Walk.StartLevel(regs);
        var tables = new Stage2TableBuilder(memory, granule, inputBits, start, Root);
        ulong pageSize = 1UL << granule;
        ulong ipa = (1UL << inputBits) - 3 * pageSize + 0x123; // in the last concatenated table, if any
        ulong descriptor = tables.Map(ipa & ~(pageSize - 1), 0x8765_0000_0000 & ~(pageSize - 1), 3, Leaf(0b1111, sh: 0b11));

        Assert.True(Walk(regs, memory, ipa, out S2Mapping m, out FaultRecord fault), fault.ToString());
        Assert.Equal((0x8765_0000_0000 & ~(pageSize - 1)) | (ipa & (pageSize - 1)), m.OutputAddress(ipa));
        Assert.Equal(3, m.Level);
        Assert.Equal(granule, m.BlockShift);
        Assert.Equal(0b1111, m.MemAttr);
        Assert.Equal(Shareability.InnerShareable, m.Shareability);
        Assert.Equal(0b11, m.S2Ap);
        Assert.Equal(4 - start, memory.Reads.Count);
        Assert.Equal(descriptor, memory.Reads[^1].Pa);
        Assert.InRange(memory.Reads[0].Pa, Root, Root + (8UL << tables.StartIndexBits) - 8);
        Assert.All(memory.Reads, r => Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), r.Attributes));
    }

    [Fact]
    public void The_second_concatenated_start_table_is_indexed_by_the_extra_IPA_bit()
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(12, 40, 1, Root); // level 1, 10 index bits: two 4 KB tables
        // IPA bit 39 selects the second table: entry 0 of it is at Root + 0x1000.
        memory.Words[Root + 0x1000] = 0x80_0000_0000UL | Valid | Leaf(0b1111);
        Assert.True(Walk(regs, memory, 0x80_0000_1234, out S2Mapping m, out FaultRecord fault), fault.ToString());
        Assert.Equal(1, m.Level);
        Assert.Equal(0x80_0000_1234UL, m.OutputAddress(0x80_0000_1234));
        Assert.Equal(Root + 0x1000, memory.Reads.Single().Pa);
    }

    [Theory]
    [InlineData(12, 39, 1, 1, 30)] // 1 GB block
    [InlineData(12, 39, 1, 2, 21)] // 2 MB block
    [InlineData(16, 42, 1, 2, 29)] // 512 MB block
    [InlineData(14, 40, 1, 2, 25)] // 32 MB block
    public void Blocks_are_allowed_where_the_granule_allows_them(int granule, int inputBits, int sl0, int level, int shift)
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(granule, inputBits, sl0, Root);
        var tables = new Stage2TableBuilder(memory, granule, inputBits, Stage2Walk.StartLevel(regs), Root);
        ulong block = 1UL << shift;
        ulong ipa = 3 * block + 0x5678;
        tables.Map(3 * block, 0x10 * block, level, Leaf(0b0101, s2ap: 0b01, xn: 0b10));

        Assert.True(Walk(regs, memory, ipa, out S2Mapping m, out FaultRecord fault), fault.ToString());
        Assert.Equal(shift, m.BlockShift);
        Assert.Equal(level, m.Level);
        Assert.Equal(3 * block, m.IpaBase);
        Assert.Equal(0x10 * block + 0x5678, m.OutputAddress(ipa));
        Assert.Equal(0b0101, m.MemAttr);
        Assert.Equal(0b10, m.Xn);
    }

    [Theory]
    [InlineData(12, 48, 2, 0)] // 4 KB level-0 block
    [InlineData(16, 48, 2, 1)] // 64 KB level-1 block (needs FEAT_LPA)
    [InlineData(14, 47, 2, 1)] // 16 KB level-1 block
    public void Blocks_where_the_granule_has_none_are_translation_faults(int granule, int inputBits, int sl0, int level)
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(granule, inputBits, sl0, Root);
        var tables = new Stage2TableBuilder(memory, granule, inputBits, Stage2Walk.StartLevel(regs), Root);
        tables.Map(0, 0, level, Leaf(0b1111));
        Assert.False(Walk(regs, memory, 0x1000, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.Translation, level, Stage2: true, Ipa: 0x1000), fault);
    }

    [Fact]
    public void Invalid_and_reserved_level_3_descriptors_are_translation_faults_at_their_level()
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(12, 39, 1, Root);
        var tables = new Stage2TableBuilder(memory, 12, 39, 1, Root);
        ulong address = tables.Map(0x20_0000, 0x9000_0000, 3, Leaf(0b1111));
        memory.Words[address] &= ~TableOrPage; // level-3 block encoding: reserved

        Assert.False(Walk(regs, memory, 0x20_0010, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.Translation, 3, Stage2: true, Ipa: 0x20_0010), fault);
        Assert.False(Walk(regs, memory, 0x4000_0000, out _, out fault));
        Assert.Equal(new FaultRecord(FaultType.Translation, 1, Stage2: true, Ipa: 0x4000_0000), fault);
        Assert.Equal(0b000101u, fault.StatusCode);
    }

    [Fact]
    public void Access_flag_zero_is_an_access_flag_fault_and_the_descriptor_is_not_written()
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(12, 39, 1, Root);
        var tables = new Stage2TableBuilder(memory, 12, 39, 1, Root);
        tables.Map(0x1000, 0x9000_1000, 3, Leaf(0b1111, af: false));
        Assert.False(Walk(regs, memory, 0x1008, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.AccessFlag, 3, Stage2: true, Ipa: 0x1008), fault);
        Assert.Equal(0b001011u, fault.StatusCode);
        Assert.Empty(memory.Writes);
    }

    [Fact]
    public void An_IPA_above_the_input_size_is_a_level_0_translation_fault_without_reads()
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(12, 39, 1, Root);
        Assert.False(Walk(regs, memory, 1UL << 39, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.Translation, 0, Stage2: true, Ipa: 1UL << 39), fault);
        Assert.Empty(memory.Reads);
    }

    [Fact]
    public void An_illegal_configuration_is_a_level_0_translation_fault()
    {
        var memory = new FakeDescriptorMemory();
        Assert.False(Walk(Regs(12, 39, 3, Root), memory, 0, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.Translation, 0, Stage2: true, Ipa: 0), fault);
        Assert.Empty(memory.Reads);
    }

    [Fact]
    public void Output_addresses_above_VTCR_PS_are_address_size_faults()
    {
        var memory = new FakeDescriptorMemory();
        var regs = Regs(12, 39, 1, Root, ps: 0); // 32-bit output
        var tables = new Stage2TableBuilder(memory, 12, 39, 1, Root);
        tables.Map(0x1000, 0x1_0000_0000, 3, Leaf(0b1111));
        Assert.False(Walk(regs, memory, 0x1000, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.AddressSize, 3, Stage2: true, Ipa: 0x1000), fault);

        // A VTTBR_EL2 base above the output size faults at level 0 before any read.
        memory.Reads.Clear();
        Assert.False(Walk(Regs(12, 39, 1, 0x1_0000_0000, ps: 0), memory, 0x1000, out _, out fault));
        Assert.Equal(new FaultRecord(FaultType.AddressSize, 0, Stage2: true, Ipa: 0x1000), fault);
        Assert.Empty(memory.Reads);
    }

    [Fact]
    public void PS_is_limited_by_the_implemented_physical_address_size()
    {
        Assert.Equal(40, Regs(12, 39, 1, Root, ps: 5, paBits: 40).OutputAddressBits);
        Assert.Equal(36, Regs(12, 39, 1, Root, ps: 1, paBits: 48).OutputAddressBits);
    }

    [Fact]
    public void A_failed_descriptor_read_is_a_synchronous_external_abort_on_the_walk()
    {
        var memory = new FakeDescriptorMemory { AbortAbove = Root };
        Assert.False(Walk(Regs(12, 39, 1, Root), memory, 0x1000, out _, out FaultRecord fault));
        Assert.Equal(new FaultRecord(FaultType.SyncExternalOnWalk, 1, Stage2: true, Ipa: 0x1000), fault);
    }

    [Fact]
    public void Walk_reads_use_the_VTCR_attributes_and_HCR_CD_makes_them_non_cacheable()
    {
        var memory = new FakeDescriptorMemory();
        new Stage2TableBuilder(memory, 12, 39, 1, Root).Map(0x1000, 0x9000_1000, 3, Leaf(0b1111));
        Assert.True(Walk(Regs(12, 39, 1, Root), memory, 0x1000, out _, out _));
        Assert.All(memory.Reads, r => Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), r.Attributes));

        memory.Reads.Clear();
        Assert.True(Walk(Regs(12, 39, 1, Root, hcr: Vm | Cd), memory, 0x1000, out _, out _));
        Assert.All(memory.Reads, r => Assert.Equal(0x44, r.Attributes.Attr));
    }

    [Fact]
    public void VTTBR_base_bits_below_the_concatenated_table_alignment_are_ignored()
    {
        var memory = new FakeDescriptorMemory();
        memory.Words[Root] = 0x0UL | Valid | Leaf(0b1111);
        var regs = Regs(12, 40, 1, Root | 0x1000); // two tables: 8 KB aligned
        Assert.True(Walk(regs, memory, 0x1234, out S2Mapping m, out FaultRecord fault), fault.ToString());
        Assert.Equal(0x1234UL, m.OutputAddress(0x1234));
        Assert.Equal(Root, memory.Reads.Single().Pa);
    }

    [Theory]
    // S2AP, XN[1:0], read, write, fetch
    [InlineData(0b00, 0b00, false, false, true)]
    [InlineData(0b01, 0b00, true, false, true)]
    [InlineData(0b10, 0b00, false, true, true)]
    [InlineData(0b11, 0b00, true, true, true)]
    [InlineData(0b11, 0b10, true, true, false)]
    [InlineData(0b11, 0b01, true, true, false)] // FEAT_XNX simplification: any XN bit is execute-never
    [InlineData(0b11, 0b11, true, true, false)]
    public void Stage2_permissions_come_from_S2AP_and_XN(int s2ap, int xn, bool read, bool write, bool fetch)
    {
        var m = new S2Mapping(0, 0, 12, 3, 0b1111, Shareability.InnerShareable, (byte)s2ap, (byte)xn);
        Assert.Equal(read, m.Permits(AccessType.Read));
        Assert.Equal(write, m.Permits(AccessType.Write));
        Assert.Equal(fetch, m.Permits(AccessType.Fetch));
    }

    [Fact]
    public void Registers_decode_HCR_VTCR_and_VTTBR_fields()
    {
        var regs = new Stage2Registers(
            Hcr: Dc | Fwb | Cd | Id | 1UL << 26 | 1UL << 22,
            Vtcr: Vtcr(16, 42, 1),
            Vttbr: 0xABCD_0000_1234_5000,
            PhysicalAddressBits: 48);
        Assert.False(regs.Vm);
        Assert.True(regs.Dc && regs.Enabled && regs.Fwb && regs.Cd && regs.Id && regs.Tvm && regs.Tsw);
        Assert.Equal(0xCD, regs.Vmid);
        Assert.Equal(0xABCD, (regs with { Vtcr = regs.Vtcr | 1UL << 19 }).Vmid);
        Assert.Equal(42, regs.InputBits);
        Assert.Equal(16, regs.GranuleBits);
        Assert.Equal(48, regs.OutputAddressBits);
        Assert.Equal(0x44, regs.WalkAttributes.Attr); // CD
        Assert.False(new Stage2Registers(0, 0, 0, 48).Enabled);
    }
}
