using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Translated blocks (ArmCore.Blocks.cs) against the interpreter: the same guest runs on a core
/// that interprets everything and on one that compiles hot blocks synchronously, and everything
/// observable must be equal (<see cref="BlockEquivalence"/>): registers, PSTATE, PC, instruction
/// and cycle counts, exception registers, branch predictor counters, RAM, and caches. Every test
/// also checks that blocks were really translated, so that it cannot pass by interpreting both.
/// Loops run well over <see cref="GuestMachine.TestHotBlockEntries"/> times so that their heads get hot.
/// </summary>
public sealed partial class BlockTranslationTests
{
    private const ulong Data = GuestMachine.DataBase;
    private const ulong Cursor = Data + 0x1000;
    private const ulong Hole = 0x1000_0000; // below RAM: nothing on the bus
    private const ushort VectorIrqSpx = 0x105;

    private static readonly SysRegister CNTP_CTL = new(3, 3, 14, 2, 1), CNTP_CVAL = new(3, 3, 14, 2, 2);
    private static readonly SysRegister CNTV_TVAL = new(3, 3, 14, 3, 0), CNTV_CTL = new(3, 3, 14, 3, 1);

    /// <summary>
    /// The body of a loop over X20 (counting down to zero): shifted ALU, MOVZ/MOVK, bitfields,
    /// flag setting and carry, CSEL, MUL, UDIV, loads and stores of every size with offset,
    /// pre- and post-index and pair forms (X21: a fixed data area, X22: a cursor that moves 16
    /// bytes forward per pass), and two conditional branches inside the body, each taken on
    /// about half the passes. Folds what it loads into X0.
    /// </summary>
    private static CodeBuilder MixedLoopBody(CodeBuilder c) => c
        .Emit(Add(X1, X1, X20))
        .Emit(Sub(X2, X2, X1, ShiftType.LSL, 3))
        .Emit(Eor(X3, X3, X2, ShiftType.ROR, 7))
        .Emit(AndImm(X4, X1, 0xFF))
        .Emit(Orr(X5, X4, X3, ShiftType.LSR, 5))
        .Emit(Movz(X6, 0x1234), Movk(X6, 0x5678, 16), Movk(X6, 0x9ABC, 48))
        .Emit(Ubfx(X7, X2, 4, 12))
        .Emit(Bfi(X8, X7, 8, 8))
        .Emit(Sbfx(X9, X3, 3, 20))
        .Emit(Adds(W10, W1, W2))
        .Emit(Adc(X11, X11, X20))
        .Emit(CmpImm(X4, 0x80))
        .Emit(Csel(X12, X1, X2, Cond.HI))
        .Emit(Mul(X13, X1, X20))
        .Emit(Udiv(X14, X2, X20))
        .Emit("skip1", off => Tbz(X20, 1, off))       // taken on half the passes
        .Emit(Add(X15, X15, X1))
        .Emit(Eor(X15, X15, X6))
        .Label("skip1")
        .Emit(Strb(W1, Mem(X21, 0)))
        .Emit(Strh(W2, Mem(X21, 2)))
        .Emit(Str(W3, Mem(X21, 4)))
        .Emit(Str(X4, Mem(X21, 8)))
        .Emit(Ldrb(W16, Mem(X21, 1)))
        .Emit(Ldrsh(X17, Mem(X21, 2)))
        .Emit(Ldrsw(X18, Mem(X21, 4)))
        .Emit(Ldr(X19, Mem(X21, 8)))
        .Emit(Str(X5, Post(X22, 16)))
        .Emit(Ldr(X23, Pre(X22, -8)))
        .Emit(Stp(X1, X2, X22, 16, PairMode.PreIndex))
        .Emit(Ldp(X24, X25, X22, -8, PairMode.PostIndex))
        .Emit(Ldrh(W(26), Mem(X21, 2)))
        .Emit(Ldrsb(W(27), Mem(X21, 0)))
        .Emit(Stp(W10, W11, X21, 16))
        .Emit(Ldp(W(28), W(29), X21, 16))
        .Emit(CmpImm(X4, 0x80))
        .Emit("skip2", off => BCond(Cond.LS, off))    // taken when X4 <= 0x80
        .Emit(Add(X0, X0, X16))
        .Emit(Add(X0, X0, X17))
        .Label("skip2")
        .Emit(Add(X0, X0, X18))
        .Emit(Eor(X0, X0, X19, ShiftType.LSL, 1))
        .Emit(Add(X0, X0, X23))
        .Emit(Add(X0, X0, X24))
        .Emit(Sub(X0, X0, X25))
        .Emit(Add(X0, X0, X26))
        .Emit(Eor(X0, X0, X27))
        .Emit(Add(X0, X0, X28))
        .Emit(Add(X0, X0, X29))
        .Emit(Add(X0, X0, X12))
        .Emit(Add(X0, X0, X13))
        .Emit(Add(X0, X0, X14))
        .Emit(Add(X0, X0, X15))
        .Emit(Add(X0, X0, X9))
        .Emit(Add(X0, X0, X8));

