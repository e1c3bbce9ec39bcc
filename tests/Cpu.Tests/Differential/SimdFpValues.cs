namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// Initial SIMD&amp;FP state biased to the values where floating point and saturating integer code
/// goes wrong: each V register is filled as lanes of one element size (8, 16, 32 or 64 bits) with
/// floating-point edge values (signed zeros, denormals, min/max normal, infinities, quiet and
/// signalling NaNs with payloads, rounding boundaries and halfway cases, the limits of the
/// integer conversions) or integer edge values (0x7f.., 0x80.., 0xff.., small integers, powers of
/// two), mixed with random bits; FPCR gets a random RMode (all four), FZ, DN and AHP.
/// </summary>
public static class SimdFpValues
{
    /// <summary>
    /// FPCR bits both QEMU's cortex-a57 and this core implement for AArch64: AHP, DN, FZ, RMode.
    /// Not generated: Len and Stride (AArch32's, kept by QEMU's cortex-a57, RES0 here), FZ16
    /// (FEAT_FP16, neither) and the trap enables (RAZ/WI on both, no trapped FP exceptions).
    /// </summary>
    public const uint FpcrBits = 0x07C0_0000;

    /// <summary>
    /// FPSR bits both implement: QC and the cumulative exception flags. N, Z, C, V [31:28] are
    /// AArch32's: QEMU's cortex-a57 (which has AArch32) keeps them, this core (AArch64 only, where
    /// the Arm ARM makes them RES0) does not, so they are never set.
    /// </summary>
    public const uint FpsrBits = 0x0800_009F;

    private static readonly ulong[] Double =
    [
        0x0000_0000_0000_0000, 0x8000_0000_0000_0000,                         // +0, -0
        0x0000_0000_0000_0001, 0x8000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF,  // denormals
        0x800F_FFFF_FFFF_FFFF, 0x0008_0000_0000_0000,
        0x0010_0000_0000_0000, 0x8010_0000_0000_0000, 0x0010_0000_0000_0001,  // min normal
        0x7FEF_FFFF_FFFF_FFFF, 0xFFEF_FFFF_FFFF_FFFF,                         // max normal
        0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,                         // infinities
        0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF8_0000_DEAD_BEEF,  // quiet NaNs
        0x7FFF_FFFF_FFFF_FFFF, 0xFFFC_0000_0000_1234,
        0x7FF0_0000_0000_0001, 0xFFF4_0000_0000_0000, 0x7FF7_FFFF_FFFF_FFFF,  // signalling NaNs
        0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FF8_0000_0000_0000,  // 1, -1, 1.5
        0x4004_0000_0000_0000, 0xC004_0000_0000_0000, 0x3FE0_0000_0000_0000,  // 2.5, -2.5, 0.5
        0xBFE0_0000_0000_0000, 0x400C_0000_0000_0000, 0x3FEF_FFFF_FFFF_FFFF,  // -0.5, 3.5, 1 - ulp
        0x3FF0_0000_0000_0001, 0x4000_0000_0000_0000, 0x4024_0000_0000_0000,  // 1 + ulp, 2, 10
        0x433F_FFFF_FFFF_FFFF, 0x4330_0000_0000_0000, 0x4330_0000_0000_0001,  // 0x1.fffffffffffffp+52, 2^52
        0x4340_0000_0000_0000, 0xC330_0000_0000_0000,
        0x41DF_FFFF_FFC0_0000, 0x41DF_FFFF_FFE0_0000, 0x41E0_0000_0000_0000,  // 2^31 - 1, 2^31 - 0.5, 2^31
        0xC1E0_0000_0000_0000, 0xC1E0_0000_0010_0000, 0x41EF_FFFF_FFFF_FFFF,  // -2^31, -2^31 - 0.5
        0x41F0_0000_0000_0000, 0x43E0_0000_0000_0000, 0xC3E0_0000_0000_0000,  // 2^32, 2^63, -2^63
        0x43DF_FFFF_FFFF_FFFF, 0x43F0_0000_0000_0000, 0x43EF_FFFF_FFFF_FFFF,  // below 2^63, 2^64
        0x3FF0_0000_1000_0000, 0x3FF0_0000_3000_0000, 0x3FF0_0000_1000_0001,  // halfway cases for FCVT to single
        0x3FF0_0200_0000_0000, 0x3FF0_0600_0000_0000,                         // halfway cases for FCVT to half
        0x47EF_FFFF_F000_0000, 0x47EF_FFFF_E000_0000, 0x47F0_0000_0000_0000,  // around FLT_MAX
        0x3810_0000_0000_0000, 0x380F_FFFF_F000_0000, 0x36A0_0000_0000_0000,  // around FLT_MIN, FLT_TRUE_MIN
        0x40EF_FC00_0000_0000, 0x40EF_FE00_0000_0000, 0x3E70_0000_0000_0000,  // 65504, 65520, 2^-24
        0x7FE0_0000_0000_0000, 0x0020_0000_0000_0000, 0x3CB0_0000_0000_0000,  // 2^1023, 2^-1021, 2^-52
        0x3CA0_0000_0000_0000, 0x3CB8_0000_0000_0000, 0xBCA0_0000_0000_0000,  // 2^-53, 1.5 * 2^-52: 1 + these are halfway cases
    ];

