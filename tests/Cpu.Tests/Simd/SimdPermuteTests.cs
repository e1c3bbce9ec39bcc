using static Emulator.Cpu.Tests.Simd.SimdMiscMachine;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>TBL/TBX, ZIP/UZP/TRN and EXT with values worked out from the Arm ARM pseudocode (aarch64/instrs/vector/transfer/vector/...).</summary>
public sealed class SimdPermuteTests
{
    // Bytes 00..0F and 10..1F: a table whose byte i holds i.
    private const ulong Lo0 = 0x0706_0504_0302_0100, Hi0 = 0x0F0E_0D0C_0B0A_0908;
    private const ulong Lo1 = 0x1716_1514_1312_1110, Hi1 = 0x1F1E_1D1C_1B1A_1918;

    // Indices, byte 0 first: 00 1F 20 FF 10 0F 01 11 | 08 07 06 05 02 1E 3F 40.
    private const ulong IndexLo = 0x1101_0F10_FF20_1F00, IndexHi = 0x403F_1E02_0506_0708;

    [Fact]
    public void Tbl_OutOfRangeIndicesGiveZero()
    {
        var m = Run(0x4E03_2020, c => { c.SetV(1, Lo0, Hi0); c.SetV(2, Lo1, Hi1); c.SetV(3, IndexLo, IndexHi); }); // tbl v0.16b, {v1.16b, v2.16b}, v3.16b
        Assert.Equal((0x0000_1E02_0506_0708UL, 0x1101_0F10_0000_1F00UL), V(m, 0));
    }

    [Fact]
    public void Tbx_OutOfRangeIndicesKeepTheDestinationByte()
    {
        var m = Run(0x4E03_3020, c => { c.SetV(0, 0xEEEE_EEEE_EEEE_EEEE, 0xEEEE_EEEE_EEEE_EEEE); c.SetV(1, Lo0, Hi0); c.SetV(2, Lo1, Hi1); c.SetV(3, IndexLo, IndexHi); }); // tbx v0.16b, {v1.16b, v2.16b}, v3.16b
        Assert.Equal((0xEEEE_1E02_0506_0708UL, 0x1101_0F10_EEEE_1F00UL), V(m, 0));
    }

    [Fact]
    public void Tbx_64Bit_OneRegister_KeepsOutOfRangeBytes_AndClearsTheHighHalf()
    {
        var m = Run(0x0E03_1020, c => { c.SetV(0, 0xEEEE_EEEE_EEEE_EEEE, 0xEEEE_EEEE_EEEE_EEEE); c.SetV(1, Lo0, Hi0); c.SetV(3, IndexLo, IndexHi); }); // tbx v0.8b, {v1.16b}, v3.8b
        Assert.Equal((0UL, 0xEE01_0FEE_EEEE_EE00UL), V(m, 0));
    }

    [Fact]
    public void Tbl_TableRegisterNumbersWrapFromV31ToV0()
    {
        var m = Run(0x4E03_23E0, c => { c.SetV(31, Lo0, Hi0); c.SetV(0, Lo1, Hi1); c.SetV(3, IndexLo, IndexHi); }); // tbl v0.16b, {v31.16b, v0.16b}, v3.16b
        Assert.Equal((0x0000_1E02_0506_0708UL, 0x1101_0F10_0000_1F00UL), V(m, 0));
    }

    [Fact]
    public void Zip_InterleavesTheLowOrHighHalves()
    {
        var z1 = Run(0x0E02_3820, c => { c.SetV(1, Lo0, Hi0); c.SetV(2, Lo1, Hi1); c.SetV(0, ulong.MaxValue, ulong.MaxValue); }); // zip1 v0.8b, v1.8b, v2.8b
        Assert.Equal((0UL, 0x1303_1202_1101_1000UL), V(z1, 0));
        var z2 = Run(0x4E82_7820, c => { c.SetV(1, 0xA1_0000_00A0, 0xA3_0000_00A2); c.SetV(2, 0xB1_0000_00B0, 0xB3_0000_00B2); }); // zip2 v0.4s, v1.4s, v2.4s
        Assert.Equal((0xB3_0000_00A3UL, 0xB2_0000_00A2UL), V(z2, 0));
    }

    [Fact]
    public void Uzp_TakesTheEvenOrOddElementsOfTheConcatenation()
    {
        static void Set(Core.ArmCore c)
        {
            c.SetV(1, 0x0103_0102_0101_0100, 0x0107_0106_0105_0104);
            c.SetV(2, 0x0203_0202_0201_0200, 0x0207_0206_0205_0204);
        }
        Assert.Equal((0x0206_0204_0202_0200UL, 0x0106_0104_0102_0100UL), V(Run(0x4E42_1820, Set), 0)); // uzp1 v0.8h, v1.8h, v2.8h
        Assert.Equal((0x0207_0205_0203_0201UL, 0x0107_0105_0103_0101UL), V(Run(0x4E42_5820, Set), 0)); // uzp2 v0.8h, v1.8h, v2.8h
    }

    [Fact]
    public void Trn_TransposesElementPairs()
    {
        var t1 = Run(0x4E02_2820, c => { c.SetV(1, Lo0, Hi0); c.SetV(2, Lo1, Hi1); }); // trn1 v0.16b, v1.16b, v2.16b
        Assert.Equal((0x1E0E_1C0C_1A0A_1808UL, 0x1606_1404_1202_1000UL), V(t1, 0));
        var t2 = Run(0x0E82_6820, c => { c.SetV(1, 0xA1_0000_00A0, 0); c.SetV(2, 0xB1_0000_00B0, 0); }); // trn2 v0.2s, v1.2s, v2.2s
        Assert.Equal((0UL, 0xB1_0000_00A1UL), V(t2, 0));
    }

    [Fact]
    public void Ext_ExtractsFromTheConcatenation()
    {
        var q = Run(0x6E02_1820, c => { c.SetV(1, Lo0, Hi0); c.SetV(2, Lo1, Hi1); }); // ext v0.16b, v1.16b, v2.16b, #3
        Assert.Equal((0x1211_100F_0E0D_0C0BUL, 0x0A09_0807_0605_0403UL), V(q, 0));
        var d = Run(0x2E02_3820, c => { c.SetV(1, Lo0, Hi0); c.SetV(2, Lo1, Hi1); }); // ext v0.8b, v1.8b, v2.8b, #7
        Assert.Equal((0UL, 0x1615_1413_1211_1007UL), V(d, 0));
    }
}
