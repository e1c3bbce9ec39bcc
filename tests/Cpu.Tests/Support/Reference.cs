using System.Numerics;

namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// Straight transliterations of Arm ARM shared pseudocode, written with arbitrary-precision
/// integers so that they share no bit tricks with the emulator. NZCV is returned in bits [31:28].
/// </summary>
public static class Reference
{
    /// <summary>AddWithCarry(x, y, carry_in) for N-bit operands.</summary>
    public static ulong AddWithCarry(int bits, ulong x, ulong y, int carryIn, out uint nzcv)
    {
        BigInteger modulus = BigInteger.One << bits;
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        x &= mask;
        y &= mask;
        BigInteger unsignedSum = (BigInteger)x + y + carryIn;
        BigInteger signedSum = SInt(bits, x) + SInt(bits, y) + carryIn;
        ulong result = (ulong)(unsignedSum % modulus);
        bool n = ((result >> (bits - 1)) & 1) != 0;
        bool z = result == 0;
        bool c = result != unsignedSum;
        bool v = SInt(bits, result) != signedSum;
        nzcv = (n ? 8u : 0) << 28 | (z ? 4u : 0) << 28 | (c ? 2u : 0) << 28 | (v ? 1u : 0) << 28;
        return result;
    }

    public static BigInteger SInt(int bits, ulong value)
    {
        BigInteger u = value;
        return ((value >> (bits - 1)) & 1) != 0 ? u - (BigInteger.One << bits) : u;
    }

    /// <summary>ConditionHolds(cond), from the table of condition codes (Arm ARM C1.2.4).</summary>
    public static bool ConditionHolds(int cond, uint nzcv)
    {
        bool n = (nzcv & 0x8000_0000) != 0, z = (nzcv & 0x4000_0000) != 0;
        bool c = (nzcv & 0x2000_0000) != 0, v = (nzcv & 0x1000_0000) != 0;
        return cond switch
        {
            0 => z,                 // EQ
            1 => !z,                // NE
            2 => c,                 // CS/HS
            3 => !c,                // CC/LO
            4 => n,                 // MI
            5 => !n,                // PL
            6 => v,                 // VS
            7 => !v,                // VC
            8 => c && !z,           // HI
            9 => !c || z,           // LS
            10 => n == v,           // GE
            11 => n != v,           // LT
            12 => !z && n == v,     // GT
            13 => z || n != v,      // LE
            _ => true,              // AL, NV
        };
    }
}
