using Emulator.Devices.Tests.Vga;
using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Pci;

/// <summary>The DISPI registers of QEMU's bochs-display (hw/display/bochs-display.c) through BAR2.</summary>
public sealed class BochsDisplayModelTests
{
    private const ulong Vram = 16UL << 20;
    private readonly FakeVram _vram = new((int)Vram);
    private readonly BochsDisplay _d;

    public BochsDisplayModelTests() => _d = new BochsDisplay(Vram, _vram, DisplayModel.BochsDisplay);

    private void Dispi(int index, ulong value) => Assert.True(_d.Write(BochsDisplay.DispiOffset + 2 * (ulong)index, 2, value));

    private ulong ReadDispi(int index)
    {
        Assert.True(_d.Read(BochsDisplay.DispiOffset + 2 * (ulong)index, 2, out ulong v));
        return v;
    }

    [Fact]
    public void Id_always_reads_B0C5_and_video_memory_the_VRAM_size()
    {
        Dispi(global::Emulator.Devices.Vga.Dispi.Id, 0xB0C0);
        Assert.Equal(0xB0C5UL, ReadDispi(global::Emulator.Devices.Vga.Dispi.Id));
        Assert.Equal(Vram >> 16, ReadDispi(global::Emulator.Devices.Vga.Dispi.VideoMemory64K));
    }

    [Fact]
    public void Registers_keep_what_was_written_and_enabling_clears_nothing()
    {
        Dispi(1, 1000);  // XRES, not a multiple of 8: stored as is
        Dispi(2, 700);
        Dispi(3, 32);
        Dispi(6, 1024);  // VIRT_WIDTH
        Dispi(9, 3);     // Y_OFFSET
        Dispi(8, 5);     // X_OFFSET
        Dispi(4, 0x01);  // enabled, without NOCLEARMEM or LFB
        Assert.Equal(1000UL, ReadDispi(1));
        Assert.Equal(0x01UL, ReadDispi(4));
        Assert.Empty(_vram.Writes);
        Assert.Equal(new VbeMode(1000, 700, 32, 4096, 3 * 4096 + 5 * 4, false), _d.Mode);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(24)]
    public void Only_16_and_32_bpp_are_modes(int bpp)
    {
        Dispi(1, 640);
        Dispi(2, 480);
        Dispi(3, (ulong)bpp);
        Dispi(4, 0x41);
        Assert.Null(_d.Mode);
        Dispi(3, 16);
        Assert.Equal(new VbeMode(640, 480, 16, 1280, 0, false), _d.Mode);
    }

    [Fact]
    public void A_mode_past_VRAM_or_under_64x64_is_no_mode()
    {
        Dispi(1, 4096);
        Dispi(2, 4096);
        Dispi(3, 32);
        Dispi(4, 0x41);
        Assert.Null(_d.Mode); // 64 MiB > 16 MiB
        Dispi(1, 63);
        Dispi(2, 100);
        Assert.Null(_d.Mode);
    }

    [Fact]
    public void There_are_no_VGA_ports_the_window_reads_all_ones_there()
    {
        Assert.True(_d.Read(BochsDisplay.PortsOffset + 0x08, 1, out ulong v)); // 0x3C8 on the VGA model
        Assert.Equal(0xFFUL, v);
        Assert.True(_d.Write(BochsDisplay.PortsOffset + 0x08, 1, 0));
        Assert.True(_d.Read(BochsDisplay.QextOffset, 4, out v));
        Assert.Equal(8UL, v);
        Assert.True(_d.Read(BochsDisplay.EdidOffset, 4, out v));
        Assert.Equal(0xFFFFFF00UL, v); // the EDID header
    }
}
