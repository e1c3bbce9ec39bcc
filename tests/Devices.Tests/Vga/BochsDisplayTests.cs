using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Vga;

public sealed class BochsDisplayTests
{
    private const int Vram = 16 << 20;
    private readonly FakeVram _vram = new(Vram);
    private readonly BochsDisplay _d;

    public BochsDisplayTests() => _d = new BochsDisplay(Vram, _vram);

    [Fact]
    public void Id_reads_B0C5_after_reset_and_takes_B0C0_to_B0C4_only()
    {
        Assert.Equal("bochs-display", _d.Name);
        Assert.Equal(0xB0C5, Vbe.Reg(_d, Dispi.Id));
        Vbe.Set(_d, Dispi.Id, 0xB0C2);
        Assert.Equal(0xB0C2, Vbe.Reg(_d, Dispi.Id));
        Vbe.Set(_d, Dispi.Id, 0xB0C5); // ignored by QEMU's std VGA
        Vbe.Set(_d, Dispi.Id, 0x1234);
        Assert.Equal(0xB0C2, Vbe.Reg(_d, Dispi.Id));
        _d.Reset();
        Assert.Equal(0xB0C5, Vbe.Reg(_d, Dispi.Id));
    }

    [Fact]
    public void Getcaps_makes_xres_yres_bpp_read_their_maxima()
    {
        Vbe.Set(_d, Dispi.XRes, 640);
        Vbe.Set(_d, Dispi.VirtWidth, 800);
        Vbe.Set(_d, Dispi.Enable, Dispi.GetCaps);
        Assert.Equal(16000, Vbe.Reg(_d, Dispi.XRes));
        Assert.Equal(12000, Vbe.Reg(_d, Dispi.YRes));
        Assert.Equal(32, Vbe.Reg(_d, Dispi.Bpp));
        Assert.Equal(800, Vbe.Reg(_d, Dispi.VirtWidth));
        Assert.Equal(Dispi.GetCaps, Vbe.Reg(_d, Dispi.Enable));
        Vbe.Set(_d, Dispi.Enable, 0);
        Assert.Equal(640, Vbe.Reg(_d, Dispi.XRes));
        Assert.Equal(0, Vbe.Reg(_d, Dispi.Bpp));
    }

    [Fact]
    public void Bpp_is_stored_while_disabled_and_fixed_up_once_enabled()
    {
        Vbe.Set(_d, Dispi.XRes, 640);
        Vbe.Set(_d, Dispi.YRes, 480);
        Vbe.Set(_d, Dispi.Bpp, 7);
        Assert.Equal(7, Vbe.Reg(_d, Dispi.Bpp));
        Vbe.Set(_d, Dispi.Enable, Dispi.Enabled | Dispi.NoClearMem);
        Assert.Equal(8, Vbe.Reg(_d, Dispi.Bpp));                 // unknown depth becomes 8
        Assert.Equal(new VbeMode(640, 480, 8, 640, 0, false), _d.Mode);

        Vbe.Set(_d, Dispi.Bpp, 15);
        Assert.Equal(15, Vbe.Reg(_d, Dispi.Bpp));
        Assert.Equal(new VbeMode(640, 480, 15, 1280, 0, false), _d.Mode); // 15 bpp takes 2 bytes
        Vbe.Set(_d, Dispi.Bpp, 24);
        Assert.Equal(1920, _d.Mode!.StrideBytes);
        Vbe.Set(_d, Dispi.Bpp, 0);
        Assert.Equal(8, Vbe.Reg(_d, Dispi.Bpp));
        Vbe.Set(_d, Dispi.Bpp, 4);
        Assert.Equal(4, Vbe.Reg(_d, Dispi.Bpp));
        Assert.Null(_d.Mode);                                      // planar 4 bpp is not shown
        Vbe.Set(_d, Dispi.Bpp, 33);
        Assert.Equal(8, Vbe.Reg(_d, Dispi.Bpp));
    }

