using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Vga;

public sealed class VgaPortsTests
{
    private readonly BochsDisplay _d = new(16 << 20, new FakeVram(16 << 20));

    private byte Port(int port)
    {
        Assert.True(_d.Read(0x400 + (ulong)(port - 0x3C0), 1, out ulong v));
        return (byte)v;
    }

    private void Port(int port, byte value) => Assert.True(_d.Write(0x400 + (ulong)(port - 0x3C0), 1, value));

    [Fact]
    public void Dac_palette_is_written_and_read_back_three_bytes_per_entry()
    {
        long generation = _d.PaletteGeneration;
        Port(0x3C8, 5);
        Assert.Equal(0, Port(0x3C7));                   // DAC state: write mode
        Port(0x3C9, 0x3F);
        Port(0x3C9, 0x20);
        Port(0x3C9, 0x21);
        Port(0x3C9, 0x01);                              // entry 6 begins
        Assert.Equal(6, Port(0x3C8));
        Port(0x3C7, 5);
        Assert.Equal(3, Port(0x3C7));                   // DAC state: read mode
        Assert.Equal(0x3F, Port(0x3C9));
        Assert.Equal(0x20, Port(0x3C9));
        Assert.Equal(0x21, Port(0x3C9));
        Assert.True(_d.PaletteGeneration > generation);

        // 6-bit entries widen as QEMU's c6_to_8: v << 2 with bit 0 copied into bits 1:0.
        Assert.Equal(PixelFormats.Rgba(0xFF, 0x80, 0x87), _d.PaletteRgba[5]);
        Assert.Equal(0xFF000000u, _d.PaletteRgba[6]);   // incomplete entry not yet written
    }

    [Fact]
    public void Eight_bit_dac_uses_the_stored_bytes_whole()
    {
        Port(0x3C8, 1);
        Port(0x3C9, 0x12);
        Port(0x3C9, 0x34);
        Port(0x3C9, 0xFE);
        Assert.Equal(PixelFormats.Rgba(0x48, 0xD0, 0xF8), _d.PaletteRgba[1]);
        Vbe.Set(_d, Dispi.Enable, Dispi.EightBitDac);
        Assert.True(_d.Dac8Bit);
        Assert.Equal(PixelFormats.Rgba(0x12, 0x34, 0xFE), _d.PaletteRgba[1]);
    }

    [Fact]
    public void Pel_mask_misc_and_unknown_ports()
    {
        Assert.Equal(0xFF, Port(0x3C6));
        Port(0x3C6, 0x0F);
        Assert.Equal(0x0F, Port(0x3C6));
        Port(0x3C2, 0xFF);
        Assert.Equal(0xEF, Port(0x3CC));                // bit 4 is not stored
        Assert.Equal(0, Port(0x3C3));                   // not decoded by QEMU: reads 0
        Port(0x3C3, 0x55);
        Assert.Equal(0, Port(0x3C3));
    }

    [Fact]
    public void Colour_ports_are_dead_until_misc_selects_colour()
    {
        Assert.Equal(0xFF, Port(0x3DA));
        Port(0x3D4, 0x0C);
        Assert.Equal(0xFF, Port(0x3D4));
        Port(0x3C2, 0x01);
        Port(0x3D4, 0x0C);
        Assert.Equal(0x0C, Port(0x3D4));
        byte first = Port(0x3DA), second = Port(0x3DA);
        Assert.Equal(0x09, first ^ second);             // retrace bits toggle to fool polling loops
    }

    [Fact]
    public void Input_status_read_resets_the_attribute_flip_flop()
    {
        Port(0x3C2, 0x01);
        Port(0x3C0, 0x10);                              // index: mode control
        Assert.Equal(0, Port(0x3C0));                   // flip-flop at data: reads 0
        Port(0x3C0, 0x41);                              // data
        Assert.Equal(0x10, Port(0x3C0));                // flip-flop at index: reads the index
        Assert.Equal(0x41, Port(0x3C1));

        Port(0x3C0, 0x10);                              // index; the flip-flop now expects data...
        _ = Port(0x3DA);                                // ...until input status 1 is read
        Port(0x3C0, 0x11);                              // so this is an index (overscan), not data
        Port(0x3C0, 0x33);
        Assert.Equal(0x33, Port(0x3C1));
        Port(0x3C0, 0x10);
        Assert.Equal(0x41, Port(0x3C1));                // mode control untouched
    }

    [Fact]
    public void Halfword_port_writes_send_the_index_byte_first()
    {
        Assert.True(_d.Write(0x404, 2, 0x0F02));          // SR2 = 0x0F
        Assert.True(_d.Read(0x404, 2, out ulong v));
        Assert.Equal(0x0F02UL, v);
        Assert.True(_d.Write(0x40E, 2, 0xFF05));          // GR5 masked with 0x7B
        Assert.True(_d.Read(0x40E, 2, out v));
        Assert.Equal(0x7B05UL, v);
    }

    [Fact]
    public void Edid_is_a_valid_1_3_block_preferring_1024x768()
    {
        var edid = new byte[256];
        for (int i = 0; i < 256; i += 4)
        {
            Assert.True(_d.Read((ulong)i, 4, out ulong v));
            BitConverter.TryWriteBytes(edid.AsSpan(i), (uint)v);
        }
        Assert.Equal(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0 }, edid[..8]);
        Assert.Equal(0, edid.Take(128).Sum(b => b) % 256);
        Assert.Equal(1, edid[18]);
        Assert.Equal(3, edid[19]);
        int hActive = edid[56] | (edid[58] >> 4) << 8, vActive = edid[59] | (edid[61] >> 4) << 8;
        Assert.Equal((1024, 768), (hActive, vActive));
        Assert.Equal(6500, edid[54] | edid[55] << 8);     // 65 MHz
        Assert.True(edid.AsSpan(128).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(_d.Read(0x12, 1, out ulong version));
        Assert.Equal(1UL, version);
    }
}
