using BenchmarkDotNet.Attributes;
using Emulator.Devices.Vga;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;

namespace Emulator.Bench.Caches;

/// <summary>
/// One display frame of the VMM at 1024x768x32 through the cache model (cortex-a72 preset):
/// <see cref="VgaScanout.BeginFrame"/> (collect the dirty log), <see cref="VgaScanout.Step"/> in
/// the display pipeline's 4 KiB steps, each scanline read by the host agent's cacheable
/// <see cref="CacheHierarchy.HostRead"/> as <c>HostVramView</c> does under the kvm policy, and
/// <see cref="VgaScanout.EndFrame"/> (the oracle comparison and the frame's arrays). The hash is
/// not computed (it is computed on first use). <see cref="HostReadsOnly"/> is the cache model's
/// share of it. <see cref="DirtyPercent"/> of the 768 visible
/// pages (one per scanline at this mode) are dirty in each frame: 100 re-reads the whole frame, as
/// a full redraw does; 10 is a typical animated frame.
/// </summary>
[MemoryDiagnoser]
public class ScanoutBench
{
    private const ulong VramBase = 0x1000_0000;
    private const ulong VramSize = 16UL << 20;
    private const int Width = 1024, Height = 768;
    private const int StepBytes = 4096; // DisplayPipeline.StepBytes

    private CacheHierarchy _cache = null!;
    private VgaScanout _scanout = null!;
    private CacheVramView _view = null!;
    private FixedDirtyLog _log = null!;
    private readonly byte[] _line = new byte[Width * 4];
    private long _number;

    /// <summary>Percentage of the visible pages the dirty log reports written in each frame.</summary>
    [Params(100, 10)]
    public int DirtyPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ram = new Ram(VramBase, VramSize);
        _cache = new CacheHierarchy(CachePresets.CortexA72, ram);
        OracleRegion oracle = _cache.AddOracleRegion("vram", VramBase, VramSize);

        // The guest's picture, written Non-cacheable by CPU 0 (fb=nc): in memory and in the oracle.
        var line = new byte[Width * 4];
        for (int y = 0; y < Height; y++)
        {
            for (int i = 0; i < line.Length; i++)
                line[i] = (byte)((i * 7) + (y * 3));
            _cache.WriteBytes(0, VramBase + (ulong)(y * line.Length), line, MemoryAttributes.NormalNonCacheable);
        }

        _view = new CacheVramView(_cache, VramBase, VramSize);
        var device = new BochsDisplay(VramSize, _view);
        SetMode(device);
        _log = new FixedDirtyLog(Height, DirtyPercent); // 4 KiB scanlines: page y is line y
        _scanout = new VgaScanout(device, _view, _log, () => oracle.Truth);
        Frame(); // the first frame: a full redraw whatever the log says
    }

    /// <summary>One frame, start to end.</summary>
    [Benchmark]
    public int Frame()
    {
        _number++;
        _scanout.BeginFrame(_number, (ulong)_number * 16_666_667, _number / 60.0);
        while (_scanout.Step(StepBytes))
        {
        }
        VgaFrame frame = _scanout.EndFrame()!;
        return frame.LinesRead + frame.StalePixels;
    }

    /// <summary>
    /// Only the host agent's reads of the same scanlines (what <see cref="Frame"/> spends in the
    /// cache model), without the scanout's conversion, oracle comparison and frame arrays.
    /// </summary>
    [Benchmark]
    public int HostReadsOnly()
    {
        int cycles = 0;
        for (int y = 0; y < Height; y++)
        {
            if (_log.IsDirty(y))
            {
                _view.Read((ulong)(y * _line.Length), _line);
                cycles += _line[0];
            }
        }
        return cycles;
    }

    /// <summary>A mode set as bochs-drm does it: disable, geometry, enable with the linear framebuffer, keeping VRAM.</summary>
    private static void SetMode(BochsDisplay device)
    {
        device.WriteDispi(Dispi.Enable, Dispi.Disabled);
        device.WriteDispi(Dispi.Bpp, 32);
        device.WriteDispi(Dispi.XRes, Width);
        device.WriteDispi(Dispi.YRes, Height);
        device.WriteDispi(Dispi.Bank, 0);
        device.WriteDispi(Dispi.VirtWidth, Width);
        device.WriteDispi(Dispi.XOffset, 0);
        device.WriteDispi(Dispi.YOffset, 0);
        device.WriteDispi(Dispi.Enable, (ushort)(Dispi.Enabled | Dispi.LfbEnabled | Dispi.NoClearMem));
        if (device.Mode is null)
            throw new InvalidOperationException("the 1024x768x32 mode was not accepted");
    }

    /// <summary>The VMM's cacheable mapping of VRAM, as <c>Emulator.Host.Vmm.HostVramView</c> under the kvm policy (no maintenance).</summary>
    private sealed class CacheVramView(CacheHierarchy cache, ulong vramBase, ulong vramSize) : IVramView
    {
        public void Read(ulong offset, Span<byte> destination)
        {
            if (offset + (ulong)destination.Length <= vramSize)
                cache.HostRead(vramBase + offset, destination);
            else
                destination.Clear();
        }

        public void Write(ulong offset, ReadOnlySpan<byte> source)
        {
            if (offset + (ulong)source.Length <= vramSize)
                cache.HostWrite(vramBase + offset, source);
        }

        public void BeforeRead(ulong offset, ulong length)
        {
        }
    }

    /// <summary>A dirty log that reports the same pages at every collection: <c>percent</c>% of the visible pages, evenly spread.</summary>
    private sealed class FixedDirtyLog : IDirtyLog
    {
        private readonly ulong[] _bits;
        private readonly int _count;

        public FixedDirtyLog(int visiblePages, int percent)
        {
            _bits = new ulong[(visiblePages + 63) / 64];
            for (int p = 0; p < visiblePages; p++)
            {
                if ((p * percent / 100) != ((p + 1) * percent / 100))
                {
                    _bits[p >> 6] |= 1UL << (p & 63);
                    _count++;
                }
            }
        }

        public int CollectAndClear(Span<ulong> bitmap)
        {
            bitmap.Clear();
            _bits.CopyTo(bitmap);
            return _count;
        }

        public bool IsPending(ulong page) => false;

        public bool IsDirty(int page) => (_bits[page >> 6] & (1UL << (page & 63))) != 0;
    }
}
