using Emulator.Mmu.Translation;
using static Emulator.Mmu.Tests.Translation.PageTableBuilder;
using static Emulator.Mmu.Tests.Translation.WalkRegs;

namespace Emulator.Mmu.Tests.Translation;

public sealed class TlbTests
{
    private const ulong Leaf = Af | 0b11UL << 8;

    private readonly FakeDescriptorMemory _memory = new();
    private readonly PageTableBuilder _tables;
    private readonly Tlb _tlb = new();

    public TlbTests() => _tables = new PageTableBuilder(_memory, 12, 48, 0x1000_0000);

    private TranslationRegisters WithAsid(ushort asid, bool as16 = true) =>
        Regs(12, 48, _tables.Root | (ulong)asid << 48, extraTcr: as16 ? 1UL << 36 : 0);

    [Fact]
    public void A_cached_translation_survives_a_descriptor_change_until_invalidated()
    {
        ulong desc = _tables.Map(0x5000, 0x8000_0000, 3, Leaf);
        TranslationRegisters regs = WithAsid(1);
        Assert.Equal(0x8000_0000UL, Translate(regs, _memory, 0x5000, El1Read, _tlb).Pa);
        _memory.Words[desc] = 0x9000_0000 | Valid | TableOrPage | Leaf;
        Assert.Equal(0x8000_0000UL, Translate(regs, _memory, 0x5000, El1Read, _tlb).Pa);
        _tlb.InvalidateByVa(0x5000, 1, allAsids: false);
        Assert.Equal(0x9000_0000UL, Translate(regs, _memory, 0x5000, El1Read, _tlb).Pa);
    }

    [Fact]
    public void Non_global_entries_belong_to_their_ASID_and_global_entries_to_all()
    {
        _tables.Map(0x5000, 0x8000_0000, 3, Leaf | NotGlobal);
        _tables.Map(0x6000, 0x8100_0000, 3, Leaf);
        Translate(WithAsid(7), _memory, 0x5000, El1Read, _tlb);
        Translate(WithAsid(7), _memory, 0x6000, El1Read, _tlb);
        Assert.True(_tlb.TryLookup(0x5000, 7, out S1Mapping m));
        Assert.True(m.NotGlobal);
        Assert.Equal(7, m.Asid);
        Assert.False(_tlb.TryLookup(0x5000, 8, out _));
        Assert.True(_tlb.TryLookup(0x6000, 8, out _));

        _tlb.InvalidateByAsid(7);
        Assert.False(_tlb.TryLookup(0x5000, 7, out _));
        Assert.True(_tlb.TryLookup(0x6000, 7, out _)); // ASIDE1 leaves global entries
    }

    [Fact]
    public void ASIDs_are_8_bits_unless_TCR_AS_is_set()
    {
        Assert.Equal(0x34, WithAsid(0x1234, as16: false).Asid);
        Assert.Equal(0x1234, WithAsid(0x1234, as16: true).Asid);
        TranslationRegisters a1 = WithAsid(0x12) with { Ttbr1 = 0x0056UL << 48, Tcr = WithAsid(0x12).Tcr | 1UL << 22 };
        Assert.Equal(0x56, a1.Asid); // TCR.A1 takes the ASID from TTBR1
    }

    [Fact]
    public void TLBI_by_VA_matches_global_entries_and_the_given_ASID_and_by_VA_all_ASIDs_matches_any()
    {
        _tables.Map(0x5000, 0x8000_0000, 3, Leaf | NotGlobal);
        Translate(WithAsid(3), _memory, 0x5000, El1Read, _tlb);
        _tlb.InvalidateByVa(0x5000, 4, allAsids: false);
        Assert.True(_tlb.TryLookup(0x5000, 3, out _));
        _tlb.InvalidateByVa(0x5FFF, 4, allAsids: true);
        Assert.False(_tlb.TryLookup(0x5000, 3, out _));
    }

    [Fact]
    public void TLBI_by_VA_removes_a_whole_block_from_any_address_inside_it()
    {
        _tables.Map(0x4000_0000, 0x8000_0000, 1, Leaf);
        Translate(WithAsid(0), _memory, 0x4000_0000, El1Read, _tlb);
        Assert.True(_tlb.TryLookup(0x4000_0123, 0, out _));
        _tlb.InvalidateByVa(0x7FFF_F000, 0, allAsids: false);
        Assert.False(_tlb.TryLookup(0x4000_0123, 0, out _));
    }

    [Fact]
    public void InvalidateAll_empties_the_TLB_and_replacement_is_round_robin_within_a_set()
    {
        for (int i = 0; i < Tlb.Ways + 1; i++)
            _tables.Map((ulong)i * Tlb.Sets * 0x1000, 0x8000_0000 + (ulong)i * 0x1000, 3, Leaf);
        for (int i = 0; i < Tlb.Ways + 1; i++)
            Translate(WithAsid(0), _memory, (ulong)i * Tlb.Sets * 0x1000, El1Read, _tlb);
        Assert.Equal(Tlb.Ways, _tlb.Count);
        Assert.False(_tlb.TryLookup(0, 0, out _)); // the oldest way was replaced
        Assert.True(_tlb.TryLookup((ulong)Tlb.Ways * Tlb.Sets * 0x1000, 0, out _));
        _tlb.InvalidateAll();
        Assert.Equal(0, _tlb.Count);
    }

    [Fact]
    public void Entries_of_another_VMID_are_invisible()
    {
        _tables.Map(0x5000, 0x8000_0000, 3, Leaf);
        Translate(WithAsid(0), _memory, 0x5000, El1Read, _tlb);
        _tlb.Vmid = 1;
        Assert.False(_tlb.TryLookup(0x5000, 0, out _));
        _tlb.InvalidateAll();
        _tlb.Vmid = 0;
        Assert.True(_tlb.TryLookup(0x5000, 0, out _));
    }

    [Fact]
    public void Faults_are_not_cached()
    {
        ulong desc = _tables.Map(0x5000, 0x8000_0000, 3, Leaf & ~Af);
        Assert.Equal(FaultType.AccessFlag, Translate(WithAsid(0), _memory, 0x5000, El1Read, _tlb).Fault.Type);
        _memory.Words[desc] |= Af;
        Assert.False(Translate(WithAsid(0), _memory, 0x5000, El1Read, _tlb).IsFault);
    }
}
