using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Vga;

public sealed class PixelFormatsTests
{
    private static uint[] Convert(byte[] source, int pixels, int bpp, bool bigEndian = false, uint[]? palette = null)
    {
        var destination = new uint[pixels];
        PixelFormats.ConvertRow(source, destination, bpp, bigEndian, palette ?? new uint[256]);
        return destination;
    }

    [Fact]
    public void Rgba_puts_red_in_the_low_byte_and_opaque_alpha_on_top()
    {
        Assert.Equal(0xFF332211u, PixelFormats.Rgba(0x11, 0x22, 0x33));
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0xFF }, BitConverter.GetBytes(PixelFormats.Rgba(0x11, 0x22, 0x33)));
    }

    [Fact]
    public void Eight_bpp_looks_up_the_palette()
    {
        var palette = new uint[256];
        palette[0] = 0xFF000000;
        palette[7] = PixelFormats.Rgba(1, 2, 3);
        palette[255] = PixelFormats.Rgba(0xFF, 0xFF, 0xFF);
        Assert.Equal([palette[7], palette[255], palette[0]], Convert([7, 255, 0], 3, 8, palette: palette));
    }

    [Fact]
    public void Eight_bpp_through_the_dac_of_the_device()
    {
        var d = new BochsDisplay(1 << 20, new FakeVram(1 << 20));
        Assert.True(d.Write(0x408, 1, 9));               // 0x3C8 write index
        foreach (byte c in new byte[] { 0x3F, 0x00, 0x10 })
            Assert.True(d.Write(0x409, 1, c));           // 0x3C9 data
        uint[] row = new uint[2];
        PixelFormats.ConvertRow([9, 0], row, 8, false, d.PaletteRgba);
        Assert.Equal([PixelFormats.Rgba(0xFF, 0x00, 0x40), PixelFormats.Rgba(0, 0, 0)], row);
    }

    [Fact]
    public void Fifteen_bpp_is_x1r5g5b5_with_high_bits_replicated()
    {
        // 0x7C00 red, 0x03E0 green, 0x001F blue, 0x0010 half blue, 0x8000 only the unused bit.
        byte[] source = [0x00, 0x7C, 0xE0, 0x03, 0x1F, 0x00, 0x10, 0x00, 0x00, 0x80];
        Assert.Equal(
            [PixelFormats.Rgba(0xFF, 0, 0), PixelFormats.Rgba(0, 0xFF, 0), PixelFormats.Rgba(0, 0, 0xFF),
             PixelFormats.Rgba(0, 0, 0x84), PixelFormats.Rgba(0, 0, 0)],
            Convert(source, 5, 15));
    }

    [Fact]
    public void Sixteen_bpp_is_r5g6b5_with_high_bits_replicated()
    {
        byte[] source = [0x00, 0xF8, 0xE0, 0x07, 0x1F, 0x00, 0x20, 0x00, 0x00, 0x04];
        Assert.Equal(
            [PixelFormats.Rgba(0xFF, 0, 0), PixelFormats.Rgba(0, 0xFF, 0), PixelFormats.Rgba(0, 0, 0xFF),
             PixelFormats.Rgba(0, 0x04, 0), PixelFormats.Rgba(0, 0x82, 0)],
            Convert(source, 5, 16));
        Assert.Equal([PixelFormats.Rgba(0xFF, 0, 0)], Convert([0xF8, 0x00], 1, 16, bigEndian: true));
    }

    [Fact]
    public void Twenty_four_bpp_is_b_g_r_bytes()
    {
        byte[] source = [0x11, 0x22, 0x33, 0xA0, 0xB0, 0xC0];
        Assert.Equal([PixelFormats.Rgba(0x33, 0x22, 0x11), PixelFormats.Rgba(0xC0, 0xB0, 0xA0)], Convert(source, 2, 24));
        Assert.Equal([PixelFormats.Rgba(0x11, 0x22, 0x33)], Convert([0x11, 0x22, 0x33], 1, 24, bigEndian: true));
    }

    [Fact]
    public void Thirty_two_bpp_is_x8r8g8b8_in_either_byte_order()
    {
        Assert.Equal([PixelFormats.Rgba(0x33, 0x22, 0x11), PixelFormats.Rgba(0xFF, 0, 0)],
            Convert([0x11, 0x22, 0x33, 0x44, 0x00, 0x00, 0xFF, 0x00], 2, 32));
        Assert.Equal([PixelFormats.Rgba(0x33, 0x22, 0x11)], Convert([0x44, 0x33, 0x22, 0x11], 1, 32, bigEndian: true));
    }

    [Fact]
    public void Only_the_destination_length_is_converted()
    {
        var destination = new uint[1];
        PixelFormats.ConvertRow([1, 2, 3, 4, 5, 6, 7, 8], destination, 32, false, new uint[256]);
        Assert.Equal(PixelFormats.Rgba(3, 2, 1), destination[0]);
        Assert.Equal(2, PixelFormats.BytesPerPixel(15));
        Assert.Equal(3, PixelFormats.BytesPerPixel(24));
        Assert.False(PixelFormats.IsSupported(4));
    }
}
