using Emulator.Cpu.Decoding;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.FloatingPoint;

/// <summary>Scalar FP encodings: what the Cortex-A57 (Armv8.0, no FEAT_FP16) leaves UNDEFINED, and the CPACR_EL1.FPEN trap.</summary>
public sealed class FPDecodeTests
{
    public static TheoryData<uint, string> NoRow => new()
    {
        { 0x1EE2_2820, "fadd h0, h1, h2 (FEAT_FP16)" },
        { 0x1EE1_C020, "fsqrt h0, h1 (FEAT_FP16)" },
        { 0x1EF8_0020, "fcvtzs w0, h1 (FEAT_FP16)" },
        { 0x1EE2_0020, "scvtf h0, w1 (FEAT_FP16)" },
        { 0x1EE7_0020, "fmov h0, w1 (FEAT_FP16)" },
        { 0x1EEE_1000, "fmov h0, #1.0 (FEAT_FP16)" },
        { 0x1EE1_2000, "fcmp h0, h1 (FEAT_FP16)" },
        { 0x1FC2_0C20, "fmadd h0, h1, h2, h3 (FEAT_FP16)" },
        { 0x1EA2_2820, "fadd with ftype 10" },
        { 0x1E28_C020, "frint32x s0, s1 (FEAT_FRINTTS)" },
        { 0x9E26_0000, "fmov x0, s0 (sf 1, ftype 00)" },
        { 0x1E67_0000, "fmov d0, w0 (sf 0, ftype 01)" },
        { 0x1E21_2001, "fcmp with opcode2<2:0> != 0" },
        { 0x1E20_1020, "fmov s0, #imm with imm5 != 0" },
        { 0x1E22_9820, "fadd s0, s1, s2 with opcode 1001 (unallocated)" },
        { 0x3E22_2820, "fadd s0, s1, s2 with S = 1" },
        { 0x9E34_0020, "fcvtas-like x0, s1 with rmode 10 (unallocated)" },
    };

    [Theory]
    [MemberData(nameof(NoRow))]
    public void UnallocatedEncodings_DecodeToUndefined(uint word, string disassembly)
    {
        A64Encoding? row = A64Decoder.Instance.Find(word);
        Assert.True(row is null, $"{disassembly} (0x{word:x8}) decodes to '{row?.Name}'");
    }

    public static TheoryData<uint, string> UndefinedInHandler => new()
    {
        { 0x1E22_4020, "fcvt s0, s1 (ftype == opc)" },
        { 0x1EA2_4020, "fcvt with ftype 10" },
        { 0x1E23_4020, "fcvt with opc 10" },
        { 0x1E26_C020, "frint with rmode 101" },
        { 0x1E18_7C20, "fcvtzs w0, s1, #33 (scale<5> = 0)" },
        { 0x1E02_7C20, "scvtf s0, w1, #33 (scale<5> = 0)" },
    };

    [Theory]
    [MemberData(nameof(UndefinedInHandler))]
    public void UnallocatedOperands_AreUndefined_BeforeTheFpTrap(uint word, string disassembly)
    {
        Assert.NotNull(A64Decoder.Instance.Find(word));
        foreach (ulong fpen in new[] { 3UL, 0UL }) // UNDEFINED precedes CheckFPAdvSIMDEnabled
        {
            var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
            m.InstallHvcVectors();
            m.Core.Sys.CPACR_EL1 = fpen << 20;
            m.Core.UpdateFpEnabled();
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
            Assert.True(m.Esr == 0x0200_0000 && m.Elr == GuestMachine.CodeBase, $"{disassembly}, FPEN {fpen}: ESR 0x{m.Esr:x} ELR 0x{m.Elr:x}");
        }
    }

    public static TheoryData<uint, string> Implemented => new()
    {
        { 0x1E22_2820, "fadd s0, s1, s2" },
        { 0x1E62_4020, "fcvt d0, s1" },
        { 0x1E2E_1000, "fmov s0, #1.0" },
        { 0x9E66_0000, "fmov x0, d0" },
        { 0x9EAF_0001, "fmov v1.d[1], x0" },
        { 0x1E62_0C20, "fcsel d0, d1, d2, eq" },
        { 0x1E21_2010, "fcmpe s0, s1" },
        { 0x1F42_0C20, "fmadd d0, d1, d2, d3" },
        { 0x1E18_8020, "fcvtzs w0, s1, #32" },
        { 0x9E62_0020, "scvtf d0, x1" },
    };

    /// <summary>Every scalar FP instruction checks CPACR_EL1.FPEN first: with FPEN = 00 it traps with EC 0x07 and does nothing.</summary>
    [Theory]
    [MemberData(nameof(Implemented))]
    public void FpDisabled_TrapsWithEc07(uint word, string disassembly)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.SetV(0, 0x1234, 0x5678);
        m.Core.X[0] = 0x9ABC;
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.ExceptionClass == 0x07 && m.Elr == GuestMachine.CodeBase, $"{disassembly}: ESR 0x{m.Esr:x}");
        Assert.Equal(0x1234UL, m.Core.GetVLow(0));
        Assert.Equal(0x5678UL, m.Core.GetVHigh(0));
        Assert.Equal(0x9ABCUL, m.Core.X[0]);
        Assert.Equal(0u, m.Core.Fpsr);
    }
}
