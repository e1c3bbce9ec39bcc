using System.Buffers.Binary;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Crypto;

/// <summary>Runs the crypto guest programs: SIMD&amp;FP enabled, data at <see cref="GuestMachine.DataBase"/>.</summary>
internal static class CryptoGuest
{
    /// <summary>A machine with <paramref name="program"/> then HVC #0 loaded, CPACR_EL1.FPEN = 11, HVC vectors installed.</summary>
    public static GuestMachine Prepare(uint[] program)
    {
        var m = GuestMachine.Load([.. program, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        return m;
    }

    /// <summary>Writes 32-bit words, little-endian, from <paramref name="address"/>.</summary>
    public static void WriteWords32(GuestMachine m, ulong address, ReadOnlySpan<uint> words)
    {
        for (int i = 0; i < words.Length; i++)
            m.Write32(address + 4 * (ulong)i, words[i]);
    }

    /// <summary>
    /// The SHA-1/SHA-256 message padding (FIPS 180-4 5.1.1): the message, a 1 bit, zeros, and
    /// the length in bits as a 64-bit big-endian number, to a multiple of 64 bytes.
    /// </summary>
    public static byte[] Pad(ReadOnlySpan<byte> message)
    {
        int length = (message.Length + 9 + 63) / 64 * 64;
        byte[] padded = new byte[length];
        message.CopyTo(padded);
        padded[message.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(length - 8), (ulong)message.Length * 8);
        return padded;
    }

    /// <summary>
    /// Runs a SHA block program once per 64-byte block of the padded message (x0 = state,
    /// x1 = block, x2 = constants) and returns the final state words as the big-endian digest.
    /// </summary>
    public static byte[] Hash(uint[] program, ReadOnlySpan<byte> message, uint[] initialState, uint[] constants)
    {
        const ulong state = GuestMachine.DataBase, block = GuestMachine.DataBase + 0x100, k = GuestMachine.DataBase + 0x200;
        byte[] padded = Pad(message);
        uint[] h = (uint[])initialState.Clone();
        for (int offset = 0; offset < padded.Length; offset += 64)
        {
            GuestMachine m = Prepare(program);
            WriteWords32(m, state, h);
            m.WriteBytes(block, padded.AsSpan(offset, 64));
            WriteWords32(m, k, constants);
            m.Core.X[0] = state;
            m.Core.X[1] = block;
            m.Core.X[2] = k;
            m.RunToEnd();
            for (int i = 0; i < h.Length; i++)
                h[i] = m.Read32(state + 4 * (ulong)i);
        }
        byte[] digest = new byte[4 * h.Length];
        for (int i = 0; i < h.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4 * i), h[i]);
        return digest;
    }
}
