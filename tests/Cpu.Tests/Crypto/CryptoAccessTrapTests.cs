using Emulator.Cpu.Decoding;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Crypto;

/// <summary>
/// The Cryptographic Extension rows: with CPACR_EL1.FPEN = 00 every one takes the SIMD&amp;FP access
/// trap (EC 0x07) and changes nothing; the unallocated sizes and opcodes of their groups stay
/// UNDEFINED; ID_AA64ISAR0_EL1 advertises them as QEMU's cortex-a57 does (AES = 0010, SHA1 = 0001,
/// SHA2 = 0001).
/// </summary>
public sealed class CryptoAccessTrapTests
{
    public static TheoryData<uint, string> OnePerRow => new()
    {
        { 0x4E28_4820, "aese v0.16b, v1.16b" },
        { 0x4E28_5820, "aesd v0.16b, v1.16b" },
        { 0x4E28_6820, "aesmc v0.16b, v1.16b" },
        { 0x4E28_7820, "aesimc v0.16b, v1.16b" },
        { 0x5E02_0020, "sha1c q0, s1, v2.4s" },
        { 0x5E02_1020, "sha1p q0, s1, v2.4s" },
        { 0x5E02_2020, "sha1m q0, s1, v2.4s" },
        { 0x5E02_3020, "sha1su0 v0.4s, v1.4s, v2.4s" },
        { 0x5E02_4020, "sha256h q0, q1, v2.4s" },
        { 0x5E02_5020, "sha256h2 q0, q1, v2.4s" },
        { 0x5E02_6020, "sha256su1 v0.4s, v1.4s, v2.4s" },
        { 0x5E28_0820, "sha1h s0, s1" },
        { 0x5E28_1820, "sha1su1 v0.4s, v1.4s" },
        { 0x5E28_2820, "sha256su0 v0.4s, v1.4s" },
        { 0x0EE2_E020, "pmull v0.1q, v1.1d, v2.1d" },
        { 0x4EE2_E020, "pmull2 v0.1q, v1.2d, v2.2d" },
    };

    [Fact]
    public void TheListCoversEveryCryptoRow()
    {
        var rows = new HashSet<string>();
        foreach (object[] item in OnePerRow)
            rows.Add(A64Decoder.Instance.Find((uint)item[0])!.Name);
        int count = 0;
        foreach (A64Encoding e in A64Decoder.Instance.Table)
        {
            if (e.Op >= A64Op.CryptoAese && e.Op <= A64Op.CryptoPolynomialMultiplyLong64)
            {
                count++;
                Assert.True(rows.Contains(e.Name), $"no trap test for '{e.Name}'");
                Assert.Equal(DifferentialGroup.FpSimd, e.Differential);
            }
        }
        Assert.Equal(15, count);
    }

    [Theory]
    [MemberData(nameof(OnePerRow))]
    public void TrapsWhenFpIsDisabled(uint word, string disassembly)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.SetV(0, 0x1234, 0x5678);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x1FE0_0000 && m.Elr == GuestMachine.CodeBase, $"{disassembly}: ESR 0x{m.Esr:x} ELR 0x{m.Elr:x}");
        Assert.Equal(0x07u, m.ExceptionClass);
        Assert.Equal(0x1234UL, m.Core.GetVLow(0));
        Assert.Equal(0x5678UL, m.Core.GetVHigh(0));
    }

    public static TheoryData<uint, string> Unallocated => new()
    {
        { 0x4E68_4820, "AESE with size 01" },
        { 0x4E28_0820, "Cryptographic AES opcode 00000" },
        { 0x5E02_7020, "Cryptographic three-register SHA opcode 111" },
        { 0x5E42_0020, "SHA1C with size 01" },
        { 0x5E28_3820, "Cryptographic two-register SHA opcode 00011" },
        { 0x0E62_E020, "PMULL size 01" },
        { 0x0EA2_E020, "PMULL size 10" },
        { 0xCE62_8020, "sha512h q0, q1, v2.2d (FEAT_SHA512)" },
    };

    [Theory]
    [MemberData(nameof(Unallocated))]
    public void UnallocatedEncodingsAreUndefined(uint word, string description)
    {
        Assert.Null(A64Decoder.Instance.Find(word));
        GuestMachine m = CryptoGuest.Prepare([word]);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x0200_0000, $"{description}: ESR 0x{m.Esr:x}");
    }

    [Fact]
    public void IdAa64Isar0_AdvertisesAesPmullSha1Sha256()
    {
        GuestMachine m = GuestMachine.Execute(Mrs(X0, new SysRegister(3, 0, 0, 6, 0)));
        Assert.Equal(0b0010UL, (m.X(0) >> 4) & 0xF);  // AES: AESE/AESD/AESMC/AESIMC and PMULL/PMULL2 (64-bit)
        Assert.Equal(0b0001UL, (m.X(0) >> 8) & 0xF);  // SHA1
        Assert.Equal(0b0001UL, (m.X(0) >> 12) & 0xF); // SHA2: SHA256 only
        Assert.Equal(0b0001UL, (m.X(0) >> 16) & 0xF); // CRC32
        Assert.Equal(0b0010UL, (m.X(0) >> 20) & 0xF); // Atomic
        Assert.Equal(0UL, m.X(0) & ~0xFF_FFF0UL);
    }
}
