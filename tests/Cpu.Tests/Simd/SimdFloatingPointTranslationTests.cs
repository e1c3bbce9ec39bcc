using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// The Advanced SIMD floating-point handlers inside translated blocks (called directly, their
/// constant word folded) compute what the interpreter computes: a hot loop over one instruction of
/// each group, V0-V31 and FPSR compared at the end with everything else BlockEquivalence compares.
/// </summary>
public sealed class SimdFloatingPointTranslationTests
{
    private static readonly uint[] Loop =
    [
        0xD2801904, // mov x4, #200
        0x4E21D400, // loop: fadd v0.4s, v0.4s, v1.4s
        0x4FC41862, // fmla v2.2d, v3.2d, v4.d[1]
        0x6E26D4A5, // faddp v5.4s, v5.4s, v6.4s
        0x6E30C907, // fmaxnmv s7, v8.4s
        0x6E219949, // frintx v9.4s, v10.4s
        0x4F3DFD8B, // fcvtzs v11.4s, v12.4s, #3
        0x4E6169CD, // fcvtn2 v13.4s, v14.2d
        0x0E617A0F, // fcvtl v15.2d, v16.2s
        0x4EA1D811, // frecpe v17.4s, v0.4s
        0x4EA1C8B2, // urecpe v18.4s, v5.4s
        0x4EA0C813, // fcmgt v19.4s, v0.4s, #0.0
        0x7EA1D414, // fabd s20, s0, s1
        0x7FC39055, // fmulx d21, d2, v3.d[0]
        0x7E70D856, // faddp d22, v2.2d
        0x7E616857, // fcvtxn s23, d2
        0x6E63FC58, // fdiv v24.2d, v2.2d, v3.2d
        0xF1000484, // subs x4, x4, #1
        0x54FFFDE1, // b.ne loop
        GuestMachine.EndMarker,
    ];

    [Fact]
    public void HotLoop_TranslatedMatchesTheInterpreter()
    {
        BlockEquivalence pair = BlockEquivalence.Plain(Loop);
        pair.ForBoth(m =>
        {
            FpSimd.EnableFp(m);
            m.Core.Fpcr = FpSimd.RoundPlus;
            for (uint r = 0; r < 32; r++)
                m.Core.SetV(r, 0x3F80_0000_BF00_0000UL + r * 0x0001_0203_0004_0506UL, 0x4000_0000_0000_0000UL - r * 0x0010_0000_0300_0000UL);
        });
        pair.RunToEnd();
        pair.AssertTranslated();
        for (uint r = 0; r < 32; r++)
        {
            Assert.Equal(pair.Interpreted.Core.GetVLow(r), pair.Translated.Core.GetVLow(r));
            Assert.Equal(pair.Interpreted.Core.GetVHigh(r), pair.Translated.Core.GetVHigh(r));
        }
        Assert.Equal(pair.Interpreted.Core.Fpsr, pair.Translated.Core.Fpsr);
        Assert.NotEqual(0u, pair.Interpreted.Core.Fpsr);
    }
}
