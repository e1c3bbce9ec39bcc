using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// A conditional branch taken forward to an instruction of its own block goes on there inside the
/// translated block (BlockCompiler's forward jumps): the instructions skipped must not be counted
/// or charged, those batched before the target must be, and the target's word is still checked.
/// </summary>
public sealed partial class BlockTranslationTests
{
    /// <summary>
    /// A loop whose body has B.cond, CBZ and TBNZ skipping pure and non-pure instructions inside one
    /// block, each taken on some passes only, with pure instructions batched before each target.
    /// </summary>
    private static uint[] ForwardBranchLoop(ulong iterations)
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X20, iterations))
            .Emit(MovImm(X21, Data))
            .Label("loop")
            .Emit(AndImm(X1, X20, 3))
            .Emit(CmpImm(X1, 1))
            .Emit("over1", off => BCond(Cond.LS, off))   // taken when X20 % 4 <= 1
            .Emit(Add(X2, X2, X20))                       // pure, skipped when taken
            .Emit(Eor(X3, X3, X2, ShiftType.ROR, 3))
            .Emit(Mul(X4, X2, X3))                        // not pure
            .Label("over1")
            .Emit(Add(X5, X5, X1))
            .Emit(AndImm(X6, X20, 4))
            .Emit("over2", off => Cbz(X6, off))           // taken on half the passes
            .Emit(Str(X5, Mem(X21, 0)))                   // a store, skipped when taken
            .Emit(Ldr(X7, Mem(X21, 0)))
            .Emit(Add(X8, X8, X7))
            .Label("over2")
            .Emit(Add(X9, X9, X20))
            .Emit("over3", off => Tbnz(X20, 0, off))      // taken on odd passes
            .Emit(SubImm(X10, X10, 3))
            .Label("over3")
            .Emit(Add(X0, X2, X3))
            .Emit(Add(X0, X0, X4))
            .Emit(Add(X0, X0, X8))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        return c.Build();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cortex-a72")]
    [InlineData("cortex-a53")]
    public void Forward_branches_inside_a_block_match_the_interpreter(string? preset)
    {
        BlockEquivalence pair = preset is null
            ? BlockEquivalence.Plain(ForwardBranchLoop(500))
            : BlockEquivalence.WithMmu(ForwardBranchLoop(500), CachePresets.Find(preset)!);
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.Equal(0UL, pair.Translated.X(20));
    }

    [Theory]
    [InlineData(new ulong[] { 1 })]
    [InlineData(new ulong[] { 7, 3, 50 })]
    [InlineData(new ulong[] { 1000, 1, 13 })]
    public void Forward_branches_inside_a_block_stop_where_the_budget_ends(ulong[] budgets)
    {
        var pair = BlockEquivalence.Plain(ForwardBranchLoop(300));
        RunInSlices(pair, budgets);
        pair.AssertTranslated();
    }

    [Fact]
    public void A_rewritten_branch_target_is_seen_when_the_branch_jumps_to_it()
    {
        // The target of an always-taken forward branch is rewritten on every pass (MOVZ X0, #pass)
        // by a store before the branch in the same block: the jump must meet the new word.
        const ulong iterations = 300;
        var c = new CodeBuilder()
            .Emit("target", off => Adr(X1, off))
            .Emit(MovImm(X9, Movz(X0, 0)))
            .Emit(MovImm(X4, iterations))
            .Emit(Movz(X3, 0))
            .Label("loop")
            .Emit(AndImm(X5, X4, 0xFF))
            .Emit(Orr(X2, X9, X5, ShiftType.LSL, 5))
            .Emit(Str(W2, Mem(X1)))
            .Emit(CmpImm(X4, 0))
            .Emit("target", off => BCond(Cond.NE, off))   // always taken inside the loop
            .Emit(Movz(X7, 1))
            .Emit(Movz(X8, 2))
            .Label("target")
            .Emit(Movz(X0, 0))
            .Emit(Add(X3, X3, X0))
            .Emit(SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        ulong expected = 0;
        for (ulong k = 1; k <= iterations; k++)
            expected += k & 0xFF;
        Assert.Equal(expected, pair.Interpreted.X(3));
        Assert.Equal(expected, pair.Translated.X(3));
        Assert.True(pair.Translated.Core.BlocksInvalidated > 0, "no translated block met its rewritten word");
    }
}
