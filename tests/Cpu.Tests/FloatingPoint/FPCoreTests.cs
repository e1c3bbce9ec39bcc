using Emulator.Cpu.Instructions.FloatingPoint;

namespace Emulator.Cpu.Tests.FloatingPoint;

/// <summary>FPCore on hand-picked bit patterns: each an Arm ARM rule worth naming (the bulk comparison with QEMU is FPCoreQemuVectorTests).</summary>
public sealed class FPCoreTests
{
    private const uint RP = 1u << 22, RM = 2u << 22, RZ = 3u << 22, FZ = 1u << 24, DN = 1u << 25, AHP = 1u << 26;
    private const uint IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 0x10, IDC = 0x80;

    public static TheoryData<string, uint, ulong, ulong, ulong, ulong, uint> Cases => new()
    {
        // Signed zeros: exact zero sums are +0, -0 when rounding towards minus infinity.
        { "fadd:32", 0, 0x0000_0000, 0x8000_0000, 0, 0x0000_0000, 0 },
        { "fadd:32", RM, 0x0000_0000, 0x8000_0000, 0, 0x8000_0000, 0 },
        { "fadd:32", 0, 0x8000_0000, 0x8000_0000, 0, 0x8000_0000, 0 },
        { "fsub:32", 0, 0x3F80_0000, 0x3F80_0000, 0, 0x0000_0000, 0 },
        { "fsub:32", RM, 0x3F80_0000, 0x3F80_0000, 0, 0x8000_0000, 0 },
        { "fsqrt:32", 0, 0x8000_0000, 0, 0, 0x8000_0000, 0 },
        // Denormal inputs: kept, or flushed to zero with IDC under FZ.
        { "fadd:32", 0, 0x0000_0001, 0x0000_0000, 0, 0x0000_0001, 0 },
        { "fadd:32", FZ, 0x0000_0001, 0x0000_0000, 0, 0x0000_0000, IDC },
        { "fadd:64", FZ, 0x8000_0000_0000_0001, 0x8000_0000_0000_0000, 0, 0x8000_0000_0000_0000, IDC },
        // Tiny results: exact denormal (no UFC), inexact (UFC+IXC), flushed under FZ (UFC only).
        { "fmul:32", 0, 0x0080_0000, 0x3F00_0000, 0, 0x0040_0000, 0 },
        { "fmul:32", 0, 0x0080_0001, 0x3F00_0000, 0, 0x0040_0000, UFC | IXC },
        { "fmul:32", FZ, 0x0080_0000, 0x3F00_0000, 0, 0x0000_0000, UFC },
        // Below the normal range before rounding, so flushed under FZ although it rounds up to the smallest normal.
        { "fmul:32", FZ, 0x0080_0000, 0x3F7F_FFFF, 0, 0x0000_0000, UFC },
        { "fmul:32", 0, 0x0080_0000, 0x3F7F_FFFF, 0, 0x0080_0000, UFC | IXC },
        // Overflow: to infinity or the largest normal by rounding mode.
        { "fmul:32", 0, 0x7F7F_FFFF, 0x4000_0000, 0, 0x7F80_0000, OFC | IXC },
        { "fmul:32", RZ, 0x7F7F_FFFF, 0x4000_0000, 0, 0x7F7F_FFFF, OFC | IXC },
        { "fmul:32", RP, 0xFF7F_FFFF, 0x4000_0000, 0, 0xFF7F_FFFF, OFC | IXC },
        { "fmul:32", RM, 0xFF7F_FFFF, 0x4000_0000, 0, 0xFF80_0000, OFC | IXC },
        // Rounding modes on 1 + 2^-24 (half an ulp above 1.0) and 1 + 3*2^-24.
        { "fadd:32", 0, 0x3F80_0000, 0x3380_0000, 0, 0x3F80_0000, IXC },
        { "fadd:32", RP, 0x3F80_0000, 0x3380_0000, 0, 0x3F80_0001, IXC },
        { "fadd:32", 0, 0x3F80_0001, 0x3380_0000, 0, 0x3F80_0002, IXC },
        { "fadd:32", RZ, 0x3F80_0001, 0x3380_0000, 0, 0x3F80_0001, IXC },
        { "fadd:32", RM, 0xBF80_0001, 0xB380_0000, 0, 0xBF80_0002, IXC },
        // NaNs: first signalling NaN quietened (payload kept), else the first quiet NaN; DN gives the default NaN.
        { "fadd:32", 0, 0x7F80_0001, 0x7FC0_0002, 0, 0x7FC0_0001, IOC },
        { "fadd:32", 0, 0x7FC0_0002, 0x7F80_0001, 0, 0x7FC0_0001, IOC },
        { "fadd:32", 0, 0xFFC0_0003, 0x7FC0_0002, 0, 0xFFC0_0003, 0 },
        { "fadd:32", DN, 0xFFC0_0003, 0x3F80_0000, 0, 0x7FC0_0000, 0 },
        { "fadd:64", 0, 0x7FF0_0000_0000_0001, 0, 0, 0x7FF8_0000_0000_0001, IOC },
        { "fsub:32", 0, 0x7F80_0000, 0x7F80_0000, 0, 0x7FC0_0000, IOC },
        { "fdiv:32", 0, 0x3F80_0000, 0x8000_0000, 0, 0xFF80_0000, DZC },
        { "fdiv:32", 0, 0x0000_0000, 0x0000_0000, 0, 0x7FC0_0000, IOC },
        { "fsqrt:32", 0, 0xBF80_0000, 0, 0, 0x7FC0_0000, IOC },
        { "fsqrt:64", 0, 0x4000_0000_0000_0000, 0, 0, 0x3FF6_A09E_667F_3BCD, IXC },
        // FMA rounds once: (1+2^-23)^2 - (1+2^-22) = 2^-46 exactly (a separate multiply would give 0).
        { "fmadd:32", 0, 0x3F80_0001, 0x3F80_0001, 0xBF80_0002, 0x2880_0000, 0 },
        // A quiet NaN addend with infinity times zero: the default NaN and IOC (even without DN).
        { "fmadd:32", 0, 0x7F80_0000, 0x0000_0000, 0x7FC0_0005, 0x7FC0_0000, IOC },
        // FMSUB and FNMADD negate before NaN processing: a NaN operand comes out with its sign flipped.
        { "fmsub:32", 0, 0x7FC0_0007, 0x3F80_0000, 0x3F80_0000, 0xFFC0_0007, 0 },
        { "fnmadd:32", 0, 0x3F80_0000, 0x3F80_0000, 0x7FC0_0009, 0xFFC0_0009, 0 },
        // Min and max of zeros, NaN-ignoring forms.
        { "fmax:32", 0, 0x0000_0000, 0x8000_0000, 0, 0x0000_0000, 0 },
        { "fmin:32", 0, 0x0000_0000, 0x8000_0000, 0, 0x8000_0000, 0 },
        { "fmaxnm:32", 0, 0x7FC0_0000, 0x3F80_0000, 0, 0x3F80_0000, 0 },
        { "fminnm:32", 0, 0x3F80_0000, 0x7FC0_0001, 0, 0x3F80_0000, 0 },
        { "fmaxnm:32", 0, 0x7F80_0001, 0x3F80_0000, 0, 0x7FC0_0001, IOC },
        // Compares: unordered 0011, equal 0110 (-0 == +0), FCMPE signals quiet NaNs.
        { "fcmp:32", 0, 0x7FC0_0000, 0x3F80_0000, 0, 0b0011, 0 },
        { "fcmpe:32", 0, 0x7FC0_0000, 0x3F80_0000, 0, 0b0011, IOC },
        { "fcmp:32", 0, 0x7F80_0001, 0x3F80_0000, 0, 0b0011, IOC },
        { "fcmp:32", 0, 0x8000_0000, 0x0000_0000, 0, 0b0110, 0 },
        { "fcmp:32", 0, 0xBF80_0000, 0x0000_0000, 0, 0b1000, 0 },
        { "fcmp:64", 0, 0x7FF0_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0, 0b0010, 0 },
        // Round to integral.
        { "frintn:32", 0, 0x4020_0000, 0, 0, 0x4000_0000, 0 },
        { "frinta:32", 0, 0x4020_0000, 0, 0, 0x4040_0000, 0 },
        { "frinta:32", 0, 0xC020_0000, 0, 0, 0xC040_0000, 0 },
        { "frintz:32", 0, 0xBE99_999A, 0, 0, 0x8000_0000, 0 },
        { "frintm:32", 0, 0xBE99_999A, 0, 0, 0xBF80_0000, 0 },
        { "frintx:32", 0, 0x3FC0_0000, 0, 0, 0x4000_0000, IXC },
        { "frinti:32", 0, 0x3FC0_0000, 0, 0, 0x4000_0000, 0 },
        // FP to integer: saturation and NaN give IOC (no IXC); inexact gives IXC.
        { "fcvtzs:32:w", 0, 0x5015_02F9, 0, 0, 0x7FFF_FFFF, IOC },
        { "fcvtzs:32:w", 0, 0xD015_02F9, 0, 0, 0x8000_0000, IOC },
        { "fcvtzs:64:x", 0, 0x7FF8_0000_0000_0000, 0, 0, 0, IOC },
        { "fcvtns:32:w", 0, 0xBFC0_0000, 0, 0, 0xFFFF_FFFE, IXC },
        { "fcvtzu:32:w", 0, 0xBF80_0000, 0, 0, 0, IOC },
        { "fcvtzu:32:w", 0, 0xBF00_0000, 0, 0, 0, IXC },
        { "fcvtmu:32:w", 0, 0xBF00_0000, 0, 0, 0, IOC },
        { "fcvtzs:64:x:4", 0, 0x3FF8_0000_0000_0000, 0, 0, 24, 0 },
        // Integer to FP.
        { "scvtf:32:w", 0, 0x7FFF_FFFF, 0, 0, 0x4F00_0000, IXC },
        { "scvtf:32:w", 0, 0x8000_0000, 0, 0, 0xCF00_0000, 0 },
        { "ucvtf:32:w", 0, 0xFFFF_FFFF, 0, 0, 0x4F80_0000, IXC },
        { "ucvtf:32:w", RZ, 0xFFFF_FFFF, 0, 0, 0x4F7F_FFFF, IXC },
        { "scvtf:64:x:1", 0, 3, 0, 0, 0x3FF8_0000_0000_0000, 0 },
        // Half precision: IEEE, and the alternative format (no infinity or NaN: IOC, largest value or zero).
        { "fcvt:32:16", 0, 0x3F80_0000, 0, 0, 0x3C00, 0 },
        { "fcvt:32:16", 0, 0x477F_F000, 0, 0, 0x7C00, OFC | IXC },
        { "fcvt:32:16", AHP, 0x477F_F000, 0, 0, 0x7C00, IXC },
        { "fcvt:32:16", AHP, 0x7F80_0000, 0, 0, 0x7FFF, IOC },
        { "fcvt:32:16", AHP, 0xFFC0_0000, 0, 0, 0x8000, IOC },
        { "fcvt:32:16", AHP, 0x4800_0000, 0, 0, 0x7FFF, IOC },
        { "fcvt:16:32", AHP, 0x7C00, 0, 0, 0x4780_0000, 0 },
        { "fcvt:16:32", AHP, 0x7FFF, 0, 0, 0x47FF_E000, 0 },
        { "fcvt:16:32", 0, 0x7C01, 0, 0, 0x7FC0_2000, IOC },
        { "fcvt:16:32", FZ, 0x0001, 0, 0, 0x3380_0000, 0 },
        { "fcvt:32:16", FZ, 0x3380_0000, 0, 0, 0x0001, 0 },
        { "fcvt:64:32", FZ, 0x3800_0000_0000_0000, 0, 0, 0x0000_0000, UFC },
        { "fcvt:64:32", 0, 0x7FF0_0000_0000_0101, 0, 0, 0x7FC0_0000, IOC },
        { "fcvt:32:64", 0, 0xFFC0_0001, 0, 0, 0xFFF8_0000_2000_0000, 0 },
        { "fcvt:32:64", DN, 0xFFC0_0001, 0, 0, 0x7FF8_0000_0000_0000, 0 },
        // Estimates and steps.
        { "frecpe:32", 0, 0x3F80_0000, 0, 0, 0x3F7F_8000, 0 },
        { "frecpe:32", 0, 0x0000_0000, 0, 0, 0x7F80_0000, DZC },
        { "frsqrte:32", 0, 0x4080_0000, 0, 0, 0x3EFF_8000, 0 },
        { "frecpx:32", 0, 0x4080_0000, 0, 0, 0x3F00_0000, 0 },
        { "frecps:32", 0, 0x7F80_0000, 0x0000_0000, 0, 0x4000_0000, 0 },
        { "frsqrts:32", 0, 0x3F80_0000, 0x3F80_0000, 0, 0x3F80_0000, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void KnownResult(string name, uint fpcr, ulong a, ulong b, ulong c, ulong expected, uint expectedFpsr)
    {
        var v = new FPVector(name, 0, fpcr, a, b, c, 0, expected, expectedFpsr);
        (ulong result, uint fpsr) = FPCoreQemuVectorTests.Evaluate(v)!.Value;
        Assert.Equal(expected.ToString("x"), result.ToString("x"));
        Assert.Equal(expectedFpsr.ToString("x"), fpsr.ToString("x"));
    }

    [Fact]
    public void Constants_AreThePseudocodes()
    {
        Assert.Equal(0x7FC0_0000UL, FPCore.FPDefaultNaN(32));
        Assert.Equal(0x7FF8_0000_0000_0000UL, FPCore.FPDefaultNaN(64));
        Assert.Equal(0x7E00UL, FPCore.FPDefaultNaN(16));
        Assert.Equal(0x4000_0000UL, FPCore.FPTwo(false, 32));
        Assert.Equal(0x4040_0000UL, FPCore.FPThree(false, 32));
        Assert.Equal(0x3FF8_0000_0000_0000UL, FPCore.FPOnePointFive(false, 64));
        Assert.Equal(0xFF7F_FFFFUL, FPCore.FPMaxNormal(true, 32));
        Assert.Equal(0xFC00UL, FPCore.FPInfinity(true, 16));
        Assert.Equal(FPRounding.NegInf, FPCore.FPRoundingMode(RM));
    }
}
