using static Emulator.Cpu.Tests.Simd.SimdMiscMachine;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// The integer two-register miscellaneous instructions with values worked out from the Arm ARM
/// pseudocode (aarch64/instrs/vector/arithmetic/unary/...); saturation sets FPSR.QC (bit 27), which
/// is cumulative: an instruction that does not saturate leaves FPSR alone.
/// </summary>
public sealed class SimdMiscTests
{
    private const uint Qc = 1u << 27;
    private const ulong Ones = ulong.MaxValue;

    [Fact]
    public void Cnt_CountsTheBitsOfEachByte()
    {
        // Bytes 34 12 70 80 01 0F 00 FF: 3 2 3 1 1 4 0 8.
        var m = Run(0x4E20_5820, c => c.SetV(1, 0xFF00_0F01_8070_1234, 0)); // cnt v0.16b, v1.16b
        Assert.Equal((0UL, 0x0800_0401_0103_0203UL), V(m, 0));
    }

    [Fact]
    public void ClsClz_CountLeadingSignAndZeroBits()
    {
        // Halfwords 0000 FFFF 0001 8000 | 4000 C000 00FF FF00: CLS 15 15 14 0 | 0 1 7 7.
        var cls = Run(0x4E60_4820, c => c.SetV(1, 0x8000_0001_FFFF_0000, 0xFF00_00FF_C000_4000)); // cls v0.8h, v1.8h
        Assert.Equal((0x0007_0007_0001_0000UL, 0x0000_000E_000F_000FUL), V(cls, 0));
        // Words 0, 1, 80000000, 00010000: CLZ 32 31 0 15.
        var clz = Run(0x6EA0_4820, c => c.SetV(1, 0x0000_0001_0000_0000, 0x0001_0000_8000_0000)); // clz v0.4s, v1.4s
        Assert.Equal((0x0000_000F_0000_0000UL, 0x0000_001F_0000_0020UL), V(clz, 0));
    }

    [Fact]
    public void RbitNot()
    {
        var rbit = Run(0x2E60_5820, c => { c.SetV(1, 0x0000_0000_00F0_1201, Ones); c.SetV(0, Ones, Ones); }); // rbit v0.8b, v1.8b
        Assert.Equal((0UL, 0x0000_0000_000F_4880UL), V(rbit, 0));
        var not = Run(0x6E20_5820, c => c.SetV(1, 0x00FF_1234_0000_0001, Ones)); // not v0.16b, v1.16b
        Assert.Equal((0UL, 0xFF00_EDCB_FFFF_FFFEUL), V(not, 0));
    }

    [Fact]
    public void Rev_ReversesElementsWithinContainers()
    {
        Assert.Equal((0x0E0F_0C0D_0A0B_0809UL, 0x0607_0405_0203_0001UL), V(Run(0x4E20_1820, c => c.SetV(1, 0x0706_0504_0302_0100, 0x0F0E_0D0C_0B0A_0908)), 0)); // rev16 v0.16b
        Assert.Equal((0x0D0C_0F0E_0908_0B0AUL, 0x0504_0706_0100_0302UL), V(Run(0x6E60_0820, c => c.SetV(1, 0x0706_0504_0302_0100, 0x0F0E_0D0C_0B0A_0908)), 0)); // rev32 v0.8h
        Assert.Equal((0x0B0A_0908_0F0E_0D0CUL, 0x0302_0100_0706_0504UL), V(Run(0x4EA0_0820, c => c.SetV(1, 0x0706_0504_0302_0100, 0x0F0E_0D0C_0B0A_0908)), 0)); // rev64 v0.4s
    }

    [Fact]
    public void PairwiseAddLong_AndAccumulate()
    {
        // Halfwords 8000 8000 7FFF 0001 | FFFF FFFF 0000 0000 -> words -65536, 32768, -2, 0.
        var saddlp = Run(0x4E60_2820, c => c.SetV(1, 0x0001_7FFF_8000_8000, 0x0000_0000_FFFF_FFFF)); // saddlp v0.4s, v1.8h
        Assert.Equal((0x0000_0000_FFFF_FFFEUL, 0x0000_8000_FFFF_0000UL), V(saddlp, 0));
        var uadalp = Run(0x6EA0_6820, c => { c.SetV(0, 1, 2); c.SetV(1, Ones, 0x0000_0002_0000_0001); }); // uadalp v0.2d, v1.4s
        Assert.Equal((5UL, 0x1_FFFF_FFFFUL), V(uadalp, 0));
    }

