using System.Numerics;

namespace Emulator.Cpu.Instructions.Crypto;

/// <summary>
/// The SHA helper functions of the Arm ARM (shared/functions/crypto: SHAchoose, SHAparity,
/// SHAmajority, SHAhashSIGMA0, SHAhashSIGMA1, and ROL/ROR of shared/functions/common), and the
/// 32-bit words of a 128-bit register value (Elem[X, e, 32]).
/// </summary>
internal static class ShaFunctions
{
    /// <summary>SHAchoose(x, y, z) = ((y EOR z) AND x) EOR z.</summary>
    public static uint Choose(uint x, uint y, uint z) => ((y ^ z) & x) ^ z;

    /// <summary>SHAparity(x, y, z) = x EOR y EOR z.</summary>
    public static uint Parity(uint x, uint y, uint z) => x ^ y ^ z;

    /// <summary>SHAmajority(x, y, z) = (x AND y) OR ((x OR y) AND z).</summary>
    public static uint Majority(uint x, uint y, uint z) => (x & y) | ((x | y) & z);

    /// <summary>SHAhashSIGMA0(x) = ROR(x, 2) EOR ROR(x, 13) EOR ROR(x, 22).</summary>
    public static uint HashSigma0(uint x) => BitOperations.RotateRight(x, 2) ^ BitOperations.RotateRight(x, 13) ^ BitOperations.RotateRight(x, 22);

    /// <summary>SHAhashSIGMA1(x) = ROR(x, 6) EOR ROR(x, 11) EOR ROR(x, 25).</summary>
    public static uint HashSigma1(uint x) => BitOperations.RotateRight(x, 6) ^ BitOperations.RotateRight(x, 11) ^ BitOperations.RotateRight(x, 25);

    /// <summary>The message-schedule sigma0 of SHA256SU0: ROR(x, 7) EOR ROR(x, 18) EOR LSR(x, 3).</summary>
    public static uint ScheduleSigma0(uint x) => BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);

    /// <summary>The message-schedule sigma1 of SHA256SU1: ROR(x, 17) EOR ROR(x, 19) EOR LSR(x, 10).</summary>
    public static uint ScheduleSigma1(uint x) => BitOperations.RotateRight(x, 17) ^ BitOperations.RotateRight(x, 19) ^ (x >> 10);

    /// <summary>ROL(x, shift) on 32 bits.</summary>
    public static uint Rol(uint x, int shift) => BitOperations.RotateLeft(x, shift);

    /// <summary>The lower 32-bit word of a 64-bit half.</summary>
    public static uint Low(ulong half) => (uint)half;

    /// <summary>The upper 32-bit word of a 64-bit half.</summary>
    public static uint High(ulong half) => (uint)(half >> 32);

    /// <summary>Two 32-bit words as a 64-bit half (low word first).</summary>
    public static ulong Pack(uint low, uint high) => low | (ulong)high << 32;
}