    private static readonly uint[] Single =
    [
        0x0000_0000, 0x8000_0000, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x0040_0000,
        0x0080_0000, 0x8080_0000, 0x0080_0001, 0x7F7F_FFFF, 0xFF7F_FFFF,
        0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FC0_1234, 0x7FFF_FFFF,
        0x7F80_0001, 0xFFA0_0000, 0x7FBF_FFFF,
        0x3F80_0000, 0xBF80_0000, 0x3FC0_0000, 0x4020_0000, 0xC020_0000, 0x3F00_0000, 0xBF00_0000,
        0x4060_0000, 0x3F7F_FFFF, 0x3F80_0001, 0x4000_0000, 0x4120_0000,
        0x4B7F_FFFF, 0x4AFF_FFFF, 0x4B00_0000, 0x4B00_0001, 0x4B80_0000,           // around 2^23, 2^24
        0x4EFF_FFFF, 0x4F00_0000, 0xCF00_0000, 0xCF00_0001, 0x4F7F_FFFF, 0x4F80_0000, // 2^31, 2^32
        0x5EFF_FFFF, 0x5F00_0000, 0xDF00_0000, 0x5F7F_FFFF, 0x5F80_0000,           // 2^63, 2^64
        0x3F80_1000, 0x3F80_3000, 0x3F80_1001, 0x477F_E000, 0x477F_F000, 0x4780_0000, // FCVT to half: halfway, 65504, 65520
        0x3380_0000, 0x3300_0000, 0x3880_0000, 0x387F_C000, 0x0100_0000, 0x7F00_0000,
        0x3380_0000, 0x33C0_0000, 0xB300_0000,                                   // 2^-24, 1.5 * 2^-23, -2^-25: halfway sums with 1
    ];

    private static readonly ushort[] Half =
    [
        0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0200, 0x0400, 0x8400, 0x7BFF, 0xFBFF,
        0x7C00, 0xFC00, 0x7E00, 0xFE00, 0x7E12, 0x7FFF, 0x7C01, 0xFD00, 0x7DFF,
        0x3C00, 0xBC00, 0x3E00, 0x4100, 0xC100, 0x3800, 0x3BFF, 0x3C01, 0x4000, 0x6800, 0x67FF,
    ];

    /// <summary>
    /// V0..V31 as 64 doublewords, least significant first in each register; three registers in
    /// four use <paramref name="preferredEsize"/> (the element size the case's word most likely
    /// computes on, so that all its operands hold edge values of that size), the rest a random one.
    /// </summary>
    public static ulong[] Vector(Random random, int preferredEsize = 0)
    {
        ulong[] v = new ulong[64];
        for (int r = 0; r < 32; r++)
        {
            int esize = preferredEsize != 0 && random.Next(4) != 0 ? preferredEsize
                : random.Next(6) switch { 0 => 8, 1 => 16, 2 or 3 => 32, _ => 64 };
            int kind = random.Next(8); // 0..3 floating point, 4..5 integer, 6 mixed lanes, 7 random bits
            for (int lane = 0; lane < 128 / esize; lane++)
            {
                ulong value = (kind == 6 ? random.Next(8) : kind) switch
                {
                    < 4 => FloatLane(random, esize),
                    4 or 5 => IntegerLane(random, esize),
                    _ => RandomBits(random),
                };
                int bit = lane * esize;
                ulong mask = esize == 64 ? ulong.MaxValue : (1UL << esize) - 1;
                v[2 * r + bit / 64] |= (value & mask) << (bit % 64);
            }
        }
        return v;
    }

