using System.Buffers.Binary;
using System.Security.Cryptography;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Crypto;

/// <summary>
/// AESE, AESD, AESMC, AESIMC against the FIPS-197 known answers: one round of the Appendix B
/// example, and full AES-128 encryption and decryption (Appendix B and C.1) by a guest program with
/// the round keys expanded here (FIPS-197 5.2), also compared with System.Security.Cryptography.Aes.
/// </summary>
public sealed class AesTests
{
    /// <summary>The S-box of FIPS-197 Figure 7, for the key expansion.</summary>
    private static readonly byte[] SBox =
    [
        0x63, 0x7C, 0x77, 0x7B, 0xF2, 0x6B, 0x6F, 0xC5, 0x30, 0x01, 0x67, 0x2B, 0xFE, 0xD7, 0xAB, 0x76,
        0xCA, 0x82, 0xC9, 0x7D, 0xFA, 0x59, 0x47, 0xF0, 0xAD, 0xD4, 0xA2, 0xAF, 0x9C, 0xA4, 0x72, 0xC0,
        0xB7, 0xFD, 0x93, 0x26, 0x36, 0x3F, 0xF7, 0xCC, 0x34, 0xA5, 0xE5, 0xF1, 0x71, 0xD8, 0x31, 0x15,
        0x04, 0xC7, 0x23, 0xC3, 0x18, 0x96, 0x05, 0x9A, 0x07, 0x12, 0x80, 0xE2, 0xEB, 0x27, 0xB2, 0x75,
        0x09, 0x83, 0x2C, 0x1A, 0x1B, 0x6E, 0x5A, 0xA0, 0x52, 0x3B, 0xD6, 0xB3, 0x29, 0xE3, 0x2F, 0x84,
        0x53, 0xD1, 0x00, 0xED, 0x20, 0xFC, 0xB1, 0x5B, 0x6A, 0xCB, 0xBE, 0x39, 0x4A, 0x4C, 0x58, 0xCF,
        0xD0, 0xEF, 0xAA, 0xFB, 0x43, 0x4D, 0x33, 0x85, 0x45, 0xF9, 0x02, 0x7F, 0x50, 0x3C, 0x9F, 0xA8,
        0x51, 0xA3, 0x40, 0x8F, 0x92, 0x9D, 0x38, 0xF5, 0xBC, 0xB6, 0xDA, 0x21, 0x10, 0xFF, 0xF3, 0xD2,
        0xCD, 0x0C, 0x13, 0xEC, 0x5F, 0x97, 0x44, 0x17, 0xC4, 0xA7, 0x7E, 0x3D, 0x64, 0x5D, 0x19, 0x73,
        0x60, 0x81, 0x4F, 0xDC, 0x22, 0x2A, 0x90, 0x88, 0x46, 0xEE, 0xB8, 0x14, 0xDE, 0x5E, 0x0B, 0xDB,
        0xE0, 0x32, 0x3A, 0x0A, 0x49, 0x06, 0x24, 0x5C, 0xC2, 0xD3, 0xAC, 0x62, 0x91, 0x95, 0xE4, 0x79,
        0xE7, 0xC8, 0x37, 0x6D, 0x8D, 0xD5, 0x4E, 0xA9, 0x6C, 0x56, 0xF4, 0xEA, 0x65, 0x7A, 0xAE, 0x08,
        0xBA, 0x78, 0x25, 0x2E, 0x1C, 0xA6, 0xB4, 0xC6, 0xE8, 0xDD, 0x74, 0x1F, 0x4B, 0xBD, 0x8B, 0x8A,
        0x70, 0x3E, 0xB5, 0x66, 0x48, 0x03, 0xF6, 0x0E, 0x61, 0x35, 0x57, 0xB9, 0x86, 0xC1, 0x1D, 0x9E,
        0xE1, 0xF8, 0x98, 0x11, 0x69, 0xD9, 0x8E, 0x94, 0x9B, 0x1E, 0x87, 0xE9, 0xCE, 0x55, 0x28, 0xDF,
        0x8C, 0xA1, 0x89, 0x0D, 0xBF, 0xE6, 0x42, 0x68, 0x41, 0x99, 0x2D, 0x0F, 0xB0, 0x54, 0xBB, 0x16,
    ];

    /// <summary>FIPS-197 5.2 KeyExpansion for Nk = 4: the 11 round keys, 176 bytes in order.</summary>
    private static byte[] ExpandKey128(ReadOnlySpan<byte> key)
    {
        byte[] w = new byte[176];
        key.CopyTo(w);
        byte rcon = 1;
        Span<byte> temp = stackalloc byte[4];
        for (int i = 4; i < 44; i++)
        {
            w.AsSpan(4 * (i - 1), 4).CopyTo(temp);
            if (i % 4 == 0)
            {
                byte first = temp[0];
                temp[0] = (byte)(SBox[temp[1]] ^ rcon);
                temp[1] = SBox[temp[2]];
                temp[2] = SBox[temp[3]];
                temp[3] = SBox[first];
                rcon = (byte)((rcon << 1) ^ ((rcon & 0x80) != 0 ? 0x1B : 0));
            }
            for (int j = 0; j < 4; j++)
                w[4 * i + j] = (byte)(w[4 * (i - 4) + j] ^ temp[j]);
        }
        return w;
    }

    private static (ulong Low, ulong High) Vector(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
    }

