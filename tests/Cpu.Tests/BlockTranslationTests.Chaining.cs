using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// An optimized block that ends goes on with the block at the next PC itself (a tail call,
/// ArmCore.ChainedBlock) instead of returning to RunBlocks: the stop point, the fetch path and
/// the next block's first word must be checked there as RunBlocks checks them, and a block that
/// meets a changed word after such a chain must drop its own translation, not the first block's.
/// </summary>
public sealed partial class BlockTranslationTests
{
    /// <summary>
    /// A dispatch loop over X4 (counting down): BR to one of four two-instruction handlers picked by
    /// X4 % 4, each adding its own constant and branching back (B) to a block that counts down, then
    /// a conditional branch back to the dispatch: every block ends in a branch to another block.
    /// </summary>
    private static uint[] DispatchLoop(ulong iterations)
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X4, iterations))
            .Emit(MovImm(X21, Data))
            .Label("dispatch")
            .Emit(AndImm(X5, X4, 3))
            .Emit("handlers", off => Adr(X6, off))
            .Emit(Add(X6, X6, X5, ShiftType.LSL, 3))
            .Emit(Br(X6))
            .Label("handlers")
            .Emit(AddImm(X0, X0, 1)).Emit("next", off => B(off))
            .Emit(AddImm(X0, X0, 3)).Emit("next", off => B(off))
            .Emit(Str(X0, Mem(X21, 0))).Emit("next", off => B(off))
            .Emit(Ldr(X7, Mem(X21, 0))).Emit("next", off => B(off))
            .Label("next")
            .Emit(Add(X8, X8, X7))
            .Emit(SubsImm(X4, X4, 1))
            .Emit("dispatch", off => BCond(Cond.NE, off))
            .Emit(GuestMachine.EndMarker);
        return c.Build();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cortex-a72")]
    [InlineData("neoverse-n1")]
    public void Blocks_that_go_on_to_each_other_match_the_interpreter(string? preset)
    {
        BlockEquivalence pair = preset is null
            ? BlockEquivalence.Plain(DispatchLoop(600))
            : BlockEquivalence.WithMmu(DispatchLoop(600), CachePresets.Find(preset)!);
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.Equal(0UL, pair.Translated.X(4));
    }

    [Theory]
    [InlineData(new ulong[] { 1 })]
    [InlineData(new ulong[] { 2, 3, 5, 7, 11, 13 })]
    [InlineData(new ulong[] { 1000, 1, 64, 9 })]
    public void Blocks_that_go_on_to_each_other_stop_where_the_budget_ends(ulong[] budgets)
    {
        var pair = BlockEquivalence.Plain(DispatchLoop(400));
        RunInSlices(pair, budgets);
        pair.AssertTranslated();
    }

    [Fact]
    public void A_word_changed_in_a_block_gone_on_to_drops_that_block_only()
    {
        // Block A (the loop's head) ends with B to block B, which stores into one of its own later
        // instructions (MOVZ X0, #1) on every pass: the same word until X4 drops below 100, then
        // MOVZ X0, #2 from then on. The word changes once, so exactly one translation is dropped
        // (B's, which met it); dropping A's instead would leave B's stale translation to meet the
        // changed word on every later pass.
        const ulong iterations = 400;
        var c = new CodeBuilder()
            .Emit("slot", off => Adr(X1, off))
            .Emit(MovImm(X9, Movz(X0, 2)))
            .Emit(MovImm(X10, Movz(X0, 1)))
            .Emit(MovImm(X4, iterations))
            .Emit(Movz(X3, 0))
            .Label("loop")
            .Emit(SubImm(X4, X4, 1))
            .Emit(AddImm(X5, X5, 1))
            .Emit("bodyB", off => B(off))
            .Emit(Udf(0))
            .Label("bodyB")
            .Emit(CmpImm(X4, 100))
            .Emit(Csel(X2, X10, X9, Cond.HS))
            .Emit(Str(W2, Mem(X1)))
            .Emit(AddImm(X6, X6, 1))
            .Label("slot")
            .Emit(Movz(X0, 1))
            .Emit(Add(X3, X3, X0))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        const ulong expected = (iterations - 100) * 1 + 100 * 2;
        Assert.Equal(expected, pair.Interpreted.X(3));
        Assert.Equal(expected, pair.Translated.X(3));
        Assert.Equal(1UL, pair.Translated.Core.BlocksInvalidated);
    }
}
