using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>What the host does between runs: new timing, a cache attached, translation toggled, code loaded; and blocks compiled in the background.</summary>
public sealed partial class BlockTranslationTests
{
    [Fact]
    public void Timing_profile_changed_between_runs_applies_to_translated_blocks()
    {
        // Blocks carry their instructions' costs: a new profile must not leave old costs behind.
        var pair = BlockEquivalence.Plain(MixedLoop(600));
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(15_000));
        pair.AssertTranslated();
        pair.AssertSame("before the new profile");
        ulong before = pair.Translated.Core.BlocksTranslated;
        pair.ForBoth(m => m.Core.ConfigureTiming(CachePresets.CortexA53.Core));
        pair.RunToEnd();
        Assert.True(pair.Translated.Core.BlocksTranslated > before, "no block was translated again with the new profile");
    }

    [Fact]
    public void Cache_hierarchy_attached_between_runs_applies_to_translated_blocks()
    {
        // Blocks gathered up to page ends must not outlive the switch to L1I-line fetches.
        var pair = BlockEquivalence.WithMmu(MixedLoop(600), cache: null);
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(15_000));
        pair.AssertTranslated();
        ulong before = pair.Translated.Core.BlocksTranslated;
        pair.AttachCaches(CachePresets.CortexA72);
        pair.RunToEnd();
        Assert.True(pair.Translated.Core.BlocksTranslated > before, "no block was translated again with the cache model");
        Assert.True(pair.TranslatedCache!.L1I(0).Statistics.Misses > 0);
    }

    [Fact]
    public void Translation_switched_off_and_on_between_runs_matches_the_interpreter()
    {
        var pair = BlockEquivalence.Plain(MixedLoop(900));
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(15_001));
        pair.Translated.Core.BlockTranslation = false;
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(10_003));
        pair.AssertSame("with translation off");
        pair.Translated.Core.BlockTranslation = true;
        pair.RunToEnd();
        pair.AssertTranslated();
        AssertMixedLoopFinished(pair, 900);
    }

    [Fact]
    public void Code_rewritten_by_the_host_between_runs_is_run_as_rewritten()
    {
        // A loader-style write to RAM into the middle of a translated block, and to its head.
        const ulong iterations = 2000; // six instructions a pass
        var c = new CodeBuilder()
            .Emit(MovImm(X20, iterations))
            .Label("loop")
            .Label("head")
            .Emit(AddImm(X4, X4, 1))
            .Emit(Add(X1, X1, X20))
            .Label("patch")
            .Emit(AddImm(X3, X3, 1))
            .Emit(Eor(X2, X2, X1))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(6 * 300 + 2));
        pair.AssertTranslated();
        pair.ForBoth(m => m.Write32(GuestMachine.CodeBase + (ulong)c.LabelOffset("patch"), AddImm(X3, X3, 100)));
        Assert.Equal(CpuExit.BudgetExhausted, pair.Run(6 * 100));
        pair.AssertSame("after the first patch");
        pair.ForBoth(m => m.Write32(GuestMachine.CodeBase + (ulong)c.LabelOffset("head"), AddImm(X4, X4, 7)));
        pair.RunToEnd();
        Assert.True(pair.Translated.Core.BlocksInvalidated > 0, "no translated block met the host's write");
        Assert.True(pair.Translated.X(3) > iterations + 99 * 1500, $"X3 = {pair.Translated.X(3)}: the patch did not run");
        Assert.True(pair.Translated.X(4) > iterations + 6 * 1500, $"X4 = {pair.Translated.X(4)}: the patched head did not run");
    }

    /// <summary>
    /// A hypervisor's MMIO emulation in a hot loop: with stage 2 on, a load and a store to an
    /// unmapped IPA leave each pass with <see cref="CpuExit.Stage2Abort"/> from the middle of the
    /// block; the host completes the access (CompleteEmulatedDeviceAccess) and runs on.
    /// </summary>
    [Fact]
    public void Stage2_aborts_emulated_by_the_host_in_a_hot_loop_match_the_interpreter()
    {
        const ulong device = 0x0900_0000, iterations = 300;
        var c = new CodeBuilder()
            .Emit(MovImm(X20, iterations))
            .Emit(MovImm(X10, device))
            .Emit(MovImm(X21, Data))
            .Label("loop")
            .Emit(Add(X1, X1, X20))
            .Emit(Str(X1, Mem(X21)))
            .Emit(Ldr(W2, Mem(X10)))                 // stage-2 abort: the host supplies W2
            .Emit(Add(X3, X3, X2))
            .Emit(Str(W3, Mem(X10, 4)))              // stage-2 abort: the host takes W3
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.ForBoth(m =>
        {
            // One level-1 table (VTCR: T0SZ 25, SL0 1, 4K granule, PS 40 bits): IPA 1 GiB..2 GiB
            // (the RAM) is a Normal WB read-write block; IPA 0..1 GiB (the device) is unmapped.
            const ulong tables = 0x1_0000_0000;
            var memory = new Emulator.Mmu.Physical.Ram(tables, 0x1_0000);
            Span<byte> descriptor = stackalloc byte[8];
            global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(descriptor,
                0x4000_0000UL | 0xFUL << 2 | 3UL << 6 | 3UL << 8 | 1UL << 10 | 0b01);
            memory.Write(tables + 8, descriptor);
            m.Core.Stage2TableMemory = memory;
            m.Core.WriteStage2Base(25UL | 1UL << 6 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 2UL << 16, tables | 1UL << 48);
            m.Core.WriteHcr(1); // VM
        });
        var stores = new List<ulong>[] { [], [] };
        int exits = 0;
        while (true)
        {
            CpuExit exit = pair.Run();
            pair.AssertSame($"at exit {exits} ({exit})", memory: exits % 64 == 0);
            if (exit != CpuExit.Stage2Abort)
            {
                Assert.Equal(CpuExit.HypervisorCall, exit);
                break;
            }
            exits++;
            int side = 0;
            foreach (GuestMachine m in pair.Both)
            {
                ArmCore core = m.Core;
                ulong esr = core.El2.ESR_EL2;
                Assert.Equal(0x24UL, esr >> 26);            // data abort from a lower EL
                Assert.NotEqual(0UL, esr & 1u << 24);       // ISV: the syndrome describes the access
                int srt = (int)(esr >> 16) & 31;
                if ((esr & 1u << 6) != 0)
                    stores[side].Add(core.X[srt]);
                else
                    core.X[srt] = (uint)(core.Instructions * 3 + 1); // the device's value, from guest-visible state
                core.CompleteEmulatedDeviceAccess();
                side++;
            }
            Assert.True(exits <= 2 * (int)iterations, "more stage-2 exits than accesses");
        }
        pair.AssertSame("at the end");
        pair.AssertTranslated();
        Assert.Equal(2 * (int)iterations, exits);
        Assert.Equal(stores[0], stores[1]);
    }

    /// <summary>
    /// With blocks compiled on a host thread (the default), when a block starts to run depends on
    /// the host; the guest's results must not. Runs in slices until blocks have been installed and
    /// then some more, comparing after every slice.
    /// </summary>
    [Fact]
    public void Background_translation_matches_the_interpreter_whenever_blocks_arrive()
    {
        var pair = BlockEquivalence.Plain(MixedLoop(100_000_000));
        pair.Translated.Core.BackgroundTranslation = true;
        int after = 0;
        for (int run = 0; after < 200; run++)
        {
            Assert.Equal(CpuExit.BudgetExhausted, pair.Run(10_007));
            pair.AssertSame($"after run {run}", memory: run % 64 == 0);
            if (pair.Translated.Core.BlocksTranslated > 0)
                after++;
            Assert.True(run < 50_000, "no block arrived from the background translator");
        }
        pair.AssertSame("at the end");
    }
}
