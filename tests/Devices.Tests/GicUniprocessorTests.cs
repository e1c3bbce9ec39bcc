using Emulator.Devices.Gic;

namespace Emulator.Devices.Tests;

/// <summary>
/// GICv2 with one CPU interface (IHI 0048B 4.3.12): every interrupt targets the one processor and
/// GICD_ITARGETSR&lt;n&gt; are RAZ/WI, as QEMU's arm_gic with one CPU; and the distributor's access
/// widths: IPRIORITYR and ITARGETSR are byte-accessible, the other registers word-only.
/// </summary>
public sealed class GicUniprocessorTests
{
    private static GenericInterruptController UpV2(Action<bool> irq)
    {
        var gic = new GenericInterruptController(2);
        gic.Connect((i, _) => irq(i));
        Assert.True(gic.Distributor.Write(0x000, 4, 1));  // GICD_CTLR.EnableGrp0
        Assert.True(gic.CpuInterface.Write(0x004, 4, 0xF0)); // GICC_PMR
        Assert.True(gic.CpuInterface.Write(0x000, 4, 1));  // GICC_CTLR
        return gic;
    }

    [Fact]
    public void An_spi_whose_target_was_never_written_is_delivered()
    {
        bool irq = false;
        GenericInterruptController gic = UpV2(i => irq = i);
        Assert.True(gic.Distributor.Write(0x400 + 34, 1, 0x80)); // IPRIORITYR byte of INTID 34 (the PL031 on virt)
        Assert.True(gic.Distributor.Write(0x104, 4, 1u << 2));  // ISENABLER1: INTID 34
        gic.SetSpiLevel(2, true);
        Assert.True(irq);
        Assert.True(gic.CpuInterface.Read(0x00C, 4, out ulong iar));
        Assert.Equal(34UL, iar & 0x3FF);
    }

    [Theory]
    [InlineData(0x800UL)] // SGIs 0-3
    [InlineData(0x81CUL)] // PPIs 28-31
    [InlineData(0x820UL)] // SPIs 32-35
    [InlineData(0x8FCUL)] // SPIs 252-255
    public void Itargetsr_reads_as_zero_and_ignores_writes(ulong offset)
    {
        GenericInterruptController gic = UpV2(_ => { });
        Assert.True(gic.Distributor.Write(offset, 4, 0x0101_0101));
        Assert.True(gic.Distributor.Read(offset, 4, out ulong word));
        Assert.Equal(0UL, word);
        Assert.True(gic.Distributor.Write(offset + 1, 1, 0x01));
        Assert.True(gic.Distributor.Read(offset + 1, 1, out ulong b));
        Assert.Equal(0UL, b);
    }

    [Fact]
    public void Writing_zero_to_a_target_byte_does_not_stop_delivery()
    {
        bool irq = false;
        GenericInterruptController gic = UpV2(i => irq = i);
        Assert.True(gic.Distributor.Write(0x820, 4, 0));        // ITARGETSR8 = 0: ignored
        Assert.True(gic.Distributor.Write(0x420, 4, 0x8080_8080));
        Assert.True(gic.Distributor.Write(0x104, 4, 1u << 1));  // INTID 33
        gic.SetSpiLevel(1, true);
        Assert.True(irq);
    }

    [Theory]
    [InlineData(0x400UL, 1, true)]  // IPRIORITYR: byte-accessible
    [InlineData(0x821UL, 1, true)]  // ITARGETSR: byte-accessible
    [InlineData(0x100UL, 1, false)] // ISENABLER: word only
    [InlineData(0x000UL, 2, false)] // GICD_CTLR: word only
    [InlineData(0xC04UL, 1, false)] // ICFGR: word only
    public void Access_widths(ulong offset, int size, bool allowed)
    {
        GenericInterruptController gic = UpV2(_ => { });
        Assert.Equal(allowed, gic.Distributor.Read(offset, size, out _));
    }
}
