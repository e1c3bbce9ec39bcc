using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// The handlers in translated blocks: a loop of Advanced SIMD integer instructions of every group
/// runs 300 times on an interpreting and a translating machine; both end with the registers
/// qemu-system-aarch64 (-cpu cortex-a57) computed for the same program and initial state.
/// </summary>
public sealed class SimdArithmeticBlockTests
{
    private static readonly uint[] Loop =
    [
        0xD2802580, // mov x0, #300
        0x4E210C00, // sqadd v0.16b, v0.16b, v1.16b
        0x4F3D1403, // ssra v3.4s, v0.4s, #3
        0x0FA22024, // smlal v4.2d, v1.2s, v2.s[1]
        0x4E60BCA5, // addp v5.8h, v5.8h, v0.8h
        0x4F72D026, // sqrdmulh v6.8h, v1.8h, v2.h[3]
        0x6EE25CE7, // uqrshl v7.2d, v7.2d, v2.2d
        0x6F0D8488, // sqshrun2 v8.16b, v4.8h, #3
        0x6EA33409, // cmhi v9.4s, v0.4s, v3.4s
        0x6EA3502A, // uabal2 v10.2d, v1.4s, v3.4s
        0x5F72782B, // sqdmlsl s11, h1, v2.h[7]
        0x5F41558C, // shl d12, d12, #1
        0x7F40142C, // usra d12, d1, #64
        0x4E2DE02D, // pmull2 v13.8h, v1.16b, v13.16b
        0x2E6E942E, // mls v14.4h, v1.4h, v14.4h
        0x4EA28421, // add v1.4s, v1.4s, v2.4s
        0xF1000400, // subs x0, x0, #1
        0x54FFFE01, // b.ne loop
        GuestMachine.EndMarker,
    ];

    // V0..V15 after the loop on QEMU, from V[i] = (0x0123456789ABCDEF * (i + 1), 0xFEDCBA9876543210 ^ (i * 0x1111111111111111)), FPSR = 0.
    private static readonly ulong[,] Expected =
    {
        { 0x802C21D1647FCCE5, 0x7F7F7FAF445C8D7F }, // V0
        { 0x02468A171357981A, 0xEA28A58161A01D99 }, // V1
        { 0x0369D0369D0369CD, 0xDCFE98BA54761032 }, // V2
        { 0xDADCFBB99110FCCC, 0x3FAC1AC9D3B44727 }, // V3
        { 0x01233DDE369E5E37, 0xB60BE7CFC963C714 }, // V4
        { 0xB6C076578D85A19A, 0xFF2ED1DBA1FD3164 }, // V5
        { 0xFFF8FE220327013C, 0x005A0057005A005B }, // V6
        { 0x0000000000000000, 0xFFFFFFFFFFFFFFFF }, // V7
        { 0x0A3D70A3D70A3D67, 0x0000000024FFFFFF }, // V8
        { 0x0000000000000000, 0xFFFFFFFF00000000 }, // V9
        { 0x0C83FBD88C04BF88, 0x5476109618F03422 }, // V10
        { 0x00000000383D1A77, 0x0000000000000000 }, // V11
        { 0x0000000000000000, 0x0000000000000000 }, // V12
        { 0x0000000000000000, 0x0000000000000000 }, // V13
        { 0x0000000000000000, 0x0000000000000000 }, // V14
        { 0x123456789ABCDEF0, 0x0123456789ABCDEF }, // V15
    };

    [Fact]
    public void LoopOfEveryGroup_InterpretedAndTranslated_EndAsOnQemu()
    {
        var pair = BlockEquivalence.Plain(Loop);
        pair.ForBoth(m =>
        {
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
            for (uint i = 0; i < 16; i++)
                m.Core.SetV(i, 0x0123456789ABCDEFUL * (i + 1), 0xFEDCBA9876543210UL ^ (i * 0x1111111111111111UL));
            m.Core.Fpsr = 0;
        });
        pair.RunToEnd();
        pair.AssertTranslated();
        foreach (GuestMachine m in pair.Both)
        {
            string side = m.Core.BlockTranslation ? "translated" : "interpreted";
            for (uint i = 0; i < 16; i++)
            {
                Assert.True(Expected[i, 0] == m.Core.GetVLow(i) && Expected[i, 1] == m.Core.GetVHigh(i),
                    $"{side} V{i}: expected {Expected[i, 1]:x16}:{Expected[i, 0]:x16}, got {m.Core.GetVHigh(i):x16}:{m.Core.GetVLow(i):x16}");
            }
            Assert.Equal(1u << 27, m.Core.Fpsr);
        }
    }
}
