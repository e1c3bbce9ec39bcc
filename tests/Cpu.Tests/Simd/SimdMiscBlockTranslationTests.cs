using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// A hot loop of copy, permute, table, immediate, across-lanes, two-register miscellaneous and
/// bitwise instructions runs the same interpreted and as translated blocks: every observable the
/// block comparison checks, and V0-V31, FPSR on top.
/// </summary>
public sealed class SimdMiscBlockTranslationTests
{
    private static readonly uint[] Loop =
    [
        0x6E21_1C00, // eor v0.16b, v0.16b, v1.16b
        0x4E20_0801, // rev64 v1.16b, v0.16b
        0x6E01_1802, // ext v2.16b, v0.16b, v1.16b, #3
        0x4E02_2003, // tbl v3.16b, {v0.16b, v1.16b}, v2.16b
        0x4E03_33C4, // tbx v4.16b, {v30.16b, v31.16b}, v3.16b
        0x4E42_3885, // zip1 v5.8h, v4.8h, v2.8h
        0x4E80_58A6, // uzp2 v6.4s, v5.4s, v0.4s
        0x4EC1_28C7, // trn1 v7.2d, v6.2d, v1.2d
        0x4E0E_04E8, // dup v8.8h, v7.h[3]
        0x4E0C_1D28, // mov v8.s[1], w9
        0x0E0B_3D0A, // umov w10, v8.b[5]
        0x4E1A_2CEB, // smov x11, v7.h[6]
        0x8B0A_018C, // add x12, x12, x10
        0xCA0B_018C, // eor x12, x12, x11
        0x4E31_B8E9, // addv b9, v7.16b
        0x4E70_38EA, // saddlv s10, v7.8h
        0x6E70_A8CB, // umaxv h11, v6.8h
        0x4E20_58EC, // cnt v12.16b, v7.16b
        0x4EA0_48CD, // cls v13.4s, v6.4s
        0x0E21_48CE, // sqxtn v14.8b, v6.8h
        0x6E21_28AE, // sqxtun2 v14.16b, v5.8h
        0x4EA0_38CF, // suqadd v15.4s, v6.4s
        0x4E60_7870, // sqabs v16.8h, v3.8h
        0x6EA0_8871, // cmge v17.4s, v3.4s, #0
        0x6E62_1C31, // bsl v17.16b, v1.16b, v2.16b
        0x4F00_C652, // movi v18.4s, #0x12, msl #8
        0x4F02_7412, // orr v18.4s, #0x40, lsl #24
        0x6E61_38D3, // shll2 v19.4s, v6.8h, #16
        0x4EA0_68D4, // sadalp v20.2d, v6.4s
        0x0E21_2A95, // xtn v21.8b, v20.8h
        0x5E18_0696, // mov d22, v20.d[1]
        0x4EA5_1CBF, // mov v31.16b, v5.16b
        0x6E2C_1FDE, // eor v30.16b, v30.16b, v12.16b
        0x6E18_0601, // mov v1.d[1], v16.d[0]
        0xF100_0529, // subs x9, x9, #1
        0x54FF_FBA1, // b.ne <the eor at the top>
        0xD400_0002, // hvc #0
    ];

