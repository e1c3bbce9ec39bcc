using System.Buffers.Binary;

namespace Emulator.Cpu.Instructions.Crypto;

/// <summary>
/// The AES state transformations of the Arm ARM (shared/functions/crypto: AESSubBytes,
/// AESInvSubBytes, AESShiftRows, AESInvShiftRows, AESMixColumns, AESInvMixColumns), which are those
/// of FIPS-197 section 5.1 and 5.3 on a 128-bit state whose byte i (bits 8i+7:8i) is s[i mod 4, i / 4]
/// (row i mod 4, column i / 4). The state is handled as 16 bytes on the stack: no allocation.
/// </summary>
internal static class AesFunctions
{
    /// <summary>The AES S-box (FIPS-197 Figure 7): the multiplicative inverse in GF(2^8) followed by the affine transformation.</summary>
    private static readonly byte[] SBox = BuildSBox();

    /// <summary>The inverse S-box (FIPS-197 Figure 14).</summary>
    private static readonly byte[] InvSBox = BuildInvSBox(SBox);

    /// <summary>Writes the 128-bit value (low, high) as the 16 state bytes.</summary>
    public static void Load(Span<byte> state, ulong low, ulong high)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(state, low);
        BinaryPrimitives.WriteUInt64LittleEndian(state[8..], high);
    }

    /// <summary>The 16 state bytes as the 128-bit value (low, high).</summary>
    public static void Store(ReadOnlySpan<byte> state, out ulong low, out ulong high)
    {
        low = BinaryPrimitives.ReadUInt64LittleEndian(state);
        high = BinaryPrimitives.ReadUInt64LittleEndian(state[8..]);
    }

    /// <summary>AESSubBytes (Arm ARM shared/functions/crypto/AESSubBytes): every byte through the S-box.</summary>
    public static void SubBytes(Span<byte> state)
    {
        for (int i = 0; i < 16; i++)
            state[i] = SBox[state[i]];
    }

    /// <summary>AESInvSubBytes (Arm ARM shared/functions/crypto/AESInvSubBytes): every byte through the inverse S-box.</summary>
    public static void InvSubBytes(Span<byte> state)
    {
        for (int i = 0; i < 16; i++)
            state[i] = InvSBox[state[i]];
    }

    /// <summary>AESShiftRows (Arm ARM shared/functions/crypto/AESShiftRows): row r rotates left by r columns, s'[r, c] = s[r, (c + r) mod 4].</summary>
    public static void ShiftRows(Span<byte> state)
    {
        Span<byte> old = stackalloc byte[16];
        state.CopyTo(old);
        for (int c = 0; c < 4; c++)
        {
            for (int r = 0; r < 4; r++)
                state[r + 4 * c] = old[r + 4 * ((c + r) & 3)];
        }
    }

    /// <summary>AESInvShiftRows (Arm ARM shared/functions/crypto/AESInvShiftRows): row r rotates right by r columns, s'[r, (c + r) mod 4] = s[r, c].</summary>
    public static void InvShiftRows(Span<byte> state)
    {
        Span<byte> old = stackalloc byte[16];
        state.CopyTo(old);
        for (int c = 0; c < 4; c++)
        {
            for (int r = 0; r < 4; r++)
                state[r + 4 * ((c + r) & 3)] = old[r + 4 * c];
        }
    }

    /// <summary>AESMixColumns (Arm ARM shared/functions/crypto/AESMixColumns): each column times {03}x^3 + {01}x^2 + {01}x + {02} modulo x^4 + 1 (FIPS-197 5.1.3).</summary>
    public static void MixColumns(Span<byte> state)
    {
        for (int c = 0; c < 4; c++)
        {
            Span<byte> column = state.Slice(4 * c, 4);
            byte a0 = column[0], a1 = column[1], a2 = column[2], a3 = column[3];
            column[0] = (byte)(FFmul(a0, 2) ^ FFmul(a1, 3) ^ a2 ^ a3);
            column[1] = (byte)(a0 ^ FFmul(a1, 2) ^ FFmul(a2, 3) ^ a3);
            column[2] = (byte)(a0 ^ a1 ^ FFmul(a2, 2) ^ FFmul(a3, 3));
            column[3] = (byte)(FFmul(a0, 3) ^ a1 ^ a2 ^ FFmul(a3, 2));
        }
    }

    /// <summary>AESInvMixColumns (Arm ARM shared/functions/crypto/AESInvMixColumns): each column times {0b}x^3 + {0d}x^2 + {09}x + {0e} modulo x^4 + 1 (FIPS-197 5.3.3).</summary>
    public static void InvMixColumns(Span<byte> state)
    {
        for (int c = 0; c < 4; c++)
        {
            Span<byte> column = state.Slice(4 * c, 4);
            byte a0 = column[0], a1 = column[1], a2 = column[2], a3 = column[3];
            column[0] = (byte)(FFmul(a0, 0x0E) ^ FFmul(a1, 0x0B) ^ FFmul(a2, 0x0D) ^ FFmul(a3, 0x09));
            column[1] = (byte)(FFmul(a0, 0x09) ^ FFmul(a1, 0x0E) ^ FFmul(a2, 0x0B) ^ FFmul(a3, 0x0D));
            column[2] = (byte)(FFmul(a0, 0x0D) ^ FFmul(a1, 0x09) ^ FFmul(a2, 0x0E) ^ FFmul(a3, 0x0B));
            column[3] = (byte)(FFmul(a0, 0x0B) ^ FFmul(a1, 0x0D) ^ FFmul(a2, 0x09) ^ FFmul(a3, 0x0E));
        }
    }

    /// <summary>The product of two elements of GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 (FIPS-197 4.2; the FFmul02/FFmul03/... tables of the Arm ARM).</summary>
    public static int FFmul(int a, int b)
    {
        int product = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
                product ^= a;
            a <<= 1;
            if ((a & 0x100) != 0)
                a ^= 0x11B;
            b >>= 1;
        }
        return product;
    }

    private static byte[] BuildSBox()
    {
        var box = new byte[256];
        for (int x = 0; x < 256; x++)
        {
            // Multiplicative inverse (0 maps to 0): x^254.
            int inverse = 1, power = x;
            for (int e = 254; e != 0; e >>= 1)
            {
                if ((e & 1) != 0)
                    inverse = FFmul(inverse, power);
                power = FFmul(power, power);
            }
            if (x == 0)
                inverse = 0;
            // Affine transformation (FIPS-197 equation 5.1): b ^ rotl(b, 1..4) ^ 0x63.
            int b = inverse;
            int s = b ^ Rotl8(b, 1) ^ Rotl8(b, 2) ^ Rotl8(b, 3) ^ Rotl8(b, 4) ^ 0x63;
            box[x] = (byte)s;
        }
        return box;
    }

    private static byte[] BuildInvSBox(byte[] box)
    {
        var inverse = new byte[256];
        for (int x = 0; x < 256; x++)
            inverse[box[x]] = (byte)x;
        return inverse;
    }

    private static int Rotl8(int b, int n) => ((b << n) | (b >> (8 - n))) & 0xFF;
}
