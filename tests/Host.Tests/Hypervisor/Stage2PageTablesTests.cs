using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Physical;
using Emulator.Mmu.Translation;

namespace Emulator.Host.Tests.Hypervisor;

/// <summary>The hypervisor's stage-2 tables are real descriptors the architectural walk reads.</summary>
public sealed class Stage2PageTablesTests
{
    private readonly struct TableReader(Ram memory) : IDescriptorReader
    {
        public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
        {
            Span<byte> b = stackalloc byte[8];
            descriptor = 0;
            if (!memory.Contains(pa, 8))
                return false;
            memory.Read(pa, b);
            descriptor = BitConverter.ToUInt64(b);
            return true;
        }

        public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor) => false;
    }

    private static Stage2Registers Regs(Stage2PageTables t) => new(1UL /* VM */, t.Vtcr, t.Vttbr(1), 44);

    [Fact]
    public void Pages_and_blocks_the_hypervisor_maps_are_what_the_stage_2_walk_finds()
    {
        var tables = new Stage2PageTables();
        tables.Map(0x4020_0000, 0x4020_0000, block: true, memAttr: 0b1111, read: true, write: true, executable: false);
        tables.Map(0x1000_3000, 0x1000_3000, block: false, memAttr: 0b0110, read: true, write: false, executable: false);
        var reader = new TableReader(tables.Memory);

        Assert.True(Stage2Walk.Walk(Regs(tables), 0x4023_4567, ref reader, out S2Mapping block, out _));
        Assert.Equal(2, block.Level);
        Assert.Equal(0x4020_0000UL, block.OaBase);
        Assert.Equal((byte)0b1111, block.MemAttr);
        Assert.True(block.Permits(AccessType.Write));
        Assert.False(block.Permits(AccessType.Fetch));

        Assert.True(Stage2Walk.Walk(Regs(tables), 0x1000_3abc, ref reader, out S2Mapping page, out _));
        Assert.Equal(3, page.Level);
        Assert.Equal((byte)0b0110, page.MemAttr);
        Assert.True(page.Permits(AccessType.Read));
        Assert.False(page.Permits(AccessType.Write));

        Assert.False(Stage2Walk.Walk(Regs(tables), 0x1000_4000, ref reader, out _, out FaultRecord fault));
        Assert.Equal(FaultType.Translation, fault.Type);
        Assert.True(fault.Stage2);
    }

    [Fact]
    public void The_IPA_space_is_KVMs_default_40_bits_from_two_concatenated_level_1_tables()
    {
        var tables = new Stage2PageTables();
        Stage2Registers regs = Regs(tables);
        Assert.Equal(40, Stage2PageTables.IpaBits);
        Assert.Equal(24, regs.T0sz);
        Assert.Equal(1, regs.Sl0);
        Assert.Equal(1, Stage2Walk.StartLevel(regs));
        Assert.Equal(0UL, tables.Vttbr(1) & 0x1FFF); // the 8 KB root is 8 KB-aligned (BADDR[12:1] zero)
        Assert.Equal(2, tables.Tables); // the root: two pages, nothing else yet

        // The same IPA[38:0] below and above 2^39: two entries, one in each level-1 table.
        tables.Map(0x00_4000_0000, 0x4000_0000, block: true, memAttr: 0b1111, read: true, write: true, executable: false);
        tables.Map(0x80_4000_0000, 0x4020_0000, block: true, memAttr: 0b0110, read: true, write: true, executable: false);
        // The top of the 40-bit space (the end of QEMU virt's 64-bit PCI MMIO window): a page and a block.
        tables.Map(0xFF_FFFF_F000, 0x4040_1000, block: false, memAttr: 0b1111, read: true, write: false, executable: false);
        tables.Map(0xFF_FFC0_0000, 0x4060_0000, block: true, memAttr: 0b1111, read: true, write: true, executable: false);
        var reader = new TableReader(tables.Memory);

        Assert.True(Stage2Walk.Walk(regs, 0x00_4000_0123, ref reader, out S2Mapping low, out _));
        Assert.Equal(0x4000_0000UL, low.OaBase);
        Assert.True(Stage2Walk.Walk(regs, 0x80_4000_0123, ref reader, out S2Mapping high, out _));
        Assert.Equal(0x4020_0000UL, high.OaBase);
        Assert.Equal((byte)0b0110, high.MemAttr);
        Assert.True(Stage2Walk.Walk(regs, 0xFF_FFFF_FFF8, ref reader, out S2Mapping top, out _));
        Assert.Equal(3, top.Level);
        Assert.Equal(0x4040_1000UL, top.OaBase);
        Assert.False(top.Permits(AccessType.Write));
        Assert.True(Stage2Walk.Walk(regs, 0xFF_FFC1_2345, ref reader, out S2Mapping block, out _));
        Assert.Equal(2, block.Level);
        Assert.Equal(0xFF_FFC0_0000UL, block.IpaBase);
        Assert.True(tables.TryGetLeaf(0xFF_FFFF_F008, out _, out int level));
        Assert.Equal(3, level);
        Assert.True(tables.TryGetLeaf(0x80_4000_0000, out ulong d, out _));
        Assert.Equal(0x4020_0000UL, d & 0xFF_FFFF_F000);

        // 2^40 is past the end: AArch64.S2Translate's AArch64.IPAIsOutOfRange check gives a level-0
        // Translation fault before any descriptor is read; the tables have no leaf for it and refuse to map it.
        Assert.False(Stage2Walk.Walk(regs, 1UL << 40, ref reader, out _, out FaultRecord fault));
        Assert.Equal(FaultType.Translation, fault.Type);
        Assert.Equal(0, fault.Level);
        Assert.True(fault.Stage2);
        Assert.Equal(1UL << 40, fault.Ipa);
        Assert.False(tables.TryGetLeaf(1UL << 40 | 0x4000_0000, out _, out _)); // not the alias at 0x4000_0000
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            tables.Map(1UL << 40, 0x4000_0000, block: false, memAttr: 0b1111, read: true, write: true, executable: false));
        // An unmapped IPA inside the space faults at the level where the walk finds no entry.
        Assert.False(Stage2Walk.Walk(regs, 0xC0_0000_0000, ref reader, out _, out fault));
        Assert.Equal(FaultType.Translation, fault.Type);
        Assert.Equal(1, fault.Level);
    }

    [Fact]
    public void Write_protection_and_execute_permission_change_the_leaf_in_place()
    {
        var tables = new Stage2PageTables();
        tables.Map(0x1000_0000, 0x1000_0000, block: false, memAttr: 0b1111, read: true, write: true, executable: false);
        var reader = new TableReader(tables.Memory);

        Assert.True(tables.SetWritable(0x1000_0000, false));
        Assert.True(Stage2Walk.Walk(Regs(tables), 0x1000_0010, ref reader, out S2Mapping m, out _));
        Assert.False(m.Permits(AccessType.Write));

        Assert.True(tables.SetWritable(0x1000_0000, true));
        Assert.True(tables.SetExecutable(0x1000_0000));
        Assert.True(Stage2Walk.Walk(Regs(tables), 0x1000_0010, ref reader, out m, out _));
        Assert.True(m.Permits(AccessType.Write));
        Assert.True(m.Permits(AccessType.Fetch));
        Assert.False(tables.SetWritable(0x2000_0000, true)); // nothing mapped there
    }

    [Fact]
    public void Stage_2_abort_syndromes_decode_as_kvm_reads_them()
    {
        // Data abort from a lower EL, ISV, SAS = 2 (word), SRT = 5, WnR, translation fault level 3.
        var store = new Stage2Abort(0x24u << 26 | 1u << 25 | 1u << 24 | 2u << 22 | 5u << 16 | 1u << 6 | 0b000111, 0x1234_5678, 0x1000_3000UL >> 12 << 4);
        Assert.True(store.Isv);
        Assert.True(store.IsWrite);
        Assert.Equal(2, store.AccessSizeLog2);
        Assert.Equal(5, store.Srt);
        Assert.Equal(Stage2FaultKind.Translation, store.FaultKind);
        Assert.Equal(0x1000_3678UL, store.Ipa); // FIPA plus the page offset from FAR_EL2

        var walk = new Stage2Abort(0x24u << 26 | 1u << 7 | 0b000101, 0, 0);
        Assert.True(walk.S1Ptw);
        Assert.True(walk.IsWrite); // a stage-1 walk is handled as a write (it may set AF)

        var maintenance = new Stage2Abort(0x24u << 26 | 1u << 8 | 1u << 6 | 0b000110, 0, 0);
        Assert.True(maintenance.CacheMaintenance);
        Assert.False(maintenance.IsWrite);

        var fetch = new Stage2Abort(0x20u << 26 | 0b001111, 0, 0);
        Assert.True(fetch.IsInstructionFetch);
        Assert.Equal(Stage2FaultKind.Permission, fetch.FaultKind);
    }

    [Fact]
    public void Mair_mangling_promotes_normal_attributes_to_write_back_and_leaves_device_alone()
    {
        var policy = new MairManglePolicy();
        // Attr0 WB, Attr1 Device-nGnRE, Attr2 Normal NC, Attr3 Normal WT, Attr4 Device-nGnRnE.
        Assert.Equal(0x00_FF_FF_04_FFUL, policy.OnMairWrite(0x00_BB_44_04_FFUL));
        Assert.Equal(0UL, policy.OnMairWrite(0));
    }

    [Fact]
    public void Every_policy_has_a_unique_name_and_a_description()
    {
        Assert.Equal(7, CoherencyPolicies.All.Count);
        Assert.Equal(CoherencyPolicies.All.Count, CoherencyPolicies.All.Select(p => p.Name).Distinct().Count());
        Assert.All(CoherencyPolicies.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.IsType<KvmPolicy>(CoherencyPolicies.Find(CoherencyPolicies.DefaultName));
        Assert.Null(CoherencyPolicies.Find("KVM"));
    }
}