    /// <summary>V registers that differ from seed 1's after 300 iterations on qemu-system-aarch64 (cortex-a57), which also left X10 = X11 = 0, X12 = 0xBFFF8080_80400132 and FPSR = QC.</summary>
    private static readonly (uint Reg, ulong Hi, ulong Lo)[] QemuFinalV =
    [
        (0, 0x1000C02B_D388FF6A, 0x00000000_00000000),
        (1, 0x00000000_00000000, 0x00000000_00000000),
        (2, 0x00000010_00C02BD3, 0x88FF6A00_00000000),
        (3, 0x00000000_00000000, 0x00000000_00000000),
        (4, 0x7D7D7D7D_7D7D7D7D, 0x7D7D7D7D_7D7D7D7D),
        (5, 0x88FF7D7D_6A007D7D, 0x00007D7D_00007D7D),
        (6, 0x1000C02B_00000000, 0x88FF7D7D_00007D7D),
        (7, 0x00000000_00000000, 0x88FF7D7D_00007D7D),
        (8, 0x88FF88FF_88FF88FF, 0x00000001_88FF88FF),
        (9, 0x00000000_00000000, 0x00000000_0000007B),
        (10, 0x00000000_00000000, 0x00000000_000083F9),
        (11, 0x00000000_00000000, 0x00000000_0000C02B),
        (12, 0x00000000_00000000, 0x02080606_00000606),
        (13, 0x00000002_0000001F, 0x00000000_00000010),
        (14, 0x00FFFFFF_00FF00FF, 0x7F800000_807F007F),
        (15, 0x7FFFFFFF_C24980B2, 0x7FFFFFFF_7FFFFFFF),
        (16, 0x00000000_00000000, 0x00000000_00000000),
        (17, 0x6AFF88D3_2BC00010, 0x00000000_00000000),
        (18, 0x400012FF_400012FF, 0x400012FF_400012FF),
        (19, 0x10000000_C02B0000, 0x00000000_00000000),
        (20, 0x81001711_855EC456, 0xFE807FB6_0B2E08AA),
        (21, 0x00000000_00000000, 0x00115E56_80B62EAA),
        (22, 0x00000000_00000000, 0x81001711_855EC456),
        (30, 0xFF858F05_81F8F0CE, 0x01E50281_EF86417B),
        (31, 0x88FF7D7D_6A007D7D, 0x00007D7D_00007D7D),
    ];

    [Fact]
    public void HotLoop_RunsTheSameTranslated_AndEndsAsOnQemu()
    {
        var pair = BlockEquivalence.Plain(Loop);
        var (v, x) = SimdMiscMachine.Initial(1);
        pair.ForBoth(m =>
        {
            m.InstallHvcVectors();
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            for (uint i = 0; i < 32; i++)
                m.Core.SetV(i, v[i].Lo, v[i].Hi);
            for (int i = 0; i < 31; i++)
                m.Core.X[i] = x[i];
            m.Core.X[9] = 300;
        });
        pair.RunToEnd();
        pair.AssertTranslated();
        AssertSameVectorState(pair);
        var expected = new (ulong Lo, ulong Hi)[32];
        Array.Copy(v, expected, 32);
        foreach (var (reg, hi, lo) in QemuFinalV)
            expected[reg] = (lo, hi);
        for (uint i = 0; i < 32; i++)
            Assert.True(pair.Translated.Core.GetVLow(i) == expected[i].Lo && pair.Translated.Core.GetVHigh(i) == expected[i].Hi, $"v{i} differs from QEMU's");
        Assert.Equal(0xBFFF_8080_8040_0132UL, pair.Translated.X(12));
        Assert.Equal(0UL, pair.Translated.X(10));
        Assert.Equal(0UL, pair.Translated.X(11));
        Assert.Equal(1u << 27, pair.Translated.Core.Fpsr);
    }

    [Fact]
    public void AccessTrapInsideABlock_IsTakenAtTheInstruction_AfterTheLoopRanHot()
    {
        var pair = BlockEquivalence.Plain(Loop);
        pair.ForBoth(m =>
        {
            m.InstallHvcVectors();
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            m.Core.X[9] = 200;
        });
        // Run part of the loop hot, then disable SIMD&FP: the next SIMD instruction traps (EC 0x07).
        pair.Run(200 * 20);
        pair.AssertSame("before the trap");
        pair.ForBoth(m =>
        {
            m.Core.Sys.CPACR_EL1 = 0;
            m.Core.UpdateFpEnabled();
        });
        pair.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        pair.AssertTranslated();
        Assert.Equal(0x1FE0_0000UL, pair.Translated.Esr); // EC 0x07, IL, CV 1, COND 0b1110 (AArch64.AdvSIMDFPAccessTrap)
        AssertSameVectorState(pair);
    }

    private static void AssertSameVectorState(BlockEquivalence pair)
    {
        for (uint i = 0; i < 32; i++)
        {
            Assert.True(pair.Interpreted.Core.GetVLow(i) == pair.Translated.Core.GetVLow(i)
                && pair.Interpreted.Core.GetVHigh(i) == pair.Translated.Core.GetVHigh(i), $"v{i} differs");
        }
        Assert.Equal(pair.Interpreted.Core.Fpsr, pair.Translated.Core.Fpsr);
    }
}
