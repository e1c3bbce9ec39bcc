using System.Globalization;
using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Tests.Translation;

/// <summary>
/// The stage-1 + stage-2 combining rules (docs/memory-attributes.md §2–3), checked against tables
/// written by hand from the Arm ARM rules (S2CombineS1MemAttrs, AArch64.S2ApplyFWBMemAttrs).
/// Each row is one stage-1 MAIR attribute byte; its 16 columns are the expected combined byte for
/// stage-2 MemAttr 0b0000 .. 0b1111.
/// </summary>
public sealed class Stage2CombineTests
{
    // FWB = 0. Stage 2 decodes as: 0-3 Device nGnRnE/nGnRE/nGRE/GRE; 4, 8, 12 reserved (taken as
    // NC/NC); 5 NC/NC, 6 oNC iWT, 7 oNC iWB, 9 oWT iNC, 10 WT/WT, 11 oWT iWB, 13 oWB iNC, 14 oWB iWT,
    // 15 WB/WB. Device+Device: the more restrictive; Device+Normal: the Device one; Normal+Normal:
    // per level NC > WT > WB with stage 1's hints and transience (WB 11RW -> WT 10RW, 01RW -> 00RW).
    public static TheoryData<string, byte, string> NoFwbTable() => new()
    {
        { "Device-nGnRnE", 0x00, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" },
        { "Device-nGnRE", 0x04, "00 04 04 04 04 04 04 04 04 04 04 04 04 04 04 04" },
        { "Device-nGRE", 0x08, "00 04 08 08 08 08 08 08 08 08 08 08 08 08 08 08" },
        { "Device-GRE", 0x0C, "00 04 08 0C 0C 0C 0C 0C 0C 0C 0C 0C 0C 0C 0C 0C" },
        { "Normal NC", 0x44, "00 04 08 0C 44 44 44 44 44 44 44 44 44 44 44 44" },
        { "Normal WT RWA", 0xBB, "00 04 08 0C 44 44 4B 4B 44 B4 BB BB 44 B4 BB BB" },
        { "Normal WT RA", 0xAA, "00 04 08 0C 44 44 4A 4A 44 A4 AA AA 44 A4 AA AA" },
        { "Normal WB RWA", 0xFF, "00 04 08 0C 44 44 4B 4F 44 B4 BB BF 44 F4 FB FF" },
        { "Normal WB RA", 0xEE, "00 04 08 0C 44 44 4A 4E 44 A4 AA AE 44 E4 EA EE" },
        { "oNC iWB", 0x4F, "00 04 08 0C 44 44 4B 4F 44 44 4B 4F 44 44 4B 4F" },
        { "oWB iNC", 0xF4, "00 04 08 0C 44 44 44 44 44 B4 B4 B4 44 F4 F4 F4" },
        { "oWT iWB", 0xBF, "00 04 08 0C 44 44 4B 4F 44 B4 BB BF 44 B4 BB BF" },
        { "WB transient RWA", 0x77, "00 04 08 0C 44 44 43 47 44 34 33 37 44 74 73 77" },
        { "WT transient RWA", 0x33, "00 04 08 0C 44 44 43 43 44 34 33 33 44 34 33 33" },
    };

    // FWB = 1 (MemAttr[3] ignored). MemAttr[2] = 0: Device of MemAttr[1:0], the more restrictive
    // with a Device stage 1. x111: stage 1. x110: force WB, keeping stage 1's hints for a cacheable
    // level, RWA (F) for an NC level or a Device stage 1. x101 and the reserved x100: stage 1 if
    // Device, else NC/NC.
    public static TheoryData<string, byte, string> FwbTable() => new()
    {
        { "Device-nGnRnE", 0x00, "00 00 00 00 00 00 FF 00 00 00 00 00 00 00 FF 00" },
        { "Device-nGnRE", 0x04, "00 04 04 04 04 04 FF 04 00 04 04 04 04 04 FF 04" },
        { "Device-nGRE", 0x08, "00 04 08 08 08 08 FF 08 00 04 08 08 08 08 FF 08" },
        { "Device-GRE", 0x0C, "00 04 08 0C 0C 0C FF 0C 00 04 08 0C 0C 0C FF 0C" },
        { "Normal NC", 0x44, "00 04 08 0C 44 44 FF 44 00 04 08 0C 44 44 FF 44" },
        { "Normal WT RWA", 0xBB, "00 04 08 0C 44 44 FF BB 00 04 08 0C 44 44 FF BB" },
        { "Normal WT RA", 0xAA, "00 04 08 0C 44 44 EE AA 00 04 08 0C 44 44 EE AA" },
        { "Normal WB RWA", 0xFF, "00 04 08 0C 44 44 FF FF 00 04 08 0C 44 44 FF FF" },
        { "Normal WB RA", 0xEE, "00 04 08 0C 44 44 EE EE 00 04 08 0C 44 44 EE EE" },
        { "oNC iWB", 0x4F, "00 04 08 0C 44 44 FF 4F 00 04 08 0C 44 44 FF 4F" },
        { "oWB iNC", 0xF4, "00 04 08 0C 44 44 FF F4 00 04 08 0C 44 44 FF F4" },
        { "oWT iWB", 0xBF, "00 04 08 0C 44 44 FF BF 00 04 08 0C 44 44 FF BF" },
        { "WB transient RWA", 0x77, "00 04 08 0C 44 44 77 77 00 04 08 0C 44 44 77 77" },
        { "WT transient RWA", 0x33, "00 04 08 0C 44 44 77 33 00 04 08 0C 44 44 77 33" },
    };

    [Theory]
    [MemberData(nameof(NoFwbTable))]
    public void Combining_without_FWB_follows_the_table(string name, byte s1, string expected) =>
        CheckRow(name, s1, expected, fwb: false);

    [Theory]
    [MemberData(nameof(FwbTable))]
    public void Combining_with_FWB_follows_the_table(string name, byte s1, string expected) =>
        CheckRow(name, s1, expected, fwb: true);

    private static void CheckRow(string name, byte s1Attr, string expected, bool fwb)
    {
        byte[] row = Parse(expected);
        // Stage 1 Inner Shareable, stage 2 Non-shareable: a cacheable result is Inner Shareable, unless stage 1
        // itself was Device or NC (effectively Outer Shareable); Device and NC/NC results are Outer Shareable.
        var s1 = new MemoryAttributes(s1Attr, Shareability.InnerShareable);
        bool s1Outer = (s1Attr & 0xF0) == 0 || s1Attr == 0x44;
        for (int memAttr = 0; memAttr < 16; memAttr++)
        {
            MemoryAttributes r = Stage2Attributes.Combine(s1, (byte)memAttr, Shareability.NonShareable, fwb, cd: false);
            Assert.True(row[memAttr] == r.Attr, $"{name} (0x{s1Attr:X2}) with S2 MemAttr {memAttr:b4}, FWB={fwb}: expected 0x{row[memAttr]:X2}, got 0x{r.Attr:X2}");
            bool resultOuter = (row[memAttr] & 0xF0) == 0 || row[memAttr] == 0x44;
            Shareability sh = resultOuter || s1Outer ? Shareability.OuterShareable : Shareability.InnerShareable;
            Assert.True(sh == r.Shareability, $"{name} with S2 MemAttr {memAttr:b4}, FWB={fwb}: shareability {r.Shareability}, expected {sh}");
        }
    }

    [Theory]
    // memAttr, cd, expected attr, expected shareability (S2 SH = Inner Shareable)
    [InlineData(0b0000, false, 0x00, Shareability.OuterShareable)]
    [InlineData(0b0001, false, 0x04, Shareability.OuterShareable)]
    [InlineData(0b0010, false, 0x08, Shareability.OuterShareable)]
    [InlineData(0b0011, false, 0x0C, Shareability.OuterShareable)]
    [InlineData(0b0100, false, 0x44, Shareability.OuterShareable)]
    [InlineData(0b0101, false, 0x44, Shareability.OuterShareable)]
    [InlineData(0b0110, false, 0x4B, Shareability.InnerShareable)]
    [InlineData(0b0111, false, 0x4F, Shareability.InnerShareable)]
    [InlineData(0b1000, false, 0x44, Shareability.OuterShareable)]
    [InlineData(0b1001, false, 0xB4, Shareability.InnerShareable)]
    [InlineData(0b1010, false, 0xBB, Shareability.InnerShareable)]
    [InlineData(0b1011, false, 0xBF, Shareability.InnerShareable)]
    [InlineData(0b1100, false, 0x44, Shareability.OuterShareable)]
    [InlineData(0b1101, false, 0xF4, Shareability.InnerShareable)]
    [InlineData(0b1110, false, 0xFB, Shareability.InnerShareable)]
    [InlineData(0b1111, false, 0xFF, Shareability.InnerShareable)]
    [InlineData(0b1111, true, 0x44, Shareability.OuterShareable)]
    [InlineData(0b1010, true, 0x44, Shareability.OuterShareable)]
    [InlineData(0b0001, true, 0x04, Shareability.OuterShareable)]
    public void Stage2_MemAttr_decodes_as_S2AttrDecode(int memAttr, bool cd, int attr, Shareability sh)
    {
        MemoryAttributes r = Stage2Attributes.Decode((byte)memAttr, Shareability.InnerShareable, cd);
        Assert.Equal((byte)attr, r.Attr);
        Assert.Equal(sh, r.Shareability);
    }

    [Theory]
    [InlineData(Shareability.NonShareable, Shareability.NonShareable, Shareability.NonShareable)]
    [InlineData(Shareability.NonShareable, Shareability.InnerShareable, Shareability.InnerShareable)]
    [InlineData(Shareability.InnerShareable, Shareability.NonShareable, Shareability.InnerShareable)]
    [InlineData(Shareability.InnerShareable, Shareability.InnerShareable, Shareability.InnerShareable)]
    [InlineData(Shareability.InnerShareable, Shareability.OuterShareable, Shareability.OuterShareable)]
    [InlineData(Shareability.OuterShareable, Shareability.NonShareable, Shareability.OuterShareable)]
    public void Shareability_of_a_write_back_result_is_the_wider_domain(Shareability s1, Shareability s2, Shareability expected)
    {
        foreach (bool fwb in new[] { false, true })
        {
            byte memAttr = fwb ? (byte)0b0110 : (byte)0b1111;
            MemoryAttributes r = Stage2Attributes.Combine(new MemoryAttributes(0xFF, s1), memAttr, s2, fwb, cd: false);
            Assert.Equal(0xFF, r.Attr);
            Assert.Equal(expected, r.Shareability);
        }
    }

    [Fact]
    public void Non_cacheable_and_device_results_are_outer_shareable_whatever_the_descriptors_say()
    {
        var s1 = new MemoryAttributes(0xFF, Shareability.NonShareable);
        Assert.Equal(Shareability.OuterShareable, Stage2Attributes.Combine(s1, 0b0101, Shareability.NonShareable, false, false).Shareability);
        Assert.Equal(Shareability.OuterShareable, Stage2Attributes.Combine(s1, 0b0001, Shareability.NonShareable, false, false).Shareability);
        Assert.Equal(Shareability.OuterShareable, Stage2Attributes.Combine(s1, 0b0101, Shareability.NonShareable, true, false).Shareability);
        Assert.Equal(Shareability.OuterShareable, Stage2Attributes.Combine(s1, 0b1111, Shareability.NonShareable, false, cd: true).Shareability);
    }

    [Fact]
    public void HCR_CD_makes_normal_results_non_cacheable_without_FWB_and_leaves_device_alone()
    {
        var wb = new MemoryAttributes(0xFF, Shareability.InnerShareable);
        var device = new MemoryAttributes(0x04, Shareability.OuterShareable);
        Assert.Equal(0x44, Stage2Attributes.Combine(wb, 0b1111, Shareability.InnerShareable, fwb: false, cd: true).Attr);
        Assert.Equal(0x44, Stage2Attributes.Combine(wb, 0b1011, Shareability.InnerShareable, fwb: false, cd: true).Attr);
        Assert.Equal(0x04, Stage2Attributes.Combine(device, 0b1111, Shareability.InnerShareable, fwb: false, cd: true).Attr);
        Assert.Equal(0x00, Stage2Attributes.Combine(wb, 0b0000, Shareability.InnerShareable, fwb: false, cd: true).Attr);
        Assert.Equal(0xFF, Stage2Attributes.Combine(wb, 0b1111, Shareability.InnerShareable, fwb: false, cd: false).Attr);
    }

    [Fact]
    public void HCR_CD_makes_normal_results_non_cacheable_with_FWB_too()
    {
        var mmuOff = MemoryAttributes.DeviceNGnRnE;
        var wb = new MemoryAttributes(0xFF, Shareability.InnerShareable);
        Assert.Equal(0x44, Stage2Attributes.Combine(mmuOff, 0b0110, Shareability.InnerShareable, fwb: true, cd: true).Attr);
        Assert.Equal(0x44, Stage2Attributes.Combine(wb, 0b0111, Shareability.InnerShareable, fwb: true, cd: true).Attr);
        Assert.Equal(0x04, Stage2Attributes.Combine(wb, 0b0001, Shareability.InnerShareable, fwb: true, cd: true).Attr);
        Assert.Equal(0x04, Stage2Attributes.Combine(new MemoryAttributes(0x04, Shareability.OuterShareable), 0b0111, Shareability.InnerShareable, fwb: true, cd: true).Attr);
    }

    [Fact]
    public void HCR_DC_default_is_normal_write_back_non_shareable()
    {
        Assert.Equal(new MemoryAttributes(0xFF, Shareability.NonShareable), Stage2Attributes.DefaultCacheable);
        // Combined with KVM's Normal stage 2 (0xF, Inner Shareable) it stays Write-Back.
        MemoryAttributes r = Stage2Attributes.Combine(Stage2Attributes.DefaultCacheable, 0b1111, Shareability.InnerShareable, false, false);
        Assert.Equal(new MemoryAttributes(0xFF, Shareability.InnerShareable), r);
    }

    [Theory]
    [InlineData(0b0000, false, true)]
    [InlineData(0b0011, false, true)]
    [InlineData(0b0101, false, false)]
    [InlineData(0b1000, false, false)]
    [InlineData(0b1000, true, true)]
    [InlineData(0b0110, true, false)]
    [InlineData(0b0011, true, true)]
    public void Stage2_device_type_depends_on_FWB(int memAttr, bool fwb, bool device) =>
        Assert.Equal(device, Stage2Attributes.IsDevice((byte)memAttr, fwb));

    private static byte[] Parse(string row) =>
        row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => byte.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
}
