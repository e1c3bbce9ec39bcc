using static Emulator.Cpu.Tests.Simd.SimdMiscMachine;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// DUP, INS, SMOV, UMOV and the scalar DUP with values worked out from the Arm ARM pseudocode
/// (aarch64/instrs/vector/transfer/...): element size LowestSetBit(imm5), index imm5&lt;4:size+1&gt;.
/// </summary>
public sealed class SimdCopyTests
{
    [Fact]
    public void Smov_SignExtendsTheElement_ToXOrW()
    {
        // v1.h[7] = 0x8001 (bits [127:112]); v1.b[0] = 0x7F.
        var x = Run(0x4E1E_2C20, c => c.SetV(1, 0x7F, 0x8001_0000_0000_0000)); // smov x0, v1.h[7]
        Assert.Equal(0xFFFF_FFFF_FFFF_8001UL, x.X(0));
        var w = Run(0x0E1E_2C20, c => { c.SetV(1, 0x7F, 0x8001_0000_0000_0000); c.X[0] = ulong.MaxValue; }); // smov w0, v1.h[7]
        Assert.Equal(0x0000_0000_FFFF_8001UL, w.X(0)); // SignExtend to 32 bits, the W write clears [63:32]
        var b = Run(0x0E01_2C22, c => c.SetV(1, 0x7F, 0)); // smov w2, v1.b[0]
        Assert.Equal(0x7FUL, b.X(2));
    }

    [Fact]
    public void Umov_ZeroExtendsTheElement()
    {
        var h = Run(0x0E1E_3C20, c => { c.SetV(1, 0, 0x8001_0000_0000_0000); c.X[0] = ulong.MaxValue; }); // umov w0, v1.h[7]
        Assert.Equal(0x8001UL, h.X(0));
        var d = Run(0x4E18_3C23, c => c.SetV(1, 1, 0xFEDC_BA98_7654_3210)); // mov x3, v1.d[1]
        Assert.Equal(0xFEDC_BA98_7654_3210UL, d.X(3));
    }

    [Fact]
    public void Dup_ReplicatesTheElement_AndA64BitFormClearsTheHighHalf()
    {
        var e = Run(0x4E1E_0420, c => c.SetV(1, 0, 0x8001_0000_0000_0000)); // dup v0.8h, v1.h[7]
        Assert.Equal((0x8001_8001_8001_8001UL, 0x8001_8001_8001_8001UL), V(e, 0));
        var g = Run(0x0E04_0C20, c => { c.X[1] = 0x1234_5678_9ABC_DEF0; c.SetV(0, ulong.MaxValue, ulong.MaxValue); }); // dup v0.2s, w1
        Assert.Equal((0UL, 0x9ABC_DEF0_9ABC_DEF0UL), V(g, 0));
    }

    [Fact]
    public void Ins_WritesOneElement_AndKeepsTheOthers()
    {
        var g = Run(0x4E14_1C20, c => { c.SetV(0, 0x1111_1111_1111_1111, 0x2222_2222_2222_2222); c.X[1] = 0xAAAA_BBBB_CCCC_DDDD; }); // mov v0.s[2], w1
        Assert.Equal((0x2222_2222_CCCC_DDDDUL, 0x1111_1111_1111_1111UL), V(g, 0));
        var e = Run(0x6E1F_0420, c => { c.SetV(0, 0x1111_1111_1111_1111, 0x2222_2222_2222_2222); c.SetV(1, 0xA5, 0); }); // mov v0.b[15], v1.b[0]
        Assert.Equal((0xA522_2222_2222_2222UL, 0x1111_1111_1111_1111UL), V(e, 0));
    }

    [Fact]
    public void ScalarDup_WritesTheElementAndClearsTheRest()
    {
        var m = Run(0x5E1E_0420, c => { c.SetV(1, 0, 0x8001_0000_0000_0000); c.SetV(0, ulong.MaxValue, ulong.MaxValue); }); // mov h0, v1.h[7]
        Assert.Equal((0UL, 0x8001UL), V(m, 0));
    }
}