    [Fact]
    public void Enabling_without_noclearmem_zeroes_the_visible_vram_through_the_view()
    {
        _vram.Memory.AsSpan().Fill(0xAA);
        Vbe.SetMode(_d, 640, 480, 32, Dispi.Enabled | Dispi.LfbEnabled);
        int visible = 480 * 640 * 4;
        Assert.Equal(visible, _vram.Writes.Sum(w => w.Length));
        Assert.Equal(0UL, _vram.Writes[0].Offset);
        Assert.True(_vram.Memory.AsSpan(0, visible).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(0xAA, _vram.Memory[visible]);

        // Writing ENABLE again while enabled is not a 0->1 transition: nothing is cleared.
        _vram.ClearLog();
        Vbe.Set(_d, Dispi.Enable, Dispi.Enabled | Dispi.LfbEnabled);
        Assert.Empty(_vram.Writes);
    }

    [Fact]
    public void Enabling_with_noclearmem_leaves_vram_alone()
    {
        _vram.Memory.AsSpan().Fill(0xAA);
        Vbe.SetMode(_d, 640, 480, 32, Dispi.Enabled | Dispi.NoClearMem);
        Assert.Empty(_vram.Writes);
        Assert.Equal(0xAA, _vram.Memory[0]);
        Assert.NotNull(_d.Mode);
    }

    [Fact]
    public void Enable_transition_resets_virt_width_and_offsets_and_computes_virt_height()
    {
        Vbe.Set(_d, Dispi.XRes, 640);
        Vbe.Set(_d, Dispi.YRes, 480);
        Vbe.Set(_d, Dispi.Bpp, 32);
        Vbe.Set(_d, Dispi.VirtWidth, 2048);
        Vbe.Set(_d, Dispi.XOffset, 8);
        Vbe.Set(_d, Dispi.YOffset, 16);
        Assert.Equal(2048, Vbe.Reg(_d, Dispi.VirtWidth));            // stored while disabled
        Vbe.Set(_d, Dispi.Enable, Dispi.Enabled | Dispi.NoClearMem);
        Assert.Equal(640, Vbe.Reg(_d, Dispi.VirtWidth));
        Assert.Equal(0, Vbe.Reg(_d, Dispi.XOffset));
        Assert.Equal(0, Vbe.Reg(_d, Dispi.YOffset));
        Assert.Equal(Vram / (640 * 4), Vbe.Reg(_d, Dispi.VirtHeight));
    }

    [Fact]
    public void Virt_width_and_height_follow_vbe_fixup_regs()
    {
        Vbe.SetMode(_d, 640, 480, 32);
        Vbe.Set(_d, Dispi.VirtWidth, 1003);
        Assert.Equal(1000, Vbe.Reg(_d, Dispi.VirtWidth));              // rounded down to 8
        Assert.Equal(Vram / 4000, Vbe.Reg(_d, Dispi.VirtHeight));
        Assert.Equal(4000, _d.Mode!.StrideBytes);
        Vbe.Set(_d, Dispi.VirtWidth, 320);
        Assert.Equal(640, Vbe.Reg(_d, Dispi.VirtWidth));               // never below XRES
        Vbe.Set(_d, Dispi.VirtHeight, 5);
        Assert.Equal(Vram / 2560, Vbe.Reg(_d, Dispi.VirtHeight));      // read-only in effect
        Vbe.Set(_d, Dispi.XRes, 1001);
        Assert.Equal(1000, Vbe.Reg(_d, Dispi.XRes));
        Vbe.Set(_d, Dispi.XRes, 20000);
        Assert.Equal(16000, Vbe.Reg(_d, Dispi.XRes));
        Vbe.Set(_d, Dispi.XRes, 0);
        Assert.Equal(8, Vbe.Reg(_d, Dispi.XRes));
    }

    [Fact]
    public void Yres_is_clamped_to_what_fits_in_vram()
    {
        var small = new BochsDisplay(0x1_0000, new FakeVram(0x1_0000));
        Vbe.SetMode(small, 256, 128, 32);                             // 64 KiB holds 64 such lines
        Assert.Equal(64, Vbe.Reg(small, Dispi.YRes));
        Assert.Equal(64, Vbe.Reg(small, Dispi.VirtHeight));
        Assert.Equal(new VbeMode(256, 64, 32, 1024, 0, false), small.Mode);
        Assert.Equal(1, Vbe.Reg(small, Dispi.VideoMemory64K));
    }

    [Fact]
    public void Offsets_pan_the_start_address_and_reset_when_they_do_not_fit()
    {
        Vbe.SetMode(_d, 640, 480, 32);
        long generation = _d.ModeGeneration;
        Vbe.Set(_d, Dispi.YOffset, 480);
        Assert.Equal(480UL * 2560, _d.Mode!.StartOffset);
        Assert.True(_d.ModeGeneration > generation);
        Vbe.Set(_d, Dispi.XOffset, 16);
        Assert.Equal(480UL * 2560 + 64, _d.Mode!.StartOffset);
        Vbe.Set(_d, Dispi.YOffset, 12000);                            // would run past VRAM
        Assert.Equal(0, Vbe.Reg(_d, Dispi.YOffset));
        Assert.Equal(64UL, _d.Mode!.StartOffset);

        Vbe.SetMode(_d, 640, 480, 24);
        Vbe.Set(_d, Dispi.XOffset, 3);                                // 9 bytes; QEMU keeps offset / 4
        Assert.Equal(8UL, _d.Mode!.StartOffset);
    }

    [Fact]
    public void Video_memory_64k_is_read_only()
    {
        Assert.Equal(256, Vbe.Reg(_d, Dispi.VideoMemory64K));
        Vbe.Set(_d, Dispi.VideoMemory64K, 1);
        Assert.Equal(256, Vbe.Reg(_d, Dispi.VideoMemory64K));
    }

    [Fact]
    public void Bank_is_masked_to_the_vram_size()
    {
        Vbe.Set(_d, Dispi.Bank, 0xFFFF);
        Assert.Equal(255, Vbe.Reg(_d, Dispi.Bank));
    }

    [Fact]
    public void Byte_halfword_and_word_accesses_to_the_dispi_window()
    {
        Vbe.Set(_d, Dispi.XRes, 0x1234);
        Assert.True(_d.Read(0x502, 1, out ulong b));
        Assert.Equal(0x34UL, b);
        Assert.True(_d.Read(0x503, 1, out b));                       // widened to the register: its low byte
        Assert.Equal(0x34UL, b);
        Assert.True(_d.Write(0x502, 1, 0x80));                        // zero-extended into the register
        Assert.Equal(0x80, Vbe.Reg(_d, Dispi.XRes));
        Assert.True(_d.Write(0x503, 1, 0x02));
        Assert.Equal(0x02, Vbe.Reg(_d, Dispi.XRes));

        Assert.True(_d.Write(0x504, 4, 0x0300_0280));                 // YRES = 0x280 and BPP = 0x300 in one access
        Assert.Equal(0x280, Vbe.Reg(_d, Dispi.YRes));
        Assert.Equal(0x300, Vbe.Reg(_d, Dispi.Bpp));
        Assert.True(_d.Read(0x500, 4, out ulong w));
        Assert.Equal(0xB0C5UL | 0x02UL << 16, w);
        Assert.True(_d.Read(0x514, 4, out w));                        // VIDEO_MEMORY_64K, then the hole
        Assert.Equal(256UL | 0xFFFFUL << 16, w);

        Assert.False(_d.Read(0x501, 2, out _));                       // unaligned: bus error, as QEMU
        Assert.False(_d.Read(0x502, 4, out _));
        Assert.False(_d.Write(0x500, 8, 0));
        Assert.False(_d.Read(0x1000, 1, out _));
    }

    [Fact]
    public void Holes_read_all_ones_and_ignore_writes()
    {
        Assert.True(_d.Read(0x800, 4, out ulong v));
        Assert.Equal(0xFFFF_FFFFUL, v);
        Assert.True(_d.Read(0x200, 2, out v));
        Assert.Equal(0xFFFFUL, v);
        Assert.True(_d.Write(0x800, 4, 0));
        Assert.True(_d.Write(0x000, 1, 0x55));                        // EDID is read-only
        Assert.True(_d.Read(0x000, 1, out v));
        Assert.Equal(0UL, v);
    }

    [Fact]
    public void Qemu_extension_registers_report_size_and_store_the_byte_order()
    {
        Assert.True(_d.Read(0x600, 4, out ulong v));
        Assert.Equal(8UL, v);
        Assert.True(_d.Read(0x604, 4, out v));
        Assert.Equal(0x1e1e1e1eUL, v);
        Vbe.SetMode(_d, 640, 480, 32);
        long generation = _d.ModeGeneration;
        Assert.True(_d.Write(0x604, 4, 0xbebebebe));
        Assert.True(_d.Read(0x604, 4, out v));
        Assert.Equal(0xbebebebeUL, v);
        Assert.True(_d.BigEndianFramebuffer);
        Assert.True(_d.Mode!.BigEndian);
        Assert.Equal(generation + 1, _d.ModeGeneration);
        Assert.True(_d.Write(0x604, 4, 0x12345678));                  // neither magic: ignored
        Assert.True(_d.BigEndianFramebuffer);
        Assert.True(_d.Write(0x604, 4, 0x1e1e1e1e));
        Assert.False(_d.BigEndianFramebuffer);
        Assert.False(_d.Read(0x604, 2, out _));                       // 4-byte accesses only
        Assert.False(_d.Write(0x604, 1, 0));
    }

    [Fact]
    public void Mode_is_null_unless_enabled_supported_and_at_least_64x64()
    {
        Assert.Null(_d.Mode);
        Vbe.SetMode(_d, 640, 480, 32);
        Assert.Equal("640x480x32", _d.Mode!.ToString());
        Assert.Equal(new VbeMode(640, 480, 32, 2560, 0, false), _d.Mode);
        Vbe.SetMode(_d, 32, 480, 32);
        Assert.Null(_d.Mode);
        Vbe.SetMode(_d, 640, 40, 16);
        Assert.Null(_d.Mode);
        Vbe.SetMode(_d, 64, 64, 16);
        Assert.Equal("64x64x16", _d.Mode!.ToString());
        Vbe.Set(_d, Dispi.Enable, 0);
        Assert.Null(_d.Mode);
    }

    [Fact]
    public void Mode_generation_moves_only_when_the_mode_changes()
    {
        long g0 = _d.ModeGeneration;
        Vbe.SetMode(_d, 640, 480, 32);
        long g1 = _d.ModeGeneration;
        Assert.True(g1 > g0);
        Vbe.Set(_d, Dispi.Bank, 1);
        Vbe.Set(_d, Dispi.XRes, 640);
        Vbe.Set(_d, Dispi.Enable, Dispi.Enabled | Dispi.LfbEnabled | Dispi.NoClearMem);
        Assert.Equal(g1, _d.ModeGeneration);
        Vbe.Set(_d, Dispi.YRes, 400);
        Assert.Equal(g1 + 1, _d.ModeGeneration);
        Vbe.Set(_d, Dispi.Enable, 0);
        Vbe.Set(_d, Dispi.Enable, Dispi.Enabled | Dispi.NoClearMem);
        Assert.Equal(g1 + 3, _d.ModeGeneration);
    }
}
