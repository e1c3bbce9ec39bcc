using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>Self-modifying code: a store rewrites an instruction of a translated block.</summary>
public sealed partial class BlockTranslationTests
{
    /// <summary>
    /// Each pass stores MOVZ X0, #(X4 &gt;&gt; shift) into a slot <paramref name="gap"/>
    /// instructions after the store, in the same straight-line run, and adds X0 into X3.
    /// </summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 3)]
    [InlineData(5, 4)]
    public void Store_to_a_later_instruction_of_the_block_runs_the_stored_word(int gap, int shift)
    {
        const ulong iterations = 400;
        var pair = BlockEquivalence.Plain(SelfModifyingLoop(iterations, gap, shift));
        pair.RunToEnd();
        pair.AssertTranslated();
        ulong expected = 0;
        for (ulong k = 1; k <= iterations; k++)
            expected += k >> shift;
        Assert.Equal(expected, pair.Interpreted.X(3));
        Assert.Equal(expected, pair.Translated.X(3));
        Assert.True(pair.Translated.Core.BlocksInvalidated > 0, "no translated block met its rewritten word");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Store_to_the_head_of_the_block_runs_the_stored_word_on_the_next_pass(int shift)
    {
        // The slot is the loop's first instruction (the block's head); the end of the body rewrites it.
        const ulong iterations = 400;
        var c = new CodeBuilder()
            .Emit("loop", off => Adr(X1, off))
            .Emit(MovImm(X9, Movz(X0, 0)))
            .Emit(Movz(X3, 0))
            .Emit(MovImm(X4, iterations))
            .Label("loop")
            .Emit(Movz(X0, 0))
            .Emit(Add(X3, X3, X0))
            .Emit(SubImm(X4, X4, 1))
            .Emit(LsrImm(X5, X4, shift))
            .Emit(Orr(X2, X9, X5, ShiftType.LSL, 5))
            .Emit(Str(W2, Mem(X1)))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        ulong expected = 0;
        for (ulong k = 1; k < iterations; k++)
            expected += k >> shift;
        Assert.Equal(expected, pair.Interpreted.X(3));
        Assert.Equal(expected, pair.Translated.X(3));
        Assert.True(pair.Translated.Core.BlocksInvalidated > 0, "no translated block met its rewritten word");
    }

    [Fact]
    public void Rewritten_slot_changing_instruction_class_in_a_hot_loop_matches_the_interpreter()
    {
        // The slot cycles through ADD, NOP (a hint: not translated), MRS (a system instruction:
        // not translated) and EOR, copied from a table in memory.
        uint[] table = [AddImm(X3, X3, 1), Nop(), Mrs(X6, TPIDR_EL1), Eor(X3, X3, X4)];
        const ulong iterations = 400;
        var c = new CodeBuilder()
            .Emit("slot", off => Adr(X1, off))
            .Emit(MovImm(X21, Data))
            .Emit(MovImm(X4, iterations))
            .Label("loop")
            .Emit(AndImm(X5, X4, 3))
            .Emit(Ldr(W2, MemReg(X21, X5, Extend.UXTX, shifted: true)))
            .Emit(Str(W2, Mem(X1)))
            .Emit(AddImm(X7, X7, 1))
            .Label("slot")
            .Emit(Nop())
            .Emit(Add(X8, X8, X3))
            .Emit(SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.ForBoth(m => m.WriteWords(Data, table));
        pair.RunToEnd();
        pair.AssertTranslated();
        ulong x3 = 0, x8 = 0;
        for (ulong k = iterations; k >= 1; k--)
        {
            if ((k & 3) == 0)
                x3++;
            else if ((k & 3) == 3)
                x3 ^= k;
            x8 += x3;
        }
        Assert.Equal(x3, pair.Translated.X(3));
        Assert.Equal(x8, pair.Translated.X(8));
    }

    [Fact]
    public void Store_through_an_alias_to_a_later_instruction_with_the_mmu_on_runs_the_stored_word()
    {
        // The code's page is also mapped at Alias; the loop rewrites its own slot through the alias.
        const ulong alias = 0x3000_0000, iterations = 300;
        CodeBuilder c = RewriteSlotLoop(iterations, unchecked(alias - GuestMachine.CodeBase));
        var pair = BlockEquivalence.WithMmu(c.Build(), cache: null,
            setup: g => g.Map(alias, GuestMachine.RamBase, 2, MmuGuest.Af | MmuGuest.InnerShareable | MmuGuest.Uxn));
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.Equal(iterations * (iterations + 1) / 2, pair.Translated.X(3));
        Assert.True(pair.Translated.Core.BlocksInvalidated > 0, "no translated block met its rewritten word");
    }

    [Theory]
    [InlineData(3UL)]
    [InlineData(1003UL)]
    public void Self_modifying_loop_in_odd_budget_slices_matches_the_interpreter(ulong budget)
    {
        var pair = BlockEquivalence.Plain(SelfModifyingLoop(300, 2, 2));
        RunInSlices(pair, [budget, 5]);
        pair.AssertTranslated();
        // A block runs only when all of it fits before the stop point: slices of 3 and 5
        // instructions leave the loop's block interpreted, whose equivalence the slices still check.
        if (budget > 100)
            Assert.True(pair.Translated.Core.BlocksInvalidated > 0, "no translated block met its rewritten word");
    }

    /// <summary>
    /// A loop that, each pass, stores MOVZ X0, #pass into its own slot two instructions later
    /// (through an address <paramref name="aliasOffset"/> away from the code's) and adds X0 to X3.
    /// </summary>
    private static CodeBuilder RewriteSlotLoop(ulong iterations, ulong aliasOffset)
    {
        var c = new CodeBuilder().Emit("slot", off => Adr(X1, off));
        if (aliasOffset != 0)
            c.Emit(MovImm(X8, aliasOffset)).Emit(Add(X1, X1, X8));
        return c.Emit(MovImm(X9, Movz(X0, 0)))
            .Emit(MovImm(X4, iterations))
            .Label("loop")
            .Emit(Orr(X2, X9, X4, ShiftType.LSL, 5))
            .Emit(Str(W2, Mem(X1)))
            .Emit(AddImm(X7, X7, 1))
            .Label("slot")
            .Emit(Movz(X0, 0))
            .Emit(Add(X3, X3, X0))
            .Emit(SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
    }

    [Fact]
    public void Self_modifying_loop_with_the_cache_model_matches_the_interpreter()
    {
        // Whatever the modelled L1I makes of the rewritten word, both runs must agree.
        CodeBuilder c = RewriteSlotLoop(300, aliasOffset: 0);
        var pair = BlockEquivalence.WithMmu(c.Build(), CachePresets.CortexA72);
        pair.RunToEnd();
        pair.AssertTranslated();
    }

    /// <summary>
    /// Self-modifying code done properly with the cache model: store, DC CVAU, DSB, IC IVAU, DSB,
    /// ISB, then the rewritten slot (right after the ISB when <paramref name="gap"/> is 0) runs
    /// the new word every pass.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Self_modifying_loop_with_cache_maintenance_runs_the_stored_word(int gap)
    {
        const ulong iterations = 300;
        var c = new CodeBuilder()
            .Emit("slot", off => Adr(X1, off))
            .Emit(MovImm(X9, Movz(X0, 0)))
            .Emit(MovImm(X4, iterations))
            .Label("loop")
            .Emit(Orr(X2, X9, X4, ShiftType.LSL, 5))
            .Emit(Str(W2, Mem(X1)))
            .Emit(Caches.CacheGuest.DcCvau(X1), Dsb(0b1011), Caches.CacheGuest.IcIvau(X1), Dsb(0b1011), Isb());
        for (int i = 0; i < gap; i++)
            c.Emit(AddImm(X7, X7, 1));
        c.Label("slot")
            .Emit(Movz(X0, 0))
            .Emit(Add(X3, X3, X0))
            .Emit(SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.WithMmu(c.Build(), CachePresets.CortexA72);
        pair.RunToEnd();
        pair.AssertTranslated(); // the block at the loop head (it ends before the DC)
        Assert.Equal(iterations * (iterations + 1) / 2, pair.Translated.X(3));
    }

    private static uint[] SelfModifyingLoop(ulong iterations, int gap, int shift)
    {
        var c = new CodeBuilder()
            .Emit("slot", off => Adr(X1, off))
            .Emit(MovImm(X9, Movz(X0, 0)))
            .Emit(Movz(X3, 0))
            .Emit(MovImm(X4, iterations))
            .Label("loop")
            .Emit(LsrImm(X5, X4, shift))
            .Emit(Orr(X2, X9, X5, ShiftType.LSL, 5))
            .Emit(Str(W2, Mem(X1)));
        for (int i = 0; i < gap; i++)
            c.Emit(AddImm(X7, X7, (ulong)i + 1));
        c.Label("slot")
            .Emit(Movz(X0, 0))
            .Emit(Add(X3, X3, X0))
            .Emit(SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
        return c.Build();
    }
}