    private static GuestMachine RunRound(uint[] words, string state, string key)
    {
        GuestMachine m = CryptoGuest.Prepare(words);
        var (sl, sh) = Vector(state);
        var (kl, kh) = Vector(key);
        m.Core.SetV(0, sl, sh);
        m.Core.SetV(1, kl, kh);
        m.RunToEnd();
        return m;
    }

    private static void AssertV(GuestMachine m, uint n, string expectedHex)
    {
        var (low, high) = Vector(expectedHex);
        Assert.True(m.Core.GetVLow(n) == low && m.Core.GetVHigh(n) == high,
            $"v{n} = {m.Core.GetVHigh(n):x16}:{m.Core.GetVLow(n):x16}, expected {high:x16}:{low:x16} ({expectedHex})");
    }

    private const string Fips197Input = "3243F6A8885A308D313198A2E0370734";
    private const string Fips197Key = "2B7E151628AED2A6ABF7158809CF4F3C";

    [Fact]
    public void Aese_IsAddRoundKeyShiftRowsSubBytes_OfFips197Round1()
    {
        // Appendix B round 1: start 193de3be..., after SubBytes and ShiftRows d4bf5d30 e0b452ae b84111f1 1e2798e5.
        GuestMachine m = RunRound([0x4E28_4820], Fips197Input, Fips197Key); // aese v0.16b, v1.16b
        AssertV(m, 0, "D4BF5D30E0B452AEB84111F11E2798E5");
        AssertV(m, 1, Fips197Key);
    }

    [Fact]
    public void AeseAesmc_GiveTheFips197Round1MixColumnsOutput()
    {
        GuestMachine m = RunRound(
        [
            0x4E28_4820, // aese v0.16b, v1.16b
            0x4E28_6800, // aesmc v0.16b, v0.16b
        ], Fips197Input, Fips197Key);
        AssertV(m, 0, "046681E5E0CB199A48F8D37A2806264C"); // Appendix B round 1, after MixColumns
    }

    [Fact]
    public void AesimcAesd_UndoAesmcAese()
    {
        GuestMachine m = RunRound(
        [
            0x4E28_4820, // aese v0.16b, v1.16b
            0x4E28_6800, // aesmc v0.16b, v0.16b
            0x4E28_7800, // aesimc v0.16b, v0.16b
            0x4E28_5840, // aesd v0.16b, v2.16b (v2 = 0)
        ], Fips197Input, Fips197Key);
        // AESD(AESE(s, k), 0) = s EOR k: InvShiftRows/InvSubBytes undo ShiftRows/SubBytes.
        var (il, ih) = Vector(Fips197Input);
        var (kl, kh) = Vector(Fips197Key);
        Assert.Equal(il ^ kl, m.Core.GetVLow(0));
        Assert.Equal(ih ^ kh, m.Core.GetVHigh(0));
    }

    [Fact]
    public void AesmcAesimc_MixAndUnmixTheColumns_SourceUnchanged()
    {
        GuestMachine m = CryptoGuest.Prepare(
        [
            0x4E28_6820, // aesmc v0.16b, v1.16b
            0x4E28_7802, // aesimc v2.16b, v0.16b
        ]);
        var (l, h) = Vector("D4BF5D30E0B452AEB84111F11E2798E5");
        m.Core.SetV(0, 0x1111, 0x2222);
        m.Core.SetV(1, l, h);
        m.RunToEnd();
        AssertV(m, 0, "046681E5E0CB199A48F8D37A2806264C"); // FIPS-197 Appendix B round 1, MixColumns
        AssertV(m, 1, "D4BF5D30E0B452AEB84111F11E2798E5");
        AssertV(m, 2, "D4BF5D30E0B452AEB84111F11E2798E5");
    }

    [Theory]
    [InlineData(Fips197Key, Fips197Input, "3925841D02DC09FBDC118597196A0B32")] // FIPS-197 Appendix B
    [InlineData("000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF", "69C4E0D86A7B0430D8CDB78070B4C55A")] // Appendix C.1
    public void Aes128_EncryptsAndDecryptsTheFips197Examples(string keyHex, string plaintextHex, string ciphertextHex)
    {
        byte[] key = Convert.FromHexString(keyHex), plaintext = Convert.FromHexString(plaintextHex);
        byte[] roundKeys = ExpandKey128(key);
        if (keyHex == Fips197Key)
            Assert.Equal(Convert.FromHexString("D014F9A8C9EE2589E13F0CC8B6630CA6"), roundKeys.AsSpan(160).ToArray()); // Appendix A.1, w[40..43]

        const ulong block = GuestMachine.DataBase, keys = GuestMachine.DataBase + 0x100, decrypted = GuestMachine.DataBase + 0x200;
        GuestMachine m = CryptoGuest.Prepare(CryptoPrograms.Aes128);
        m.WriteBytes(block, plaintext);
        m.WriteBytes(keys, roundKeys);
        m.Core.X[0] = block;
        m.Core.X[1] = keys;
        m.Core.X[2] = decrypted;
        m.RunToEnd();

        byte[] ciphertext = m.ReadBytes(block, 16);
        Assert.Equal(Convert.FromHexString(ciphertextHex), ciphertext);
        using (Aes aes = Aes.Create())
        {
            aes.Key = key;
            Assert.Equal(aes.EncryptEcb(plaintext, PaddingMode.None), ciphertext);
        }
        Assert.Equal(plaintext, m.ReadBytes(decrypted, 16));
    }
}
