using System.Runtime.InteropServices;
using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Vga;

public sealed class VgaScanoutTests
{
    private const int VramSize = 2 << 20;
    private const int Stride = 640 * 4;
    private readonly FakeVram _vram = new(VramSize);
    private readonly byte[] _truth = new byte[VramSize];
    private readonly FakeDirtyLog _log = new();
    private readonly BochsDisplay _device;
    private readonly VgaScanout _scanout;

    public VgaScanoutTests()
    {
        _device = new BochsDisplay(VramSize, _vram);
        _scanout = new VgaScanout(_device, _vram, _log, () => _truth);
        for (int i = 0; i < VramSize; i++)
            _truth[i] = (byte)(i * 7 + (i >> 12));
        _truth.CopyTo(_vram.Memory, 0);
        Vbe.SetMode(_device, 640, 480, 32);
    }

    /// <summary>A guest store: always in the coherent truth; in the host's view only when coherent.</summary>
    private void GuestWrite(int offset, byte[] data, bool coherent)
    {
        data.CopyTo(_truth, offset);
        if (coherent)
            data.CopyTo(_vram.Memory, offset);
        _log.MarkWritten((ulong)offset, data.Length);
    }

    private VgaFrame Frame(long number, int maxBytes = Stride * 4)
    {
        _scanout.BeginFrame(number, (ulong)number * 1000, number / 60.0);
        while (_scanout.Step(maxBytes))
        {
        }
        return _scanout.EndFrame()!;
    }

    [Fact]
    public void First_frame_reads_every_line_in_bounded_steps_after_maintaining_its_pages()
    {
        _scanout.BeginFrame(1, 1234, 0.5);
        int calls = 1;
        while (_scanout.Step(Stride * 4))
            calls++;
        Assert.Equal(120, calls);                                         // four lines per step
        Assert.Equal(Enumerable.Range(0, 480).Select(y => ((ulong)(y * Stride), Stride)), _vram.Reads);
        Assert.Equal('M', _vram.Calls[0]);
        var pages = _vram.Maintenance.SelectMany(m => Enumerable.Range((int)(m.Offset >> 12), (int)(m.Length >> 12))).ToList();
        Assert.Equal(Enumerable.Range(0, 480 * Stride / 4096), pages);     // each visible page once, in order

        VgaFrame frame = _scanout.EndFrame()!;
        Assert.True(frame.FullRedraw);
        Assert.Equal(480, frame.LinesRead);
        Assert.Equal((1L, 1234UL, 0.5), (frame.Number, frame.Cycles, frame.SimulatedSeconds));
        Assert.Equal(("640x480x32", 640, 480), (frame.Mode, frame.Width, frame.Height));
        Assert.Equal(0, frame.StalePixels + frame.PendingPixels);
        Assert.Equal(PixelFormats.Rgba(_truth[2], _truth[1], _truth[0]), frame.Pixels[0]);
        Assert.Equal(frame.Pixels, frame.Oracle);
    }

    [Fact]
    public void A_later_frame_reads_only_the_lines_touching_dirty_pages()
    {
        Frame(1);
        _vram.ClearLog();
        GuestWrite(10 * 4096, [1, 2, 3, 4], coherent: true);              // page 10: lines 16 and 17
        VgaFrame frame = Frame(2);
        Assert.Equal([((ulong)(16 * Stride), Stride), ((ulong)(17 * Stride), Stride)], _vram.Reads);
        Assert.Equal([(10UL * 4096, 4096UL)], _vram.Maintenance);
        Assert.Equal(['M', 'R', 'R'], _vram.Calls);
        Assert.False(frame.FullRedraw);
        Assert.Equal((1, 2), (frame.DirtyPages, frame.LinesRead));
        Assert.Equal(PixelFormats.Rgba(3, 2, 1), frame.Pixels[10 * 4096 / 4]);

        _vram.ClearLog();
        frame = Frame(3);
        Assert.Empty(_vram.Reads);
        Assert.Empty(_vram.Maintenance);
        Assert.Equal((0, 0), (frame.DirtyPages, frame.LinesRead));
    }

    [Fact]
    public void A_stale_read_persists_until_the_page_is_written_again_and_then_is_only_pending()
    {
        Frame(1);
        int line = 100, offset = line * Stride;
        GuestWrite(offset, Enumerable.Repeat((byte)0xEE, 40).ToArray(), coherent: false); // 10 pixels the host cannot see
        VgaFrame frame = Frame(2);
        Assert.Equal(2, frame.LinesRead);
        Assert.Equal((10, 0), (frame.StalePixels, frame.PendingPixels));
        Assert.All(Enumerable.Range(0, 10), x => Assert.Equal(VgaFrame.Stale, frame.PixelState[line * 640 + x]));
        Assert.Equal(VgaFrame.Same, frame.PixelState[line * 640 + 10]);
        Assert.Equal(PixelFormats.Rgba(0xEE, 0xEE, 0xEE), frame.Oracle[line * 640]);
        Assert.NotEqual(frame.Oracle[line * 640], frame.Pixels[line * 640]);

        frame = Frame(3);                                                 // nothing dirty: nothing re-read
        Assert.Equal(0, frame.LinesRead);
        Assert.Equal(10, frame.StalePixels);

        _scanout.BeginFrame(4, 0, 0);
        GuestWrite(offset, Enumerable.Repeat((byte)0x11, 40).ToArray(), coherent: false); // during the frame
        while (_scanout.Step(Stride))
        {
        }
        frame = _scanout.EndFrame()!;
        Assert.Equal((0, 10), (frame.StalePixels, frame.PendingPixels));
        Assert.Equal(VgaFrame.Pending, frame.PixelState[line * 640]);
    }

