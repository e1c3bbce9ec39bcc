using Emulator.Cpu.Instructions.FloatingPoint;

namespace Emulator.Cpu.Tests.FloatingPoint;

/// <summary>
/// The host fast path of FPCore (FPCore.HostFast.cs) against the software path: seeded random zero or
/// normal operands (biased to the smallest-normal and largest-normal boundaries, exact cancellation,
/// short fractions for ties and exact results). With FPSR.IXC preset the fast path may answer; with
/// FPSR clear it cannot, so the software path gives the reference, and IXC ORed into its flags must
/// equal the fast run's flags, with identical result bits.
/// </summary>
public sealed class FPCoreHostFastTests
{
    private const uint IXC = 0x10;
    private const int Cases = 200_000;

    public enum Op { Add, Sub, Mul, Div, MulAdd, Sqrt }

    [Theory]
    [InlineData(Op.Add, 32)]
    [InlineData(Op.Add, 64)]
    [InlineData(Op.Sub, 32)]
    [InlineData(Op.Sub, 64)]
    [InlineData(Op.Mul, 32)]
    [InlineData(Op.Mul, 64)]
    [InlineData(Op.Div, 32)]
    [InlineData(Op.Div, 64)]
    [InlineData(Op.MulAdd, 32)]
    [InlineData(Op.MulAdd, 64)]
    [InlineData(Op.Sqrt, 32)]
    [InlineData(Op.Sqrt, 64)]
    public void Fast_path_matches_the_software_path(Op op, int esize)
    {
        var random = new Random(0x5EED + (int)op * 131 + esize);
        int fastTaken = 0;
        for (int i = 0; i < Cases; i++)
        {
            ulong a = RandomOperand(random, esize);
            ulong b = Related(random, a, esize);
            ulong c = RandomOperand(random, esize);
            if (op == Op.MulAdd && random.Next(4) == 0)
            {
                // Addend near minus the product: cancellation in the fused sum.
                uint none = 0;
                ulong product = FPCore.FPMul(b, c, esize, 0, ref none);
                a = Related(random, FPCore.FPNeg(product, esize), esize);
                if (!IsZeroOrNormal(a, esize))
                    a = RandomOperand(random, esize);
            }
            uint preset = random.Next(8) == 0 ? IXC | 0x08 : IXC; // other flags already set stay set
            uint softFpsr = preset & ~IXC;
            ulong expected = Run(op, a, b, c, esize, ref softFpsr);
            uint fastFpsr = preset;
            ulong actual = Run(op, a, b, c, esize, ref fastFpsr);
            if (actual != expected || fastFpsr != (softFpsr | IXC))
                Assert.Fail($"{op}:{esize} a={a:X} b={b:X} c={c:X}: fast {actual:X} fpsr {fastFpsr:X}, software {expected:X} fpsr {softFpsr | IXC:X}");
            if (Taken(op, a, b, c, esize, preset))
                fastTaken++;
        }
        // The comparison must mostly exercise the fast path, not the fallback.
        Assert.True(fastTaken > Cases / 4, $"fast path taken {fastTaken} of {Cases}");
    }

    [Fact]
    public void Fast_path_is_not_taken_without_IXC_or_outside_round_to_nearest()
    {
        const ulong one = 0x3FF0_0000_0000_0000, two = 0x4000_0000_0000_0000;
        Assert.True(FPCore.TryHostAddSub(one, two, false, 64, 0, IXC, out _));
        Assert.False(FPCore.TryHostAddSub(one, two, false, 64, 0, 0, out _));
        Assert.False(FPCore.TryHostAddSub(one, two, false, 64, 1u << 22, IXC, out _));
        Assert.False(FPCore.TryHostAddSub(one, two, false, 64, 1u << 24, IXC, out _));
        Assert.False(FPCore.TryHostAddSub(0x3C00, 0x4000, false, 16, 0, IXC, out _));
        Assert.False(FPCore.TryHostAddSub(1, two, false, 64, 0, IXC, out _)); // denormal
        Assert.False(FPCore.TryHostMul(0x0010_0000_0000_0000, 0x3FE0_0000_0000_0000, 64, 0, IXC, out _)); // tiny result
        Assert.False(FPCore.TryHostDiv(one, 0, 64, 0, IXC, out _)); // division by zero
        Assert.False(FPCore.TryHostSqrt(0xBFF0_0000_0000_0000, 64, 0, IXC, out _)); // negative
    }

