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
}