    [Fact]
    public void Without_a_cache_model_the_oracle_is_what_was_read()
    {
        var scanout = new VgaScanout(_device, _vram, _log, null);
        GuestWrite(0, [9, 9, 9, 9], coherent: false);
        scanout.BeginFrame(1, 0, 0);
        VgaFrame frame = scanout.EndFrame()!;                             // EndFrame finishes the reads
        Assert.Equal(480, frame.LinesRead);
        Assert.Same(frame.Pixels, frame.Oracle);
        Assert.Equal(0, frame.StalePixels);
        Assert.True(frame.PixelState.All(s => s == VgaFrame.Same));
    }

    [Fact]
    public void Hash_is_fnv1a_over_the_pixel_bytes_and_deterministic()
    {
        uint[] one = [0xFF000000, 0x12345678];
        ulong expected = 0xcbf29ce484222325;
        foreach (byte b in MemoryMarshal.AsBytes(one.AsSpan()))
            expected = (expected ^ b) * 0x100000001b3;
        Assert.Equal(expected, VgaFrame.ComputeHash(one));
        Assert.Equal(0xcbf29ce484222325UL, VgaFrame.ComputeHash([]));

        ulong first = Frame(1).Hash;
        var again = new VgaScanoutTests();
        Assert.Equal(first, again.Frame(1).Hash);
        again.GuestWrite(4, [1, 0, 0, 0], coherent: true);
        Assert.NotEqual(first, again.Frame(2).Hash);
        Assert.Equal(7UL, new VgaFrame { Hash = 7 }.Hash);
    }

    [Fact]
    public void A_mode_change_redraws_everything()
    {
        Frame(1);
        _vram.ClearLog();
        Vbe.Set(_device, Dispi.YOffset, 10);                              // page flip
        VgaFrame frame = Frame(2);
        Assert.True(frame.FullRedraw);
        Assert.Equal(480, frame.LinesRead);
        Assert.Equal((ulong)(10 * Stride), _vram.Reads[0].Offset);

        Vbe.SetMode(_device, 320, 240, 16);
        frame = Frame(3);
        Assert.True(frame.FullRedraw);
        Assert.Equal(("320x240x16", 320 * 240), (frame.Mode, frame.Pixels.Length));
        Assert.False(Frame(4).FullRedraw);

        Vbe.Set(_device, Dispi.Enable, 0);
        Vbe.Set(_device, Dispi.Enable, Dispi.Enabled | Dispi.NoClearMem);   // same mode, re-enabled
        Assert.True(Frame(5).FullRedraw);
    }

    [Fact]
    public void No_mode_gives_no_frame()
    {
        Vbe.Set(_device, Dispi.Enable, 0);
        _scanout.BeginFrame(1, 0, 0);
        Assert.False(_scanout.Step(int.MaxValue));
        Assert.Null(_scanout.EndFrame());
        Assert.Null(_scanout.EndFrame());                                 // no frame begun
        Assert.Equal(1, _log.Collections);
    }

    [Fact]
    public void An_eight_bpp_palette_change_redraws_everything()
    {
        Vbe.SetMode(_device, 640, 480, 8);
        Assert.True(Frame(1).FullRedraw);
        Assert.False(Frame(2).FullRedraw);
        Assert.True(_device.Write(0x408, 1, _truth[0]));                  // DAC write index = first pixel's index
        foreach (byte c in new byte[] { 0x3F, 0, 0 })
            Assert.True(_device.Write(0x409, 1, c));
        VgaFrame frame = Frame(3);
        Assert.True(frame.FullRedraw);
        Assert.Equal(PixelFormats.Rgba(0xFF, 0, 0), frame.Pixels[0]);
    }

    [Fact]
    public void A_big_endian_framebuffer_is_converted_with_its_byte_order()
    {
        Assert.True(_device.Write(0x604, 4, BochsDisplay.BigEndianMagic));
        VgaFrame frame = Frame(1);
        Assert.True(frame.FullRedraw);
        Assert.Equal(PixelFormats.Rgba(_truth[1], _truth[2], _truth[3]), frame.Pixels[0]);
        Assert.Equal(0, frame.StalePixels);
    }

    [Fact]
    public void Lines_left_unread_when_the_next_frame_begins_are_still_read()
    {
        Frame(1);
        GuestWrite(0, [5, 5, 5, 5], coherent: true);
        _scanout.BeginFrame(2, 0, 0);                                     // line 0 and 1 wanted, not read
        _vram.ClearLog();
        VgaFrame frame = Frame(3);                                        // nothing new is dirty
        Assert.Equal(2, frame.LinesRead);
        Assert.Equal(PixelFormats.Rgba(5, 5, 5), frame.Pixels[0]);
    }

    [Fact]
    public void Steps_allocate_nothing()
    {
        var vram = new CopyingVram(_vram.Memory);
        var scanout = new VgaScanout(_device, vram, _log, () => _truth);
        // Full redraws (the offset moves each frame); the JIT may allocate while it settles in the
        // first frames, so at least one frame's steps must allocate nothing at all.
        var allocated = new List<long>();
        for (int frame = 0; frame < 8; frame++)
        {
            Vbe.Set(_device, Dispi.YOffset, (ushort)frame);
            scanout.BeginFrame(frame, 0, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (scanout.Step(Stride * 8))
            {
            }
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(480, scanout.EndFrame()!.LinesRead);
        }
        Assert.Contains(0L, allocated);
    }

    private sealed class CopyingVram(byte[] memory) : IVramView
    {
        public void Read(ulong offset, Span<byte> destination) => memory.AsSpan((int)offset, destination.Length).CopyTo(destination);

        public void Write(ulong offset, ReadOnlySpan<byte> source) => source.CopyTo(memory.AsSpan((int)offset));

        public void BeforeRead(ulong offset, ulong length)
        {
        }
    }
}