    private static uint[] LoopSetup(ulong iterations) =>
    [
        .. MovImm(X20, iterations),
        .. MovImm(X21, Data),
        .. MovImm(X22, Cursor),
        .. MovImm(X1, 0x1234_5678_9ABC_DEF0),
        Movz(X2, 7),
        .. MovImm(X3, 0x0F0F_0F0F_0F0F_0F0F),
    ];

    /// <summary>The mixed loop, <paramref name="iterations"/> passes, then HVC #0.</summary>
    private static uint[] MixedLoop(ulong iterations)
    {
        var c = new CodeBuilder().Emit(LoopSetup(iterations)).Label("loop");
        MixedLoopBody(c)
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        return c.Build();
    }

    private static void AssertMixedLoopFinished(BlockEquivalence pair, ulong iterations)
    {
        Assert.Equal(0UL, pair.Translated.X(20));
        Assert.Equal(Cursor + 16 * iterations, pair.Translated.X(22));
    }

    /// <summary>
    /// Runs the program on both machines, with a vector table of HVCs, into the current EL's
    /// synchronous vector; asserts blocks were translated and that the exception came from the
    /// instruction at <paramref name="label"/>.
    /// </summary>
    private static BlockEquivalence RunToSynchronousException(CodeBuilder c, string label)
    {
        var pair = BlockEquivalence.Plain(c.Build());
        pair.ForBoth(m => m.InstallHvcVectors());
        pair.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        pair.AssertTranslated();
        Assert.Equal(GuestMachine.CodeBase + (ulong)c.LabelOffset(label), pair.Translated.Elr);
        return pair;
    }

    /// <summary>Runs both with the budgets in turn (cycling) until the program's HVC #0, comparing after every run.</summary>
    private static void RunInSlices(BlockEquivalence pair, ulong[] budgets)
    {
        for (int run = 0; ; run++)
        {
            ulong budget = budgets[run % budgets.Length];
            ulong before = pair.Interpreted.Core.Instructions;
            CpuExit exit = pair.Run(budget);
            pair.AssertSame($"after run {run} (budget {budget})", memory: run % 16 == 0);
            if (exit != CpuExit.BudgetExhausted)
            {
                Assert.Equal(CpuExit.HypervisorCall, exit);
                Assert.Equal(0, pair.Translated.Core.ExitImmediate);
                pair.AssertSame("at the end");
                return;
            }
            Assert.Equal(before + budget, pair.Interpreted.Core.Instructions);
            Assert.True(run < 100_000, "the program never ended");
        }
    }