    [Fact]
    public void SaturatingAccumulate_SaturatesAndSetsQc()
    {
        // SUQADD: Vd (signed) + Vn (unsigned): 0x7F + 1 saturates to 0x7F; 0x80 + 0xFF = 0x7F exactly (no saturation).
        var suqadd = Run(0x4E20_3820, c => { c.SetV(0, 0x807F, 0); c.SetV(1, 0xFF01, 0); }); // suqadd v0.16b, v1.16b
        Assert.Equal((0UL, 0x7F7FUL), V(suqadd, 0));
        Assert.Equal(Qc, suqadd.Core.Fpsr);
        // USQADD: Vd (unsigned) 5 + Vn (signed) -6 saturates to 0.
        var usqadd = Run(0x7E20_3820, c => { c.SetV(0, 0x05, Ones); c.SetV(1, 0xFA, 0); }); // usqadd b0, b1
        Assert.Equal((0UL, 0UL), V(usqadd, 0));
        Assert.Equal(Qc, usqadd.Core.Fpsr);
        // SUQADD d: -1 + 0xFFFF_FFFF_FFFF_FFFF = 2^64 - 2 saturates to INT64_MAX.
        var d = Run(0x5EE0_3820, c => { c.SetV(0, Ones, 0); c.SetV(1, Ones, 0); }); // suqadd d0, d1
        Assert.Equal((0UL, 0x7FFF_FFFF_FFFF_FFFFUL), V(d, 0));
        Assert.Equal(Qc, d.Core.Fpsr);
    }

    [Fact]
    public void SaturatingAbsNeg_OnlyTheMostNegativeValueSaturates()
    {
        var sqabs = Run(0x5EE0_7820, c => c.SetV(1, 0x8000_0000_0000_0000, 0)); // sqabs d0, d1
        Assert.Equal((0UL, 0x7FFF_FFFF_FFFF_FFFFUL), V(sqabs, 0));
        Assert.Equal(Qc, sqabs.Core.Fpsr);
        var sqneg = Run(0x7E20_7820, c => c.SetV(1, 0x80, 0)); // sqneg b0, b1
        Assert.Equal((0UL, 0x7FUL), V(sqneg, 0));
        Assert.Equal(Qc, sqneg.Core.Fpsr);
        var fine = Run(0x4E60_7820, c => { c.SetV(1, 0x8001_7FFF_FFFF_0001, 0); c.Fpsr = 0x10; }); // sqabs v0.8h, v1.8h
        Assert.Equal((0UL, 0x7FFF_7FFF_0001_0001UL), V(fine, 0));
        Assert.Equal(0x10u, fine.Core.Fpsr);
    }

    [Fact]
    public void AbsNeg_WrapWithoutSaturation()
    {
        var abs = Run(0x4EE0_B820, c => c.SetV(1, 0x8000_0000_0000_0000, Ones)); // abs v0.2d, v1.2d
        Assert.Equal((1UL, 0x8000_0000_0000_0000UL), V(abs, 0));
        Assert.Equal(0u, abs.Core.Fpsr);
        var neg = Run(0x7EE0_B820, c => { c.SetV(1, 5, Ones); c.SetV(0, Ones, Ones); }); // neg d0, d1
        Assert.Equal((0UL, 0xFFFF_FFFF_FFFF_FFFBUL), V(neg, 0));
    }

    [Fact]
    public void CompareWithZero()
    {
        // Words 0, 1, -1, 80000000.
        static void Set(Core.ArmCore c) => c.SetV(1, 0x0000_0001_0000_0000, 0x8000_0000_FFFF_FFFF);
        Assert.Equal((0UL, 0xFFFF_FFFF_0000_0000UL), V(Run(0x4EA0_8820, Set), 0)); // cmgt #0: 0 F 0 0
        Assert.Equal((0UL, Ones), V(Run(0x6EA0_8820, Set), 0)); // cmge #0: F F 0 0
        Assert.Equal((0UL, 0x0000_0000_FFFF_FFFFUL), V(Run(0x4EA0_9820, Set), 0)); // cmeq #0: F 0 0 0
        Assert.Equal((Ones, 0x0000_0000_FFFF_FFFFUL), V(Run(0x6EA0_9820, Set), 0)); // cmle #0: F 0 F F
        Assert.Equal((Ones, 0UL), V(Run(0x4EA0_A820, Set), 0)); // cmlt #0: 0 0 F F
        Assert.Equal((0UL, Ones), V(Run(0x5EE0_A820, c => c.SetV(1, 0x8000_0000_0000_0000, 0)), 0)); // cmlt d0, d1, #0
    }

