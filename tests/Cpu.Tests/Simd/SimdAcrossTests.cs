using static Emulator.Cpu.Tests.Simd.SimdMiscMachine;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>ADDV, SADDLV, UADDLV, SMAXV, UMAXV, SMINV, UMINV with values worked out from the Arm ARM pseudocode (aarch64/instrs/vector/reduce/...): scalar results, the rest of Vd cleared.</summary>
public sealed class SimdAcrossTests
{
    private const ulong Ones = ulong.MaxValue;

    [Fact]
    public void Addv_SumsModuloTheElementSize()
    {
        Assert.Equal((0UL, 0xF0UL), V(Run(0x4E31_B820, c => { c.SetV(1, Ones, Ones); c.SetV(0, Ones, Ones); }), 0)); // addv b0, v1.16b: 16 * 0xFF = 0xFF0
        Assert.Equal((0UL, 0x9236UL), V(Run(0x0E71_B820, c => c.SetV(1, 0x0002_1234_0001_7FFF, Ones)), 0)); // addv h0, v1.4h: the high half is not read
    }

    [Fact]
    public void AddLongAcross_ExtendsEachElementPerU()
    {
        Assert.Equal((0UL, 0xFFFC_0000UL), V(Run(0x4E70_3820, c => c.SetV(1, 0x8000_8000_8000_8000, 0x8000_8000_8000_8000)), 0)); // saddlv s0, v1.8h: 8 * -32768
        Assert.Equal((0UL, 0x0004_0000UL), V(Run(0x6E70_3820, c => c.SetV(1, 0x8000_8000_8000_8000, 0x8000_8000_8000_8000)), 0)); // uaddlv s0, v1.8h: 8 * 32768
    }

    [Fact]
    public void MaxMinAcross_CompareSignedOrUnsigned()
    {
        const ulong bytes = 0x0000_0000_FF01_7F80; // 80 7F 01 FF 00 00 00 00
        Assert.Equal((0UL, 0x7FUL), V(Run(0x0E30_A820, c => c.SetV(1, bytes, Ones)), 0)); // smaxv b0, v1.8b
        Assert.Equal((0UL, 0xFFUL), V(Run(0x2E30_A820, c => c.SetV(1, bytes, 0)), 0)); // umaxv b0, v1.8b
        Assert.Equal((0UL, 0x8000UL), V(Run(0x4E71_A820, c => c.SetV(1, 0x7FFF_0000_FFFF_0001, 0x0000_8000_0001_0002)), 0)); // sminv h0, v1.8h
        Assert.Equal((0UL, 3UL), V(Run(0x6EB1_A820, c => c.SetV(1, 0xFFFF_FFFF_0000_0005, 0x8000_0000_0000_0003)), 0)); // uminv s0, v1.4s
    }
}
