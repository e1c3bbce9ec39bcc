using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Crypto;

/// <summary>
/// PMULL/PMULL2 of 64-bit elements (FEAT_PMULL) against a C# carry-less multiplication:
/// the 128-bit product of the low (PMULL) or high (PMULL2) doublewords.
/// </summary>
public sealed class PolynomialMultiplyLong64Tests
{
    /// <summary>Reference: XOR of op1 shifted by every set bit position of op2.</summary>
    private static UInt128 CarrylessMultiply(ulong op1, ulong op2)
    {
        UInt128 product = 0;
        for (int i = 0; i < 64; i++)
        {
            if (((op2 >> i) & 1) != 0)
                product ^= (UInt128)op1 << i;
        }
        return product;
    }

    private static UInt128 V(GuestMachine m, uint n) => new(m.Core.GetVHigh(n), m.Core.GetVLow(n));

    private static GuestMachine Run(uint word, (ulong Low, ulong High) v1, (ulong Low, ulong High) v2)
    {
        GuestMachine m = CryptoGuest.Prepare([word]);
        m.Core.SetV(0, 0xDEAD, 0xBEEF);
        m.Core.SetV(1, v1.Low, v1.High);
        m.Core.SetV(2, v2.Low, v2.High);
        m.RunToEnd();
        return m;
    }

    [Fact]
    public void Pmull_AllOnesSquared_IsTheEvenBits()
    {
        GuestMachine m = Run(0x0EE2_E020, (ulong.MaxValue, 0), (ulong.MaxValue, 0)); // pmull v0.1q, v1.1d, v2.1d
        // Coefficient k of the square has min(k, 126 - k) + 1 terms: odd exactly for even k <= 126.
        Assert.Equal(new UInt128(0x5555_5555_5555_5555, 0x5555_5555_5555_5555), V(m, 0));
    }

    [Fact]
    public void Pmull_TopBitsGiveBit126()
    {
        GuestMachine m = Run(0x0EE2_E020, (1UL << 63, 7), (1UL << 63, 9)); // pmull v0.1q, v1.1d, v2.1d
        Assert.Equal((UInt128)1 << 126, V(m, 0));
    }

    [Fact]
    public void PmullAndPmull2_MatchTheReferenceOnRandomOperands()
    {
        var random = new Random(20261207);
        for (int i = 0; i < 200; i++)
        {
            var v1 = ((ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1, (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1);
            var v2 = ((ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1, (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1);
            GuestMachine low = Run(0x0EE2_E020, v1, v2); // pmull v0.1q, v1.1d, v2.1d
            Assert.Equal(CarrylessMultiply(v1.Item1, v2.Item1), V(low, 0));
            GuestMachine high = Run(0x4EE2_E020, v1, v2); // pmull2 v0.1q, v1.2d, v2.2d
            Assert.Equal(CarrylessMultiply(v1.Item2, v2.Item2), V(high, 0));
            Assert.Equal(new UInt128(v1.Item2, v1.Item1), V(high, 1));
        }
    }

    [Fact]
    public void Pmull_DestinationMayBeTheSource()
    {
        GuestMachine m = CryptoGuest.Prepare([0x0EE1_E021]); // pmull v1.1q, v1.1d, v1.1d
        m.Core.SetV(1, 0x8000_0000_0000_0003, 0x1234);
        m.RunToEnd();
        Assert.Equal(CarrylessMultiply(0x8000_0000_0000_0003, 0x8000_0000_0000_0003), V(m, 1));
    }
}
