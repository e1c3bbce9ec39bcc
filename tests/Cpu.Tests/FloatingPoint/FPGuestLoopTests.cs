using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.FloatingPoint;

/// <summary>
/// A loop of scalar FP instructions run 300 times, interpreted and as translated blocks: both must
/// agree with each other and end with the registers and FPSR that qemu-system-aarch64
/// (cortex-a57) printed for the same program (FPCR.FZ set).
/// </summary>
public sealed class FPGuestLoopTests
{
    private static readonly uint[] Program =
    [
            0xD2A0_0600, // mov x0, #0x300000
            0xD518_1040, // msr cpacr_el1, x0
            0xD503_3FDF, // isb
            0xD2A0_2000, // mov x0, #0x1000000
            0xD51B_4400, // msr fpcr, x0
            0x1E6E_1000, // fmov d0, #1.000000000000000000e+00
            0x1E6C_1001, // fmov d1, #5.000000000000000000e-01
            0x1E21_1002, // fmov s2, #3.000000000000000000e+00
            0xD280_2585, // mov x5, #0x12c
            0x1F41_0400, // fmadd d0, d0, d1, d1
            0x1E61_1803, // fdiv d3, d0, d1
            0x1E61_C064, // fsqrt d4, d3
            0x1E22_0842, // fmul s2, s2, s2
            0x1E62_4085, // fcvt s5, d4
            0x1E18_B0A6, // fcvtzs w6, s5, #20
            0x1E42_B0C7, // scvtf d7, w6, #20
            0x1E64_20E0, // fcmp d7, d4
            0x1E64_CCE8, // fcsel d8, d7, d4, gt
            0x1E60_1513, // fccmpe d8, d0, #0x3, ne
            0x1E67_4069, // frintx d9, d3
            0x1F61_812B, // fnmsub d11, d9, d1, d0
            0x1E63_C16C, // fcvt h12, d11
            0x1EE2_C18D, // fcvt d13, h12
            0x9E66_01A7, // fmov x7, d13
            0x8B07_0108, // add x8, x8, x7
            0x9EAF_010A, // fmov v10.d[1], x8
            0x1E26_0049, // fmov w9, s2
            0xD53B_420A, // mrs x10, nzcv
            0x8B0A_016B, // add x11, x11, x10
            0x9E23_016E, // ucvtf s14, x11
            0x1E22_69CF, // fmaxnm s15, s14, s2
            0x1E6D_7A10, // fminnm d16, d16, d13
            0x9E65_006C, // fcvtau x12, d3
            0x1E30_01CD, // fcvtms w13, s14
            0xF100_04A5, // subs x5, x5, #0x1
            0x54FF_FCC1, // b.ne 24 <.text+0x24>  // b.any
            0xD400_0002, // hvc #0x0
    ];

    [Fact]
    public void FpLoop_InterpretedAndTranslated_MatchQemu()
    {
        var pair = BlockEquivalence.Plain(Program);
        pair.RunToEnd();
        pair.AssertTranslated();
        pair.AssertSame("at the end");
        foreach (GuestMachine m in pair.Both)
        {
            Assert.Equal(0x15u, m.Core.Fpsr);
            foreach ((int n, ulong value) in new[] { (6, 0x16A09EUL), (7, 0x0UL), (8, 0x0UL), (9, 0x7F800000UL), (10, 0x20000000UL), (11, 0x2580000000UL), (12, 0x2UL), (13, 0x7FFFFFFFUL) })
                Assert.True(m.X(n) == value, $"X{n} = 0x{m.X(n):x}, QEMU 0x{value:x}");
            foreach ((uint n, ulong value) in new (uint, ulong)[]
            {
            (0, 0x3FF0000000000000UL),
            (1, 0x3FE0000000000000UL),
            (2, 0x7F800000UL),
            (3, 0x4000000000000000UL),
            (4, 0x3FF6A09E667F3BCDUL),
            (5, 0x3FB504F3UL),
            (6, 0x0UL),
            (7, 0x3FF6A09E00000000UL),
            (8, 0x3FF6A09E667F3BCDUL),
            (9, 0x4000000000000000UL),
            (11, 0x0UL),
            (12, 0x0UL),
            (13, 0x0UL),
            (14, 0x52160000UL),
            (15, 0x7F800000UL),
            (16, 0x0UL),
            })
            {
                Assert.True(m.Core.GetVLow(n) == value, $"D{n} = 0x{m.Core.GetVLow(n):x}, QEMU 0x{value:x}");
                Assert.True(m.Core.GetVHigh(n) == 0, $"V{n}[127:64] = 0x{m.Core.GetVHigh(n):x}");
            }
            Assert.Equal(0x0UL, m.Core.GetVLow(10));
            Assert.Equal(0x0UL, m.Core.GetVHigh(10));
        }
    }
}
