using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Crypto;

/// <summary>
/// The Cryptographic Extension handlers in translated blocks: a loop of every crypto instruction
/// runs 300 times on an interpreting and a translating machine; both end with the registers
/// qemu-system-aarch64 (-cpu cortex-a57) computed for the same program and initial state, and
/// with the same observable state.
/// </summary>
public sealed class CryptoBlockTests
{
    private static readonly uint[] Loop =
    [
        0xD280_2580, // mov x0, #300
        0x4E28_4820, // aese v0.16b, v1.16b
        0x4E28_6800, // aesmc v0.16b, v0.16b
        0x4E28_5862, // aesd v2.16b, v3.16b
        0x4E28_7842, // aesimc v2.16b, v2.16b
        0x5E28_0804, // sha1h s4, s0
        0x5E06_0085, // sha1c q5, s4, v6.4s
        0x5E01_10A7, // sha1p q7, s5, v1.4s
        0x5E02_20E8, // sha1m q8, s7, v2.4s
        0x5E08_3009, // sha1su0 v9.4s, v0.4s, v8.4s
        0x5E28_18A9, // sha1su1 v9.4s, v5.4s
        0x5E09_416A, // sha256h q10, q11, v9.4s
        0x5E09_518B, // sha256h2 q11, q12, v9.4s
        0x5E28_294C, // sha256su0 v12.4s, v10.4s
        0x5E07_616C, // sha256su1 v12.4s, v11.4s, v7.4s
        0x0EE0_E18D, // pmull v13.1q, v12.1d, v0.1d
        0x4EE9_E1AE, // pmull2 v14.1q, v13.2d, v9.2d
        0x6E2E_1DEF, // eor v15.16b, v15.16b, v14.16b
        0x4EAD_8421, // add v1.4s, v1.4s, v13.4s
        0xF100_0400, // subs x0, x0, #1
        0x54FF_FDA1, // b.ne loop
        GuestMachine.EndMarker,
    ];

    // V0..V15 after the loop on QEMU, from V[i] = (0x0123456789ABCDEF * (i + 1), 0xFEDCBA9876543210 ^ (i * 0x1111111111111111)).
    private static readonly ulong[,] Expected =
    {
        { 0x40F36AAD80F28C04, 0x96DA77285480402D }, // V0
        { 0x4942F54787D267BC, 0x3E1587CA3F0A4506 }, // V1
        { 0xE1C28F53A97E7887, 0x0CECF930D10D4492 }, // V2
        { 0x048D159E26AF37BC, 0xCDEF89AB45670123 }, // V3
        { 0x00000000203CA301, 0x0000000000000000 }, // V4
        { 0x43EF3AF53FF49EC4, 0xBB44B4BE1265A112 }, // V5
        { 0x07F6E5D4C3B2A189, 0x98BADCFE10325476 }, // V6
        { 0x3FF9725585BC8E99, 0x0BEE1086529BE0F8 }, // V7
        { 0x9F0B3BAAAAAD9DC6, 0x39723C05341FCFB8 }, // V8
        { 0xA7D2505DFA60647F, 0xACA5415C3CA9D705 }, // V9
        { 0x99C6B0AA54F81749, 0x11D51A14B9B031D5 }, // V10
        { 0x70059944E1C34BCB, 0xEEAA99F2E6C68272 }, // V11
        { 0x0278A162637D8822, 0x9C35D23006808903 }, // V12
        { 0xB9AD7D7EDC22B888, 0x009FE4F0CAA1D029 }, // V13
        { 0x38C96B9318CB1F8D, 0x005AD09BE6776054 }, // V14
        { 0xE0BA79A1BBB502BA, 0x225BAC9EE7AB4411 }, // V15
    };

    [Fact]
    public void LoopOfEveryCryptoInstruction_InterpretedAndTranslated_EndAsOnQemu()
    {
        var pair = BlockEquivalence.Plain(Loop);
        pair.ForBoth(m =>
        {
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            for (uint i = 0; i < 16; i++)
                m.Core.SetV(i, 0x0123456789ABCDEFUL * (i + 1), 0xFEDCBA9876543210UL ^ (i * 0x1111111111111111UL));
        });
        pair.RunToEnd();
        pair.AssertTranslated();
        pair.AssertSame("after the crypto loop");
        foreach (GuestMachine m in pair.Both)
        {
            string side = m.Core.BlockTranslation ? "translated" : "interpreted";
            for (uint i = 0; i < 16; i++)
            {
                Assert.True(Expected[i, 0] == m.Core.GetVLow(i) && Expected[i, 1] == m.Core.GetVHigh(i),
                    $"{side} V{i}: expected {Expected[i, 1]:x16}:{Expected[i, 0]:x16}, got {m.Core.GetVHigh(i):x16}:{m.Core.GetVLow(i):x16}");
            }
        }
    }
}
