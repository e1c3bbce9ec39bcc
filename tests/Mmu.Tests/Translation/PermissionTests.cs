using Emulator.Mmu.Translation;
using static Emulator.Mmu.Tests.Translation.PageTableBuilder;
using static Emulator.Mmu.Tests.Translation.WalkRegs;

namespace Emulator.Mmu.Tests.Translation;

public sealed class PermissionTests
{
    // AP[2:1]: 00 EL1 RW / EL0 none; 01 RW / RW; 10 EL1 RO / EL0 none; 11 RO / RO.
    // Columns: EL1 read, EL1 write, EL0 read, EL0 write, EL1 execute, EL0 execute (UXN = PXN = 0, WXN = 0).
    [Theory]
    [InlineData(0b00, true, true, false, false, true, true)]
    [InlineData(0b01, true, true, true, true, false, true)] // EL1 may not execute EL0-writable memory
    [InlineData(0b10, true, false, false, false, true, true)]
    [InlineData(0b11, true, false, true, false, true, true)]
    public void AP_bits_grant_what_the_architecture_says(int ap, bool r1, bool w1, bool r0, bool w0, bool x1, bool x0)
    {
        bool[] got = Check(Ap(ap), wxn: false);
        Assert.Equal(new[] { r1, w1, r0, w0, x1, x0 }, got);
    }

    [Theory]
    [InlineData(false, false, true, true)]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, false, false)]
    public void UXN_and_PXN_forbid_execution_at_their_EL(bool uxn, bool pxn, bool x1, bool x0)
    {
        bool[] got = Check(Ap(0b11) | (uxn ? Uxn : 0) | (pxn ? Pxn : 0), wxn: false);
        Assert.Equal(x1, got[4]);
        Assert.Equal(x0, got[5]);
    }

    [Fact]
    public void WXN_makes_writable_memory_execute_never()
    {
        Assert.False(Check(Ap(0b00), wxn: true)[4]);   // EL1-writable
        Assert.False(Check(Ap(0b01), wxn: true)[5]);   // EL0-writable
        Assert.True(Check(Ap(0b10), wxn: true)[4]);    // read-only stays executable
        Assert.True(Check(Ap(0b11), wxn: true)[5]);
    }

    [Fact]
    public void Table_controls_restrict_the_whole_subtree()
    {
        const ulong pxnTable = 1UL << 59, uxnTable = 1UL << 60, apTableNoEl0 = 1UL << 61, apTableRo = 1UL << 62;
        Assert.Equal(new[] { true, true, false, false, true, true }, Check(Ap(0b01), false, apTableNoEl0)); // no longer EL0-writable, so EL1 may execute
        Assert.Equal(new[] { true, false, true, false, true, true }, Check(Ap(0b01), false, apTableRo));
        Assert.Equal(new[] { true, true, true, true, false, false }, Check(Ap(0b01), false, uxnTable));
        bool[] pxn = Check(Ap(0b00), false, pxnTable);
        Assert.False(pxn[4]);
        Assert.True(pxn[5]);
    }

    [Fact]
    public void A_permission_fault_reports_the_leaf_level()
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        t.Map(0x20_0000, 0x8000_0000, 2, Af | Ap(0b10));
        TranslationResult r = Translate(Regs(12, 48, t.Root), memory, 0x20_0010, El1Write);
        Assert.Equal(new FaultRecord(FaultType.Permission, 2), r.Fault);
        Assert.Equal(0b001110u, r.Fault.StatusCode);
    }

    /// <summary>EL1 read, EL1 write, EL0 read, EL0 write, EL1 fetch, EL0 fetch for a 4 KB page.</summary>
    private static bool[] Check(ulong leafBits, bool wxn, ulong tableBits = 0)
    {
        var memory = new FakeDescriptorMemory();
        var t = new PageTableBuilder(memory, 12, 48, 0x1000_0000);
        t.Map(0x40_0000, 0x8000_0000, 3, Af | leafBits, tableBits);
        TranslationRegisters regs = Regs(12, 48, t.Root, sctlr: SctlrOn | (wxn ? 1UL << 19 : 0));
        var tlb = new Tlb();
        return [.. new[] { El1Read, El1Write, El0Read, El0Write, El1Fetch, El0Fetch }
            .Select(a =>
            {
                TranslationResult r = Translate(regs, memory, 0x40_0008, a, tlb);
                Assert.True(!r.IsFault || r.Fault.Type == FaultType.Permission, r.Fault.ToString());
                return !r.IsFault;
            })];
    }
}
