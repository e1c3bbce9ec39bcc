using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>SIMD&amp;FP loads and stores in a hot loop run as translated blocks give the interpreter's results.</summary>
public sealed class LoadStoreTranslationTests
{
    [Fact]
    public void HotLoop_MatchesTheInterpreter()
    {
        var pair = BlockEquivalence.Plain(
        [
            0x4CDF_2020, // ld1 {v0.16b-v3.16b}, [x1], #64
            0x4C9F_0840, // st4 {v0.4s-v3.4s}, [x2], #64
            0x4D40_C424, // ld1r {v4.8h}, [x1]
            0x0DE4_9025, // ld2 {v5.s, v6.s}[1], [x1], x4
            0x3DC0_0427, // ldr q7, [x1, #16]
            0xAC81_1C44, // stp q4, q7, [x2], #32
            0xFC00_8445, // str d5, [x2], #8
            0x2D7F_2428, // ldp s8, s9, [x1, #-8]
            0x0D9F_8048, // st1 {v8.s}[0], [x2], #4
            0x0D9F_8049, // st1 {v9.s}[0], [x2], #4
            0xF100_0463, // subs x3, x3, #1
            0x54FF_FEA1, // b.ne (the first instruction)
            GuestMachine.EndMarker,
        ]);
        byte[] pattern = new byte[PatternLength];
        for (int k = 0; k < pattern.Length; k++)
            pattern[k] = Pattern((ulong)k);
        pair.ForBoth(m =>
        {
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            m.WriteBytes(Data, pattern);
            m.Core.X[1] = Data;
            m.Core.X[2] = Data + 0x8000;
            m.Core.X[3] = 400;
            m.Core.X[4] = 16;
        });
        pair.RunToEnd();
        pair.AssertTranslated();
        for (uint n = 0; n < 32; n++)
        {
            Assert.Equal(pair.Interpreted.Core.GetVLow(n), pair.Translated.Core.GetVLow(n));
            Assert.Equal(pair.Interpreted.Core.GetVHigh(n), pair.Translated.Core.GetVHigh(n));
        }
        Assert.Equal(Data + 400 * 80, pair.Translated.X(1));
        Assert.Equal(Data + 0x8000 + 400 * 112, pair.Translated.X(2));
        // The last iteration's LD1 read the pattern at 399 * 80.
        AssertVPattern(pair.Translated, 0, 399 * 80, 16);
    }
    /// <summary>
    /// LD1-LD4/ST1-ST4 (multiple structures) of whole registers, which blocks do on the fast path
    /// (StructureLoadStore.TryMultiple) when the transfer lies in one page: .2D de-interleaving
    /// and interleaving, LD1/ST1 of 3 and 4 registers, 64-bit registers, post-index by immediate
    /// and by register; the 144-byte stride makes some transfers cross a page (the full handler).
    /// Registers, memory and counts as the interpreter's.
    /// </summary>
    [Fact]
    public void StructureMultiple_HotLoop_MatchesTheInterpreter()
    {
        var pair = BlockEquivalence.Plain(
        [
            0x4CDF_8C20, // ld2 {v0.2d, v1.2d}, [x1], #32
            0x4CDF_2C22, // ld1 {v2.2d-v5.2d}, [x1], #64
            0x4CC4_4C26, // ld3 {v6.2d-v8.2d}, [x1], x4
            0x4C40_0C29, // ld4 {v9.2d-v12.2d}, [x1]
            0x0C40_602D, // ld1 {v13.8b-v15.8b}, [x1]
            0x4C9F_8C40, // st2 {v0.2d, v1.2d}, [x2], #32
            0x4C9F_4C46, // st3 {v6.2d-v8.2d}, [x2], #48
            0x4C9F_0C49, // st4 {v9.2d-v12.2d}, [x2], #64
            0x0C9F_6C4D, // st1 {v13.1d-v15.1d}, [x2], #24
            0x4C9F_A042, // st1 {v2.16b, v3.16b}, [x2], #32
            0xF100_0463, // subs x3, x3, #1
            0x54FF_FEA1, // b.ne (the first instruction)
            GuestMachine.EndMarker,
        ]);
        byte[] pattern = new byte[PatternLength];
        for (int k = 0; k < pattern.Length; k++)
            pattern[k] = Pattern((ulong)k);
        pair.ForBoth(m =>
        {
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            m.WriteBytes(Data, pattern);
            m.Core.X[1] = Data;
            m.Core.X[2] = Data + 0x8000;
            m.Core.X[3] = 200;
            m.Core.X[4] = 48;
        });
        pair.RunToEnd();
        pair.AssertTranslated();
        pair.AssertSame("after the loop");
        Assert.Equal(Data + 200 * 144, pair.Translated.X(1));
        Assert.Equal(Data + 0x8000 + 200 * 200, pair.Translated.X(2));
        // The last iteration's LD2 read the pattern at 199 * 144: V0 holds its elements 0 and 2.
        Assert.Equal(PatternValue(199 * 144, 8), pair.Translated.Core.GetVLow(0));
        Assert.Equal(PatternValue(199 * 144 + 16, 8), pair.Translated.Core.GetVHigh(0));
        Assert.Equal(PatternValue(199 * 144 + 8, 8), pair.Translated.Core.GetVLow(1));
        // Its ST2 wrote them back interleaved as they were read.
        Assert.Equal(PatternValue(199 * 144 + 8, 8), pair.Translated.Read64(Data + 0x8000 + 199 * 200 + 8));
    }
    /// <summary>
    /// LD2/ST2 (.2D) based on SP in a hot block with SCTLR_EL1.SA set: SP is 16-byte aligned on
    /// every pass but the last, where it is moved by 8 first. The fast path must leave that pass
    /// to the full handler, which takes the SP alignment fault (EC 0x26) at the LD2 itself.
    /// </summary>
    [Fact]
    public void StructureMultiple_SpAlignmentFault_InAHotBlock_IsTakenAtTheAccess()
    {
        var pair = BlockEquivalence.Plain(
        [
            0xD538_1002, // mrs x2, sctlr_el1
            0xB27D_0042, // orr x2, x2, #8 (SA)
            0xD518_1002, // msr sctlr_el1, x2
            0xD503_3FDF, // isb
            0x9100_007F, // mov sp, x3
            0xD280_2594, // mov x20, #300
            0xD100_0687, // loop: sub x7, x20, #1
            0xB500_0047, // cbnz x7, aligned
            0x9100_23FF, // add sp, sp, #8
            0x4C40_8FE0, // aligned: ld2 {v0.2d, v1.2d}, [sp]
            0x4C00_8FE0, // st2 {v0.2d, v1.2d}, [sp]
            0xD100_0694, // sub x20, x20, #1
            0xB5FF_FF54, // cbnz x20, loop
            GuestMachine.EndMarker,
        ]);
        pair.ForBoth(m =>
        {
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            m.Core.X[3] = Data + 0x800;
            m.InstallHvcVectors();
        });
        pair.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        pair.AssertTranslated();
        Assert.Equal(GuestMachine.CodeBase + 9 * 4, pair.Translated.Elr);
        Assert.Equal(0x26u, pair.Translated.ExceptionClass);
        Assert.Equal(1UL, pair.Translated.X(20));
        pair.AssertSame("at the fault");
    }
}
