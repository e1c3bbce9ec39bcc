namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// AND, BIC, ORR (MOV), ORN, EOR, BSL, BIT, BIF: each word run from a seeded initial state (see <see cref="SimdMiscMachine"/>),
/// the registers that changed compared with those qemu-system-aarch64 (cortex-a57) left from the
/// same state. Words come from aarch64-linux-gnu-as; the reserved encodings were made from them by
/// changing the named fields, and QEMU took the UNDEFINED exception for each.
/// </summary>
public sealed class SimdBitwiseQemuRecordedTests
{
    public static TheoryData<uint, string, int, string> Recorded => new()
    {
        { 0x0E22_1C20, "and v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:629000002a102002" },
        { 0x0E22_1C20, "and v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:8000ff8000804000" },
        { 0x4E22_1C20, "and v0.16b, v1.16b, v2.16b", 0, "v0=151aaa00433e2801:629000002a102002" },
        { 0x4E22_1C20, "and v0.16b, v1.16b, v2.16b", 1, "v0=6e8080402c498000:8000ff8000804000" },
        { 0x0E62_1C20, "bic v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:8408408090a10a00" },
        { 0x0E62_1C20, "bic v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:7f00000000003f40" },
        { 0x4E62_1C20, "bic v0.16b, v1.16b, v2.16b", 0, "v0=80204170240001ca:8408408090a10a00" },
        { 0x4E62_1C20, "bic v0.16b, v1.16b, v2.16b", 1, "v0=8000000000007e00:7f00000000003f40" },
        { 0x0EA2_1C20, "orr v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:f7db7be6fabf2bda" },
        { 0x0EA2_1C20, "orr v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:ff01fffe52fe7ff3" },
        { 0x4EA2_1C20, "orr v0.16b, v1.16b, v2.16b", 0, "v0=bffafff6efbeabdb:f7db7be6fabf2bda" },
        { 0x4EA2_1C20, "orr v0.16b, v1.16b, v2.16b", 1, "v0=fffffe40ffffff01:ff01fffe52fe7ff3" },
        { 0x0EE2_1C20, "orn v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:eebcc499bff1fe27" },
        { 0x0EE2_1C20, "orn v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:fffeff81ad81ff4c" },
        { 0x4EE2_1C20, "orn v0.16b, v1.16b, v2.16b", 0, "v0=d53feb79777f7def:eebcc499bff1fe27" },
        { 0x4EE2_1C20, "orn v0.16b, v1.16b, v2.16b", 1, "v0=ee8081ff2c49fefe:fffeff81ad81ff4c" },
        { 0x2E22_1C20, "eor v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:954b7be6d0af0bd8" },
        { 0x2E22_1C20, "eor v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:7f01007e527e3ff3" },
        { 0x6E22_1C20, "eor v0.16b, v1.16b, v2.16b", 0, "v0=aae055f6ac8083da:954b7be6d0af0bd8" },
        { 0x6E22_1C20, "eor v0.16b, v1.16b, v2.16b", 1, "v0=917f7e00d3b67f01:7f01007e527e3ff3" },
        { 0x2E62_1C20, "bsl v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:72985a823a3c280a" },
        { 0x2E62_1C20, "bsl v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:ff00ffa652807eb3" },
        { 0x6E62_1C20, "bsl v0.16b, v1.16b, v2.16b", 0, "v0=3f9aaa506fbea809:72985a823a3c280a" },
        { 0x6E62_1C20, "bsl v0.16b, v1.16b, v2.16b", 1, "v0=eeffbe402cff8000:ff00ffa652807eb3" },
        { 0x2EA2_1C20, "bit v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:6298c0803b302c07" },
        { 0x2EA2_1C20, "bit v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:fffeff800181fe00" },
        { 0x6EA2_1C20, "bit v0.16b, v1.16b, v2.16b", 0, "v0=151eaa51773e6c0d:6298c0803b302c07" },
        { 0x6EA2_1C20, "bit v0.16b, v1.16b, v2.16b", 1, "v0=ee80806b2c4980ea:fffeff800181fe00" },
        { 0x2EE2_1C20, "bif v0.8b, v1.8b, v2.8b", 0, "v0=0000000000000000:e7cb61e4d8b30bd2" },
        { 0x2EE2_1C20, "bif v0.8b, v1.8b, v2.8b", 1, "v0=0000000000000000:ff01fe58007e7f40" },
        { 0x6EE2_1C20, "bif v0.16b, v1.16b, v2.16b", 0, "v0=84687df6e43c23da:e7cb61e4d8b30bd2" },
        { 0x6EE2_1C20, "bif v0.16b, v1.16b, v2.16b", 1, "v0=ff804000ff407f01:ff01fe58007e7f40" },
        { 0x4EA1_1C20, "mov v0.16b, v1.16b", 0, "v0=953aeb70673e29cb:e6984080bab12a02" },
        { 0x4EA1_1C20, "mov v0.16b, v1.16b", 1, "v0=ee8080402c49fe00:ff00ff8000807f40" },
        { 0x0EA1_1C20, "mov v0.8b, v1.8b", 0, "v0=0000000000000000:e6984080bab12a02" },
        { 0x0EA1_1C20, "mov v0.8b, v1.8b", 1, "v0=0000000000000000:ff00ff8000807f40" },
        { 0x6E62_1C21, "bsl v1.16b, v1.16b, v2.16b", 0, "v1=bffafff6efbeabdb:f7db7be6fabf2bda" },
        { 0x6E62_1C21, "bsl v1.16b, v1.16b, v2.16b", 1, "v1=fffffe40ffffff01:ff01fffe52fe7ff3" },
        { 0x6EE2_1C22, "bif v2.16b, v1.16b, v2.16b", 0, "v2=bffafff6efbeabdb:f7db7be6fabf2bda" },
        { 0x6EE2_1C22, "bif v2.16b, v1.16b, v2.16b", 1, "v2=fffffe40ffffff01:ff01fffe52fe7ff3" },
        { 0x6E23_1C63, "eor v3.16b, v3.16b, v3.16b", 0, "v3=0000000000000000:0000000000000000" },
        { 0x6E23_1C63, "eor v3.16b, v3.16b, v3.16b", 1, "v3=0000000000000000:0000000000000000" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void MatchesQemu(uint word, string disassembly, int seed, string expected) =>
        SimdMiscMachine.Check(word, disassembly, seed, expected);
}