    [Fact]
    public void Xtn_TruncatesAndXtn2KeepsTheLowHalf()
    {
        var xtn = Run(0x0E21_2820, c => { c.SetV(1, 0x0403_0201_FF80_7F00, 0x0807_0605_1234_ABCD); c.SetV(0, Ones, Ones); }); // xtn v0.8b, v1.8h
        Assert.Equal((0UL, 0x0705_34CD_0301_8000UL), V(xtn, 0));
        var xtn2 = Run(0x4E21_2820, c => { c.SetV(1, 0x0403_0201_FF80_7F00, 0x0807_0605_1234_ABCD); c.SetV(0, 0x1122_3344_5566_7788, Ones); }); // xtn2 v0.16b, v1.8h
        Assert.Equal((0x0705_34CD_0301_8000UL, 0x1122_3344_5566_7788UL), V(xtn2, 0));
    }

    [Fact]
    public void SaturatingNarrow_SetsQcOnlyWhenAnElementSaturates()
    {
        // Words 00007FFF, FFFF8000, 00008000, FFFF7FFF -> SQXTN halfwords 7FFF, 8000, 7FFF (sat), 8000 (sat).
        var sqxtn = Run(0x0E61_4820, c => c.SetV(1, 0xFFFF_8000_0000_7FFF, 0xFFFF_7FFF_0000_8000)); // sqxtn v0.4h, v1.4s
        Assert.Equal((0UL, 0x8000_7FFF_8000_7FFFUL), V(sqxtn, 0));
        Assert.Equal(Qc, sqxtn.Core.Fpsr);
        var inRange = Run(0x0E61_4820, c => c.SetV(1, 0xFFFF_8000_0000_7FFF, 0x0000_0001_FFFF_FFFF));
        Assert.Equal((0UL, 0x0001_FFFF_8000_7FFFUL), V(inRange, 0));
        Assert.Equal(0u, inRange.Core.Fpsr);
        // SQXTN2 writes the upper half and keeps the lower.
        var sqxtn2 = Run(0x4E61_4820, c => { c.SetV(1, 0xFFFF_8000_0000_7FFF, 0xFFFF_7FFF_0000_8000); c.SetV(0, 0x1234, Ones); }); // sqxtn2 v0.8h, v1.4s
        Assert.Equal((0x8000_7FFF_8000_7FFFUL, 0x1234UL), V(sqxtn2, 0));
        // UQXTN: 1_0000_0000 saturates to FFFFFFFF. SQXTUN: negative -> 0, over 255 -> FF.
        var uqxtn = Run(0x2EA1_4820, c => c.SetV(1, 0x1_0000_0000, 0xFFFF_FFFF)); // uqxtn v0.2s, v1.2d
        Assert.Equal((0UL, 0xFFFF_FFFF_FFFF_FFFFUL), V(uqxtn, 0));
        Assert.Equal(Qc, uqxtn.Core.Fpsr);
        var sqxtun = Run(0x2E21_2820, c => c.SetV(1, 0x0080_0100_FFFF_007F, 0)); // sqxtun v0.8b, v1.8h
        Assert.Equal((0UL, 0x0000_0000_80FF_007FUL), V(sqxtun, 0));
        Assert.Equal(Qc, sqxtun.Core.Fpsr);
    }

    [Fact]
    public void ScalarSaturatingNarrow()
    {
        var sqxtn = Run(0x5E61_4820, c => { c.SetV(1, 0xFFFE_0000, Ones); c.SetV(0, Ones, Ones); }); // sqxtn h0, s1: -131072 -> 8000
        Assert.Equal((0UL, 0x8000UL), V(sqxtn, 0));
        Assert.Equal(Qc, sqxtn.Core.Fpsr);
        var uqxtn = Run(0x7E21_4820, c => c.SetV(1, 0x00FF, 0)); // uqxtn b0, h1: in range
        Assert.Equal((0UL, 0xFFUL), V(uqxtn, 0));
        Assert.Equal(0u, uqxtn.Core.Fpsr);
        var sqxtun = Run(0x7EA1_2820, c => c.SetV(1, 0x8000_0000_0000_0000, 0)); // sqxtun s0, d1: negative -> 0
        Assert.Equal((0UL, 0UL), V(sqxtun, 0));
        Assert.Equal(Qc, sqxtun.Core.Fpsr);
    }

    [Fact]
    public void Shll_WidensAndShiftsByTheElementSize()
    {
        var shll = Run(0x2E61_3820, c => c.SetV(1, 0x8000_0001_FFFF_1234, Ones)); // shll v0.4s, v1.4h, #16
        Assert.Equal((0x8000_0000_0001_0000UL, 0xFFFF_0000_1234_0000UL), V(shll, 0));
        var shll2 = Run(0x6EA1_3820, c => c.SetV(1, Ones, 0x8000_0000_1111_1111)); // shll2 v0.2d, v1.4s, #32
        Assert.Equal((0x8000_0000_0000_0000UL, 0x1111_1111_0000_0000UL), V(shll2, 0));
    }
}