    private static ulong Run(Op op, ulong a, ulong b, ulong c, int esize, ref uint fpsr) => op switch
    {
        Op.Add => FPCore.FPAdd(a, b, esize, 0, ref fpsr),
        Op.Sub => FPCore.FPSub(a, b, esize, 0, ref fpsr),
        Op.Mul => FPCore.FPMul(a, b, esize, 0, ref fpsr),
        Op.Div => FPCore.FPDiv(a, b, esize, 0, ref fpsr),
        Op.MulAdd => FPCore.FPMulAdd(a, b, c, esize, 0, ref fpsr),
        _ => FPCore.FPSqrt(a, esize, 0, ref fpsr),
    };

    private static bool Taken(Op op, ulong a, ulong b, ulong c, int esize, uint fpsr) => op switch
    {
        Op.Add => FPCore.TryHostAddSub(a, b, false, esize, 0, fpsr, out _),
        Op.Sub => FPCore.TryHostAddSub(a, b, true, esize, 0, fpsr, out _),
        Op.Mul => FPCore.TryHostMul(a, b, esize, 0, fpsr, out _),
        Op.Div => FPCore.TryHostDiv(a, b, esize, 0, fpsr, out _),
        Op.MulAdd => FPCore.TryHostMulAdd(a, b, c, esize, 0, fpsr, out _),
        _ => FPCore.TryHostSqrt(a, esize, 0, fpsr, out _),
    };

    private static bool IsZeroOrNormal(ulong bits, int esize)
    {
        int f = esize == 64 ? 52 : 23;
        ulong maxExp = esize == 64 ? 0x7FFUL : 0xFFUL;
        ulong e = (bits >> f) & maxExp;
        ulong frac = bits & ((1UL << f) - 1);
        return e != maxExp && (e != 0 || frac == 0);
    }

    // A zero or normal value: exponents uniform, near the bottom, near the top or near 1.0 (so
    // products and quotients land on both boundaries); fractions random, short or all ones.
    private static ulong RandomOperand(Random random, int esize)
    {
        int f = esize == 64 ? 52 : 23;
        int maxExp = esize == 64 ? 0x7FF : 0xFF;
        int bias = maxExp >> 1;
        ulong sign = random.Next(2) == 0 ? 0 : 1UL << (esize - 1);
        if (random.Next(20) == 0)
            return sign;
        int exp = random.Next(5) switch
        {
            0 => random.Next(1, maxExp),
            1 => random.Next(1, 40),
            2 => random.Next(maxExp - 40, maxExp),
            _ => random.Next(bias - 40, bias + 40),
        };
        ulong fracMask = (1UL << f) - 1;
        ulong frac = random.Next(4) switch
        {
            0 => (ulong)random.NextInt64() & fracMask & ~((1UL << (f - 3)) - 1), // a few top bits only
            1 => fracMask,
            2 => 0,
            _ => (ulong)random.NextInt64() & fracMask,
        };
        return sign | (ulong)exp << f | frac;
    }

    // A second operand: independent, equal or opposite (exact cancellation), or a few ulps away.
    private static ulong Related(Random random, ulong a, int esize)
    {
        ulong signBit = 1UL << (esize - 1);
        switch (random.Next(5))
        {
            case 0:
                return a;
            case 1:
                return a ^ signBit;
            case 2:
            {
                ulong near = (a + (ulong)random.Next(-3, 4)) & (esize == 64 ? ulong.MaxValue : 0xFFFF_FFFFUL);
                if (random.Next(2) == 0)
                    near ^= signBit;
                return IsZeroOrNormal(near, esize) ? near : a;
            }
            default:
                return RandomOperand(random, esize);
        }
    }
}
