using Emulator.Cpu.Decoding;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// With CPACR_EL1.FPEN = 00 every instruction of these rows takes the SIMD&amp;FP access trap
/// (ESR EC 0x07, IL 1) and changes nothing; a reserved encoding is UNDEFINED first (the Arm ARM's
/// decode-time UNDEFINED precedes CheckFPAdvSIMDEnabled64() of "Operation").
/// </summary>
public sealed class SimdMiscAccessTrapTests
{
    public static TheoryData<uint, string> OnePerRow => new()
    {
        { 0x4E1E_0420, "dup v0.8h, v1.h[7]" },
        { 0x0E04_0C20, "dup v0.2s, w1" },
        { 0x4E14_1C20, "mov v0.s[2], w1" },
        { 0x4E1E_2C20, "smov x0, v1.h[7]" },
        { 0x0E1E_3C20, "umov w0, v1.h[7]" },
        { 0x6E1F_0420, "mov v0.b[15], v1.b[0]" },
        { 0x5E1E_0420, "mov h0, v1.h[7]" },
        { 0x4E42_1820, "uzp1 v0.8h, v1.8h, v2.8h" },
        { 0x4E02_2820, "trn1 v0.16b, v1.16b, v2.16b" },
        { 0x0E02_3820, "zip1 v0.8b, v1.8b, v2.8b" },
        { 0x6E02_1820, "ext v0.16b, v1.16b, v2.16b, #3" },
        { 0x4E03_2020, "tbl v0.16b, {v1.16b, v2.16b}, v3.16b" },
        { 0x4F04_7400, "orr v0.4s, #0x80, lsl #24" },
        { 0x4F01_A680, "movi v0.8h, #0x34, lsl #8" },
        { 0x6F00_D640, "mvni v0.4s, #0x12, msl #16" },
        { 0x2F00_E420, "movi d0, #0xff" },
        { 0x4F03_F600, "fmov v0.4s, #1.0" },
        { 0x6F07_F400, "fmov v0.2d, #-0.5" },
        { 0x4E70_3820, "saddlv s0, v1.8h" },
        { 0x0E30_A820, "smaxv b0, v1.8b" },
        { 0x4E31_B820, "addv b0, v1.16b" },
        { 0x4EA0_0820, "rev64 v0.4s, v1.4s" },
        { 0x4E20_1820, "rev16 v0.16b, v1.16b" },
        { 0x4E60_2820, "saddlp v0.4s, v1.8h" },
        { 0x4E20_3820, "suqadd v0.16b, v1.16b" },
        { 0x4E60_4820, "cls v0.8h, v1.8h" },
        { 0x4E20_5820, "cnt v0.16b, v1.16b" },
        { 0x6E20_5820, "not v0.16b, v1.16b" },
        { 0x4E60_7820, "sqabs v0.8h, v1.8h" },
        { 0x4EA0_8820, "cmgt v0.4s, v1.4s, #0" },
        { 0x4EA0_A820, "cmlt v0.4s, v1.4s, #0" },
        { 0x4EE0_B820, "abs v0.2d, v1.2d" },
        { 0x0E21_2820, "xtn v0.8b, v1.8h" },
        { 0x2E61_3820, "shll v0.4s, v1.4h, #16" },
        { 0x0E61_4820, "sqxtn v0.4h, v1.4s" },
        { 0x5EE0_3820, "suqadd d0, d1" },
        { 0x5EE0_7820, "sqabs d0, d1" },
        { 0x5EE0_8820, "cmgt d0, d1, #0" },
        { 0x5EE0_A820, "cmlt d0, d1, #0" },
        { 0x7EE0_B820, "neg d0, d1" },
        { 0x7EA1_2820, "sqxtun s0, d1" },
        { 0x5E61_4820, "sqxtn h0, s1" },
        { 0x4E22_1C20, "and v0.16b, v1.16b, v2.16b" },
    };

    [Fact]
    public void TheListCoversEveryRowOfTheGroup()
    {
        var rows = new HashSet<string>();
        foreach (object[] item in OnePerRow)
            rows.Add(A64Decoder.Instance.Find((uint)item[0])!.Name);
        foreach (A64Encoding e in A64Decoder.Instance.Table)
        {
            if (e.Op >= A64Op.SimdDupElement && e.Op <= A64Op.SimdLogical)
                Assert.True(rows.Contains(e.Name), $"no trap test for '{e.Name}'");
        }
    }

    [Theory]
    [MemberData(nameof(OnePerRow))]
    public void TrapsWhenFpIsDisabled(uint word, string disassembly)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.SetV(0, 0x1234, 0x5678);
        m.Core.X[0] = 0x9ABC;
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x1FE0_0000 && m.Elr == GuestMachine.CodeBase, $"{disassembly}: ESR 0x{m.Esr:x} ELR 0x{m.Elr:x}");
        Assert.Equal(0x1234UL, m.Core.GetVLow(0));
        Assert.Equal(0x5678UL, m.Core.GetVHigh(0));
        Assert.Equal(0x9ABCUL, m.X(0));
    }

    public static TheoryData<uint, string> Reserved => new()
    {
        { 0x0E18_0420, "dup v0.1d, v1.d[0] (size 3 with Q = 0)" },
        { 0x0E0C_2C20, "smov w0, v1.s[1] (Q = 0)" },
        { 0x0EC2_3820, "zip1 v0.1d (size:Q = 110)" },
        { 0x2E02_4020, "ext v0.8b, #8" },
        { 0x2F07_F400, "fmov v0.1d, #-0.5 (Q = 0)" },
        { 0x0EB1_B820, "addv s0, v1.2s" },
        { 0x4EE0_0820, "rev64 size 11" },
        { 0x4E60_5820, "cnt size 01" },
        { 0x5EA0_B820, "abs s0, s1 (scalar size 10)" },
        { 0x0EE1_2820, "xtn size 11" },
    };

    [Theory]
    [MemberData(nameof(Reserved))]
    public void ReservedEncodingsAreUndefinedBeforeTheTrap(uint word, string disassembly)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        Assert.NotNull(A64Decoder.Instance.Find(word));
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x0200_0000, $"{disassembly}: ESR 0x{m.Esr:x}");
    }
}
