using static Emulator.Cpu.Tests.Simd.SimdMiscMachine;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// The logical three-same instructions (Arm ARM aarch64/instrs/vector/arithmetic/binary/uniform/logical/...):
/// BSL, BIT and BIF are V[d] = operand1 EOR ((operand1 EOR Vn) AND operand3), with operand1 and
/// operand3 = Vm, Vd (BSL); Vd, Vm (BIT); Vd, NOT(Vm) (BIF).
/// </summary>
public sealed class SimdBitwiseTests
{
    private const ulong D = 0xF0F0_F0F0_0000_FFFF, N = 0xFF00_FF00_1234_5678, M = 0x0FF0_0FF0_FFFF_0000;
    private const ulong DHi = 0x0123_4567_89AB_CDEF, NHi = 0xFEDC_BA98_7654_3210, MHi = 0xAAAA_5555_CCCC_3333;

    public static TheoryData<uint, string, ulong, ulong> Cases => new()
    {
        { 0x4E22_1C20, "and v0.16b, v1.16b, v2.16b", N & M, NHi & MHi },
        { 0x4E62_1C20, "bic v0.16b, v1.16b, v2.16b", N & ~M, NHi & ~MHi },
        { 0x4EA2_1C20, "orr v0.16b, v1.16b, v2.16b", N | M, NHi | MHi },
        { 0x4EE2_1C20, "orn v0.16b, v1.16b, v2.16b", N | ~M, NHi | ~MHi },
        { 0x2E22_1C20, "eor v0.8b, v1.8b, v2.8b", N ^ M, 0 },
        { 0x6E62_1C20, "bsl v0.16b, v1.16b, v2.16b", M ^ ((M ^ N) & D), MHi ^ ((MHi ^ NHi) & DHi) },
        { 0x6EA2_1C20, "bit v0.16b, v1.16b, v2.16b", D ^ ((D ^ N) & M), DHi ^ ((DHi ^ NHi) & MHi) },
        { 0x6EE2_1C20, "bif v0.16b, v1.16b, v2.16b", D ^ ((D ^ N) & ~M), DHi ^ ((DHi ^ NHi) & ~MHi) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logical(uint word, string disassembly, ulong lo, ulong hi)
    {
        var m = Run(word, c => { c.SetV(0, D, DHi); c.SetV(1, N, NHi); c.SetV(2, M, MHi); });
        Assert.True(V(m, 0) == (hi, lo), disassembly);
    }
}