    [Fact]
    public void Comparison_sees_a_difference_in_state_memory_or_caches()
    {
        // The check itself: one extra instruction, one changed byte, one changed line are all reported.
        var pair = BlockEquivalence.Plain(MixedLoop(100));
        pair.Interpreted.Run(1000);
        pair.Translated.Run(1001);
        Assert.ThrowsAny<Exception>(() => pair.AssertSame("extra instruction"));
        pair.Interpreted.Run(1);
        pair.AssertSame("caught up");
        pair.Translated.Write8(Data + 0x2_0000, 1);
        Assert.ThrowsAny<Exception>(() => pair.AssertSame("changed byte"));

        var cached = BlockEquivalence.WithMmu(MixedLoop(100), CachePresets.CortexA72);
        cached.RunToEnd();
        cached.TranslatedCache!.HostInvalidate(Cursor, 64);
        Assert.ThrowsAny<Exception>(() => cached.AssertSame("invalidated line"));
    }

    // ---- A hot loop of ALU, loads and stores, branches inside ----

    [Fact]
    public void Mixed_alu_and_load_store_loop_matches_the_interpreter()
    {
        var pair = BlockEquivalence.Plain(MixedLoop(700));
        pair.RunToEnd();
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 700);
    }

    [Fact]
    public void Loop_with_calls_returns_and_indirect_branches_matches_the_interpreter()
    {
        // BL/RET, BLR and BR end blocks; the predictor's return stack and target buffer see them all.
        var c = new CodeBuilder()
            .Emit(MovImm(X20, 500))
            .Emit("g", off => Adr(X11, off))
            .Label("loop")
            .Emit(AddImm(X1, X1, 3))
            .Emit("f", off => Bl(off))
            .Emit(Eor(X2, X2, X0))
            .Emit(Blr(X11))
            .Emit("skip", off => Tbnz(X20, 0, off))
            .Emit(AddImm(X3, X3, 1))
            .Label("skip")
            .Emit("back", off => Adr(X12, off))
            .Emit(Br(X12))
            .Emit(Nop())                                  // not reached
            .Label("back")
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker)
            .Label("f")
            .Emit(Mul(X0, X1, X1), AddImm(X0, X0, 5), Ret())
            .Label("g")
            .Emit(Udiv(X4, X2, X1), Add(X5, X5, X4), Ret());
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.Equal(3UL * 500, pair.Translated.X(1));
        Assert.Equal(250UL, pair.Translated.X(3));
        Assert.True(pair.Translated.Core.Predictor.Indirect > 0);
    }

    [Fact]
    public void Pc_relative_and_stack_instructions_in_a_hot_loop_match_the_interpreter()
    {
        // ADR, ADRP and literal loads read the PC; a called function saves a frame on the stack.
        var c = new CodeBuilder()
            .Emit(Snippets.SetSp(Data + 0x8000))
            .Emit(MovImm(X20, 300))
            .Label("loop")
            .Emit("lit", off => Adr(X1, off))
            .Emit(Adrp(X2, 0))
            .Emit("lit", off => LdrLiteral(X3, off))
            .Emit("lit2", off => LdrswLiteral(X4, off))
            .Emit(Add(X5, X5, X3))
            .Emit(Add(X5, X5, X4))
            .Emit("f", off => Bl(off))
            .Emit(Add(X6, X6, X0))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker)
            .Label("f")
            .Emit(Stp(X29, X30, SP, -16, PairMode.PreIndex))
            .Emit(MovSp(X29, SP))
            .Emit(SubImm(SP, SP, 16))
            .Emit(Add(X0, X1, X2))
            .Emit(Str(X0, Mem(SP, 8)))
            .Emit(Ldr(X7, Mem(SP, 8)))
            .Emit(Add(X0, X0, X7))
            .Emit(AddImm(SP, SP, 16))
            .Emit(Ldp(X29, X30, SP, 16, PairMode.PostIndex))
            .Emit(Ret());
        c.PadTo((c.Offset + 7) & ~7L)
            .Label("lit").Emit(0x5566_7788u, 0x1122_3344u)
            .Label("lit2").Emit(0x8000_0001u);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        ulong lit = GuestMachine.CodeBase + (ulong)c.LabelOffset("lit");
        Assert.Equal(lit, pair.Translated.X(1));
        Assert.Equal(GuestMachine.CodeBase + (ulong)c.LabelOffset("loop") & ~0xFFFUL, pair.Translated.X(2));
        Assert.Equal(unchecked(300 * (0x1122_3344_5566_7788UL + 0xFFFF_FFFF_8000_0001UL)), pair.Translated.X(5));
        Assert.Equal(Data + 0x8000, pair.Translated.Sp);
    }

    [Fact]
    public void Exclusives_and_atomics_in_a_hot_loop_match_the_interpreter()
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X20, 400))
            .Emit(MovImm(X21, Data))
            .Emit(MovImm(X22, Data + 8))
            .Emit(MovImm(X23, Data + 16))
            .Label("loop")
            .Label("retry")
            .Emit(A64Sync.Ldxr(3, 1, 21))
            .Emit(Add(X1, X1, X20))
            .Emit(A64Sync.Stxr(3, 2, 1, 21))
            .Emit("retry", off => Cbnz(W2, off))
            .Emit(A64Sync.Ld(A64Sync.AtomicOp.Add, 3, 20, 3, 22)) // LDADD X20, X3, [X22]
            .Emit(A64Sync.Swp(3, 20, 6, 23))                      // SWP X20, X6, [X23]
            .Emit(Mov(X4, X20))                                   // what SWP left in memory
            .Emit(A64Sync.Cas(3, 4, 1, 23))                       // CAS X4, X1, [X23]: equal, stores X1
            .Emit(A64Sync.Crc32(3, false, 7, 7, 1))
            .Emit(Rev(X8, X1), Clz(X9, X1), Rbit(X10, X1))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.Equal(400UL * 401 / 2, pair.Translated.Read64(Data));
        Assert.Equal(400UL * 401 / 2, pair.Translated.Read64(Data + 8));
        Assert.Equal(400UL * 401 / 2, pair.Translated.Read64(Data + 16));
    }

    [Fact]
    public void Loop_across_a_page_boundary_matches_the_interpreter()
    {
        // Blocks end at the end of the fetch page: the loop body straddles 0x1000.
        var c = new CodeBuilder().Emit(LoopSetup(300)).Emit("loop", off => B(off)).PadTo(0xFD0).Label("loop");
        MixedLoopBody(c)
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        Assert.True(c.LabelOffset("loop") < 0x1000 && c.Offset > 0x1000);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 300);
    }

    [Fact]
    public void Long_straight_line_body_is_split_into_blocks_that_match_the_interpreter()
    {
        // 70 straight-line instructions per pass: blocks of MaxBlockInstructions and a remainder.
        var c = new CodeBuilder().Emit(MovImm(X20, 300)).Emit(MovImm(X21, Data)).Label("loop");
        for (int i = 0; i < 70; i++)
        {
            c.Emit((i % 5) switch
            {
                0 => AddImm(X1, X1, (ulong)i),
                1 => Eor(X2, X2, X1, ShiftType.ROR, i % 64),
                2 => Str(X2, Mem(X21, 8 * (i % 32))),
                3 => Ldr(X3, Mem(X21, 8 * ((i + 7) % 32))),
                _ => Add(X0, X0, X3),
            });
        }
        c.Emit(SubImm(X20, X20, 1)).Emit("loop", off => Cbnz(X20, off)).Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.True(pair.Translated.Core.BlocksTranslated >= 3, $"{pair.Translated.Core.BlocksTranslated} blocks for a 72-instruction loop");
    }

    // ---- Exceptions in the middle of a hot block ----

    [Fact]
    public void Svc_and_eret_inside_a_hot_loop_match_the_interpreter()
    {
        // The current-EL SPx synchronous vector counts the SVC and returns after it: 300 exception
        // entries and returns, each in the middle of the loop.
        const ulong vbar = GuestMachine.VectorBase;
        var c = new CodeBuilder()
            .Emit(MovImm(X9, vbar)).Emit(Msr(VBAR_EL1, X9))
            .Emit(MovImm(X20, 300))
            .Label("loop")
            .Emit(AddImm(X1, X1, 2))
            .Emit(Svc(0x42))
            .Emit(Add(X2, X2, X1))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.ForBoth(m => m.WriteWords(vbar + 0x200, [AddImm(X5, X5, 1), Mrs(X6, ESR_EL1), Eret()]));
        pair.RunToEnd();
        pair.AssertTranslated();
        Assert.Equal(300UL, pair.Translated.X(5));
        Assert.Equal(0x5600_0042UL, pair.Translated.X(6)); // EC 0x15 SVC, IL, imm16
    }

    /// <summary>
    /// 500 passes; on the pass where X20 == 100 the access in the middle of the body uses
    /// <paramref name="address"/> instead of the data area, and faults.
    /// </summary>
    [Theory]
    [InlineData(Hole, false, false, 0x9600_0010UL)]                    // external abort, read
    [InlineData(Hole, true, false, 0x9600_0050UL)]                     // external abort, write
    [InlineData(Data + 4, false, false, 0x9600_0021UL)]                // alignment fault (MMU off: Device)
    [InlineData(Data + 4, false, true, 0x9600_0021UL)]                 // LDP, alignment fault
    [InlineData(0x100_0000_0000UL, false, false, 0x9600_0000UL)]       // beyond the PA range: address size fault
    public void Data_abort_in_the_middle_of_a_hot_block_matches_the_interpreter(ulong address, bool store, bool loadPair, ulong esr)
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X20, 500))
            .Emit(MovImm(X10, address))
            .Emit(MovImm(X11, Data))
            .Label("loop")
            .Emit(Add(X1, X1, X20))
            .Emit(CmpImm(X20, 100))
            .Emit(Csel(X9, X10, X11, Cond.EQ))
            .Emit(Eor(X2, X2, X1))
            .Emit(Mul(X3, X1, X2))
            .Label("access")
            .Emit(store ? Str(X3, Mem(X9)) : loadPair ? Ldp(X12, X14, X9) : Ldr(X12, Mem(X9)))
            .Emit(Add(X13, X13, X12))
            .Emit(AddImm(X15, X15, 1))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        BlockEquivalence pair = RunToSynchronousException(c, "access");
        Assert.Equal(esr, pair.Translated.Esr);
        Assert.Equal(address, pair.Translated.Far);
        Assert.Equal(100UL, pair.Translated.X(20));
        Assert.Equal(400UL, pair.Translated.X(15));
    }

    /// <summary>
    /// An EL0 loop (MMU on) that on its 201st pass loads from a page EL0 may not read: a
    /// permission fault to the lower-EL vector from the middle of a hot block.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Permission_fault_at_el0_in_the_middle_of_a_hot_block_matches_the_interpreter(bool caches)
    {
        const ulong va = 0x1000_0000, el0Code = 0x2000_0000, el0CodePa = MmuGuest.PagePool + 0x1_0000;
        CodeBuilder el0 = LoopWithOneBadLoad(faultPass: 100, bad: Data, good: va, end: Svc(0)); // Data is EL1-only
        uint[] el1 = [.. MovImm(X2, el0Code), Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret()];
        var pair = BlockEquivalence.WithMmu(el1, caches ? CachePresets.CortexA72 : null, setup: g =>
        {
            g.Map(va, MmuGuest.PagePool, 3, MmuGuest.Af | MmuGuest.InnerShareable | 0b01 << 6);             // EL0 RW
            g.Map(el0Code, el0CodePa, 3, MmuGuest.Af | MmuGuest.InnerShareable | 0b11 << 6 | MmuGuest.Pxn); // EL0 RO, executable
            g.Machine.WriteWords(el0CodePa, el0.Build());
        });
        pair.RunToVector(GuestMachine.VectorLowerElSync);
        pair.AssertTranslated();
        Assert.Equal(0x24UL, pair.Translated.Esr >> 26); // data abort from a lower EL
        Assert.Equal(Data, pair.Translated.Far);
        Assert.Equal(el0Code + (ulong)el0.LabelOffset("access"), pair.Translated.Elr);
        Assert.Equal(100UL, pair.Translated.X(20));
    }

    [Fact]
    public void Translation_fault_in_the_middle_of_a_hot_block_with_the_mmu_on_matches_the_interpreter()
    {
        const ulong unmapped = 0x2000_0000; // no stage-1 mapping
        CodeBuilder c = LoopWithOneBadLoad(faultPass: 7, bad: unmapped, good: Data, end: GuestMachine.EndMarker);
        var pair = BlockEquivalence.WithMmu(c.Build(), cache: null);
        pair.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        pair.AssertTranslated();
        Assert.Equal(0x25UL, pair.Translated.Esr >> 26); // data abort from the current EL
        Assert.Equal(unmapped, pair.Translated.Far);
        Assert.Equal(7UL, pair.Translated.X(20));
    }

    /// <summary>
    /// 300 passes (X20 counting down) that store to <paramref name="good"/>+8 and load, at label
    /// "access" in the middle of the loop's block, from <paramref name="good"/>, but from
    /// <paramref name="bad"/> on the pass where X20 is <paramref name="faultPass"/>; then <paramref name="end"/>.
    /// </summary>
    private static CodeBuilder LoopWithOneBadLoad(ulong faultPass, ulong bad, ulong good, uint end) => new CodeBuilder()
        .Emit(MovImm(X20, 300))
        .Emit(MovImm(X10, bad))
        .Emit(MovImm(X11, good))
        .Label("loop")
        .Emit(Add(X1, X1, X20))
        .Emit(CmpImm(X20, faultPass))
        .Emit(Csel(X9, X10, X11, Cond.EQ))
        .Emit(Str(X1, Mem(X11, 8)))
        .Label("access")
        .Emit(Ldr(X12, Mem(X9)))
        .Emit(Add(X13, X13, X12))
        .Emit(SubImm(X20, X20, 1))
        .Emit("loop", off => Cbnz(X20, off))
        .Emit(end);

    // ---- Budget stops in the middle of hot blocks ----

    [Theory]
    [InlineData(7UL)]
    [InlineData(13UL)]
    [InlineData(31UL)]
    [InlineData(1003UL)]
    public void Odd_budgets_stop_both_at_the_same_instruction(ulong budget)
    {
        var pair = BlockEquivalence.Plain(MixedLoop(300));
        RunInSlices(pair, [budget]);
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 300);
    }

    [Fact]
    public void Mixed_budgets_stop_both_at_the_same_instruction()
    {
        var pair = BlockEquivalence.Plain(MixedLoop(300));
        RunInSlices(pair, [7, 13, 1003, 1, 64, 33, 2, 97, 31, 500]);
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 300);
    }

    // ---- Around the hotness threshold ----

    [Theory]
    [InlineData(1UL)]
    [InlineData(63UL)]
    [InlineData(64UL)]
    [InlineData(65UL)]
    [InlineData(66UL)]
    [InlineData(200UL)]
    public void Loops_around_the_hotness_threshold_match_the_interpreter(ulong iterations)
    {
        var c = new CodeBuilder()
            .Emit(MovImm(X1, iterations))
            .Emit(MovImm(X21, Data))
            .Label("loop")
            .Emit(Add(X0, X0, X1))
            .Emit(Eor(X2, X2, X0, ShiftType.LSL, 1))
            .Emit(Str(X2, Post(X21, 8)))
            .Emit(Ldr(X3, Mem(X21, -8)))
            .Emit(Add(X4, X4, X3))
            .Emit(SubImm(X1, X1, 1))
            .Emit("loop", off => Cbnz(X1, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.RunToEnd();
        Assert.Equal(iterations * (iterations + 1) / 2, pair.Translated.X(0));
        Assert.Equal(Data + 8 * iterations, pair.Translated.X(21));
        if (iterations >= 200)
            pair.AssertTranslated();
        if (iterations < GuestMachine.TestHotBlockEntries)
            Assert.Equal(0UL, pair.Translated.Core.BlocksTranslated); // the loop head was entered too few times
    }
}
