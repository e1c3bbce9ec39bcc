using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Tests.Translation;

public sealed class Stage1AttributesTests
{
    /// <summary>Every one of the 256 MAIR attribute bytes, in every Attr slot, decodes by the table of docs/memory-attributes.md §1.1.</summary>
    [Fact]
    public void Every_MAIR_byte_decodes_as_the_architecture_says()
    {
        for (int value = 0; value < 256; value++)
        {
            for (int index = 0; index < 8; index++)
            {
                ulong mair = 0x5A5A_5A5A_5A5A_5A5AUL & ~(0xFFUL << (8 * index)) | (ulong)value << (8 * index);
                MemoryAttributes a = Stage1Attributes.FromMair(mair, index, 0b11);
                Assert.Equal((byte)value, a.Attr);
                Assert.Equal(Shareability.InnerShareable, a.Shareability);

                int outer = value >> 4, inner = value & 0xF;
                if (outer == 0)
                {
                    Assert.True(a.IsDevice);
                    Assert.False(a.IsCacheable);
                    Assert.Equal((DeviceType)(value & 0x0C), a.Device);
                    Assert.Equal(Shareability.OuterShareable, a.EffectiveShareability);
                    continue;
                }
                Assert.False(a.IsDevice);
                Assert.Equal(Expected(outer), a.Outer);
                Assert.Equal(Expected(inner), a.Inner);
                Assert.Equal(Expected(outer) != Cacheability.NonCacheable || Expected(inner) != Cacheability.NonCacheable, a.IsCacheable);
                Assert.Equal((inner & 2) != 0, a.InnerReadAllocate);
                Assert.Equal((inner & 1) != 0, a.InnerWriteAllocate);
                Assert.Equal(value == 0x44 ? Shareability.OuterShareable : Shareability.InnerShareable, a.EffectiveShareability);
            }
        }
    }

    // Attr nibble: 0100 NC; 00RW (RW != 00) WT transient; 01RW (RW != 00) WB transient; 10RW WT; 11RW WB.
    private static Cacheability Expected(int nibble) => nibble switch
    {
        0b0100 => Cacheability.NonCacheable,
        >= 0b0001 and <= 0b0011 => Cacheability.WriteThrough,
        >= 0b0101 and <= 0b0111 => Cacheability.WriteBack,
        >= 0b1000 and <= 0b1011 => Cacheability.WriteThrough,
        >= 0b1100 => Cacheability.WriteBack,
        _ => Cacheability.WriteThrough, // 0b0000 with a Normal outer: UNPREDICTABLE; QEMU's classification
    };

    [Theory]
    [InlineData(0x00, "Device-nGnRnE")]
    [InlineData(0x04, "Device-nGnRE")]
    [InlineData(0x08, "Device-nGRE")]
    [InlineData(0x0C, "Device-GRE")]
    [InlineData(0x44, "Normal iNC oNC")]
    [InlineData(0xBB, "Normal iWT oWT")]
    [InlineData(0xFF, "Normal iWB oWB")]
    [InlineData(0x4F, "Normal iWB oNC")]
    public void Linux_MAIR_values_read_back_as_their_names(int attr, string expected)
    {
        Assert.StartsWith(expected, Stage1Attributes.FromMair((ulong)attr << 24, 3, 0b11).ToString());
    }

    [Theory]
    [InlineData(0b00, Shareability.NonShareable)]
    [InlineData(0b01, Shareability.NonShareable)]
    [InlineData(0b10, Shareability.OuterShareable)]
    [InlineData(0b11, Shareability.InnerShareable)]
    public void Descriptor_SH_decodes(int sh, Shareability expected) =>
        Assert.Equal(expected, Stage1Attributes.FromMair(0xFF, 0, sh).Shareability);

    [Fact]
    public void MMU_off_data_accesses_are_Device_nGnRnE_whatever_SCTLR_C_and_I_say()
    {
        foreach (ulong sctlr in new ulong[] { 0, 1UL << 2, 1UL << 12, 1UL << 2 | 1UL << 12 })
        {
            MemoryAttributes a = Stage1Attributes.TranslationOff(fetch: false, sctlr);
            Assert.True(a.IsDevice);
            Assert.Equal(DeviceType.nGnRnE, a.Device);
        }
    }

    [Fact]
    public void MMU_off_instruction_fetches_are_Normal_NC_with_I_clear_and_WT_with_I_set()
    {
        MemoryAttributes nc = Stage1Attributes.TranslationOff(fetch: true, sctlr: 1UL << 2);
        Assert.Equal(0x44, nc.Attr);
        Assert.False(nc.IsCacheable);
        Assert.Equal(Shareability.OuterShareable, nc.Shareability);

        MemoryAttributes wt = Stage1Attributes.TranslationOff(fetch: true, sctlr: 1UL << 12);
        Assert.Equal(0xAA, wt.Attr);
        Assert.Equal(Cacheability.WriteThrough, wt.Inner);
        Assert.Equal(Cacheability.WriteThrough, wt.Outer);
    }

    [Fact]
    public void SCTLR_C_clear_makes_Normal_data_Non_cacheable_and_leaves_Device_and_fetches_alone()
    {
        var wb = new MemoryAttributes(0xFF, Shareability.InnerShareable);
        const ulong cOff = 1UL << 12; // I = 1, C = 0
        Assert.Equal(new MemoryAttributes(0x44, Shareability.InnerShareable), Stage1Attributes.ApplyCacheEnables(wb, fetch: false, cOff));
        Assert.Equal(wb, Stage1Attributes.ApplyCacheEnables(wb, fetch: true, cOff));
        var dev = new MemoryAttributes(0x04, Shareability.OuterShareable);
        Assert.Equal(dev, Stage1Attributes.ApplyCacheEnables(dev, fetch: false, cOff));
        Assert.Equal(wb, Stage1Attributes.ApplyCacheEnables(wb, fetch: false, 1UL << 2));
    }

    [Fact]
    public void SCTLR_I_clear_makes_Normal_fetches_Non_cacheable()
    {
        var wb = new MemoryAttributes(0xFF, Shareability.InnerShareable);
        Assert.Equal(0x44, Stage1Attributes.ApplyCacheEnables(wb, fetch: true, 1UL << 2).Attr);
        Assert.Equal(0xFF, Stage1Attributes.ApplyCacheEnables(wb, fetch: true, 1UL << 12).Attr);
    }

    [Theory]
    [InlineData(0b00, 0b00, 0x44)]
    [InlineData(0b01, 0b01, 0xFF)]
    [InlineData(0b10, 0b10, 0xAA)]
    [InlineData(0b11, 0b11, 0xEE)]
    [InlineData(0b01, 0b00, 0x4F)]
    public void Walk_attributes_come_from_IRGN_and_ORGN(int irgn, int orgn, int attr)
    {
        Assert.Equal(attr, Stage1Attributes.Walk(irgn, orgn, 0b11, dataCacheEnabled: true).Attr);
        Assert.Equal(0x44, Stage1Attributes.Walk(irgn, orgn, 0b11, dataCacheEnabled: false).Attr);
    }
}