    /// <summary>A general register value for FMOV, DUP, INS and the integer-to-FP conversions: one floating-point or integer lane.</summary>
    public static ulong Scalar(Random random) => random.Next(3) switch
    {
        0 => FloatLane(random, 64),
        1 => FloatLane(random, 32) | (random.Next(4) == 0 ? RandomBits(random) << 32 : 0),
        _ => IntegerLane(random, random.Next(2) == 0 ? 32 : 64),
    };

    /// <summary>
    /// A guess at the element size a SIMD&amp;FP word computes on: a scalar FP word's type (00 single,
    /// 01 double, 11 half), else bits 23:22 read as an Advanced SIMD size (8 &lt;&lt; size) or, half the
    /// time, bit 22 as a floating-point sz (32 or 64).
    /// </summary>
    public static int GuessEsize(Random random, uint word)
    {
        uint size = (word >> 22) & 3;
        if ((word & 0x5F00_0000) == 0x1E00_0000)
            return size switch { 0 => 32, 1 => 64, 3 => 16, _ => 0 };
        return random.Next(2) == 0 ? 8 << (int)size : (size & 1) != 0 ? 64 : 32;
    }

    /// <summary>A random FPCR: RMode uniform over all four, FZ, DN and AHP each set in a quarter of the cases.</summary>
    public static uint Fpcr(Random random)
    {
        uint fpcr = (uint)random.Next(4) << 22;
        if (random.Next(4) == 0)
            fpcr |= 1u << 24; // FZ
        if (random.Next(4) == 0)
            fpcr |= 1u << 25; // DN
        if (random.Next(4) == 0)
            fpcr |= 1u << 26; // AHP
        return fpcr;
    }

    /// <summary>FPSR at the start of a case: clear, or in one case in eight some cumulative flags already set.</summary>
    public static uint Fpsr(Random random) => random.Next(8) == 0 ? (uint)random.Next() & FpsrBits : 0;

    private static ulong RandomBits(Random random) => (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 32;

    private static ulong FloatLane(Random random, int esize)
    {
        switch (esize)
        {
            case 64:
                return random.Next(4) switch
                {
                    0 => RandomFloat(random, 52, 11, 1023),
                    _ => Double[random.Next(Double.Length)],
                };
            case 32:
                return random.Next(4) switch
                {
                    0 => RandomFloat(random, 23, 8, 127),
                    _ => Single[random.Next(Single.Length)],
                };
            case 16:
                return random.Next(4) switch
                {
                    0 => RandomFloat(random, 10, 5, 15),
                    _ => Half[random.Next(Half.Length)],
                };
            default:
                return IntegerLane(random, esize);
        }
    }

    /// <summary>A random finite value of moderate exponent (near 1, where conversions to integers and sums round), sometimes with few fraction bits set.</summary>
    private static ulong RandomFloat(Random random, int fractionBits, int exponentBits, int bias)
    {
        ulong fraction = RandomBits(random) & ((1UL << fractionBits) - 1);
        if (random.Next(2) == 0)
            fraction &= ~((1UL << Math.Max(0, fractionBits - random.Next(1, 8))) - 1); // a short fraction: exact integers, halves, quarters
        int exponent = bias + random.Next(-Math.Min(bias - 1, 40), Math.Min(bias, 70));
        ulong sign = (ulong)random.Next(2) << (fractionBits + exponentBits);
        return sign | (ulong)exponent << fractionBits | fraction;
    }

    private static ulong IntegerLane(Random random, int esize)
    {
        ulong top = 1UL << (esize - 1);
        return random.Next(10) switch
        {
            0 => 0,
            1 => ulong.MaxValue,                                // -1, 0xff..
            2 => top - 1,                                       // 0x7f..
            3 => top,                                           // 0x80..
            4 => top + 1,                                       // 0x80..01
            5 => top - 2,
            6 => (ulong)(long)random.Next(-9, 10),              // small integers
            7 => 1UL << random.Next(esize),
            _ => RandomBits(random),
        };
    }
}
