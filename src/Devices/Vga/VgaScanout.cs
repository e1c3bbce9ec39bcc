namespace Emulator.Devices.Vga;

/// <summary>
/// The VMM's display update for <see cref="BochsDisplay"/>, as QEMU's <c>vga_draw_graphic</c> /
/// <c>bochs_display_update</c> do it: at the start of a frame it collects and clears the
/// hypervisor's dirty log of VRAM, then re-reads only the scanlines that touch a dirty page (all of
/// them on the first frame and after a mode change, or an 8-bpp palette change) into a persistent
/// host framebuffer. Scanlines it does not re-read keep their old pixels, which is how a stale
/// read persists until the guest writes that page again (docs/memory-attributes.md §6.3).
/// <para>
/// The work runs as the host agent's own, in small steps interleaved with the guest (docs/machine.md,
/// "Display"): <see cref="BeginFrame"/>, then <see cref="Step"/> until it returns false, then
/// <see cref="EndFrame"/>. Before reading a step's scanlines it calls
/// <see cref="IVramView.BeforeRead"/> once per frame for each run of pages it is about to read that
/// the log reported dirty (every page read, on a full redraw), so a maintenance policy acts right
/// before the reads. <see cref="EndFrame"/> compares the host view with the coherent oracle and
/// classifies each differing pixel as stale or pending.
/// </para>
/// Steps allocate nothing; buffers are reallocated only when the mode's size changes, and
/// <see cref="EndFrame"/> allocates the frame's arrays.
/// </summary>
public sealed class VgaScanout
{
    /// <summary>Dirty-log page size.</summary>
    public const int PageShift = 12;

    private readonly BochsDisplay _device;
    private readonly IVramView _vram;
    private readonly IDirtyLog _dirtyLog;
    private readonly Func<ReadOnlySpan<byte>>? _oracleTruth;
    private readonly ulong[] _dirty;
    private readonly ulong[] _maintained;
    private readonly byte[] _pendingCache;
    private readonly uint[] _palette = new uint[256];

    private VbeMode? _mode;        // this frame's mode (null: nothing to show)
    private VbeMode? _shownMode;   // the mode the host framebuffer holds
    private string _modeName = string.Empty;
    private long _shownGeneration = -1, _shownPaletteGeneration = -1;
    private uint[] _host = [];
    private byte[] _hostRaw = [];  // the bytes the VMM last read, per scanline (lineBytes each)
    private byte[] _zeroState = []; // PixelState of frames with no difference (never written)
    private VgaFrame? _lastFrame;   // its Pixels are shared by the next frame when no scanline was read in between
    private bool _hostChanged = true;
    private byte[] _row = [];
    private bool[] _wanted = [];   // scanlines still to read
    private int _nextLine, _linesRead, _dirtyPages;
    private bool _inFrame, _fullRedraw;
    private long _number;
    private ulong _cycles;
    private double _seconds;
    private ulong _runStart, _runEnd; // pages awaiting one BeforeRead call, [start, end)

    /// <param name="device">The display whose registers give the mode and palette.</param>
    /// <param name="vram">The VMM's (host agent's) view of VRAM.</param>
    /// <param name="dirtyLog">The hypervisor's dirty log of the VRAM slot.</param>
    /// <param name="oracleTruth">Returns the coherent contents of VRAM from offset 0 (bytes past its
    /// end count as zero), or null without a cache model, when the oracle view is what was read.</param>
    public VgaScanout(BochsDisplay device, IVramView vram, IDirtyLog dirtyLog, Func<ReadOnlySpan<byte>>? oracleTruth)
    {
        _device = device;
        _vram = vram;
        _dirtyLog = dirtyLog;
        _oracleTruth = oracleTruth;
        ulong pages = (device.VramSize + (1UL << PageShift) - 1) >> PageShift;
        _dirty = new ulong[(pages + 63) / 64];
        _maintained = new ulong[_dirty.Length];
        _pendingCache = new byte[pages];
    }

    /// <summary>The largest mode the scanout displays, in pixels (8192 x 4096: a 128 MiB RGBA frame).</summary>
    public const long MaxPixels = 8192L * 4096;

    /// <summary>The mode set when it is too large to display (null otherwise).</summary>
    public VbeMode? TooLarge { get; private set; }

    /// <summary>Whether a frame has begun and not yet ended.</summary>
    public bool InFrame => _inFrame;

    /// <summary>The mode of the frame in progress (null when there is nothing to show).</summary>
    public VbeMode? FrameMode => _mode;

    /// <summary>
    /// Starts frame <paramref name="number"/>: collects and clears the dirty log, takes the mode and
    /// the palette, and marks the scanlines to read. Scanlines a previous frame left unread stay marked.
    /// </summary>
    public void BeginFrame(long number, ulong cycles, double seconds)
    {
        _number = number;
        _cycles = cycles;
        _seconds = seconds;
        _inFrame = true;
        _linesRead = 0;
        _nextLine = 0;
        _runStart = _runEnd = 0;
        _dirtyPages = _dirtyLog.CollectAndClear(_dirty);
        Array.Clear(_maintained);

        VbeMode? mode = _device.Mode;
        if (mode is not null && (long)mode.Width * mode.Height > MaxPixels)
        {
            // A valid but huge mode (16000x12000 fits 256 MiB of VRAM): not displayed, rather than
            // gigabytes of frame arrays per refresh. TooLarge tells the host why the screen is empty.
            TooLarge = mode;
            mode = null;
        }
        else
        {
            TooLarge = null;
        }
        _mode = mode;
        if (mode is null)
        {
            _shownMode = null;
            return;
        }
        _device.PaletteRgba.CopyTo(_palette);
        bool full = _shownMode is null || !mode.Equals(_shownMode)
            || _device.ModeGeneration != _shownGeneration
            || (mode.Bpp == 8 && _device.PaletteGeneration != _shownPaletteGeneration);
        if (_shownMode is null || _shownMode.Width != mode.Width || _shownMode.Height != mode.Height)
        {
            _host = new uint[mode.Width * mode.Height];
            _wanted = new bool[mode.Height];
            _zeroState = new byte[mode.Width * mode.Height];
        }
        if (_hostRaw.Length != mode.Height * mode.LineBytes)
            _hostRaw = new byte[mode.Height * mode.LineBytes];
        if (_row.Length < mode.LineBytes)
            _row = new byte[mode.LineBytes];
        if (!mode.Equals(_shownMode))
            _modeName = mode.ToString();
        _shownMode = mode;
        _shownGeneration = _device.ModeGeneration;
        _shownPaletteGeneration = _device.PaletteGeneration;
        _fullRedraw = full;
        if (full)
            _hostChanged = true;

        for (int y = 0; y < mode.Height; y++)
            _wanted[y] = full || _wanted[y] || LineTouchesDirtyPage(mode, y);
    }

    /// <summary>
    /// Reads the next scanlines to read, whole, about <paramref name="maxBytes"/> bytes of them but at
    /// least one, into the host framebuffer. Returns true while scanlines remain.
    /// </summary>
    public bool Step(int maxBytes)
    {
        if (!_inFrame || _mode is null)
            return false;
        VbeMode m = _mode;
        int height = m.Height, lineBytes = m.LineBytes;
        int first = NextWanted(_nextLine);
        if (first >= height)
        {
            _nextLine = height;
            return false;
        }

        int last = first;
        long used = lineBytes;
        for (int next = NextWanted(first + 1); next < height && used + lineBytes <= maxBytes; next = NextWanted(next + 1))
        {
            last = next;
            used += lineBytes;
        }

        for (int y = first; y <= last; y++)
            if (_wanted[y])
                Maintain(m, y);
        FlushMaintenance();

        for (int y = first; y <= last; y++)
        {
            if (!_wanted[y])
                continue;
            Span<byte> row = _hostRaw.AsSpan(y * lineBytes, lineBytes);
            _vram.Read(m.LineOffset(y), row);
            PixelFormats.ConvertRow(row, _host.AsSpan(y * m.Width, m.Width), m.Bpp, m.BigEndian, _palette);
            _hostChanged = true;
            _wanted[y] = false;
            _linesRead++;
        }
        _nextLine = last + 1;
        return NextWanted(_nextLine) < height;
    }

    /// <summary>
    /// Finishes the frame (reading any scanlines still to read), builds the oracle view for the
    /// visible area, classifies the pixels and returns the frame; null when there is no mode to show
    /// (or no frame has begun), and the caller skips the frame.
    /// </summary>
    public VgaFrame? EndFrame()
    {
        if (!_inFrame)
            return null;
        while (Step(int.MaxValue))
        {
        }
        _inFrame = false;
        if (_mode is not { } m)
            return null;

        int width = m.Width, height = m.Height, count = width * height;
        // Frames are immutable: when no scanline was read since the last frame of the same size, the
        // host view is the same and its array (and hash) are shared instead of copied.
        bool reuse = !_hostChanged && _lastFrame is { } last && last.Width == width && last.Height == height;
        uint[] pixels;
        if (reuse)
        {
            pixels = _lastFrame!.Pixels;
        }
        else
        {
            pixels = GC.AllocateUninitializedArray<uint>(count);
            _host.AsSpan(0, count).CopyTo(pixels);
        }
        _hostChanged = false;
        byte[] state = _zeroState;
        uint[] oracle = pixels;
        int stale = 0, pending = 0;
        if (_oracleTruth is not null)
            Classify(m, _oracleTruth(), pixels, ref oracle, ref state, ref stale, ref pending);

        var frame = new VgaFrame
        {
            Number = _number,
            Cycles = _cycles,
            SimulatedSeconds = _seconds,
            Width = width,
            Height = height,
            Mode = _modeName,
            Pixels = pixels,
            Oracle = oracle,
            PixelState = state,
            StalePixels = stale,
            PendingPixels = pending,
            DirtyPages = _dirtyPages,
            LinesRead = _linesRead,
            FullRedraw = _fullRedraw,
        };
        if (reuse && _lastFrame!.HashKnown)
            frame = frame.WithHash(_lastFrame.Hash);
        _lastFrame = frame;
        return frame;
    }

    /// <summary>
    /// Compares what the VMM read with the coherent truth, scanline by scanline on the raw bytes
    /// (vectorized; a frame with no difference costs one pass over both), and only for a line that
    /// differs converts the truth to RGBA and classifies each differing pixel: stale, or pending
    /// when a page holding it is pending in the dirty log. The oracle image and the state array are
    /// allocated on the first difference (until then the oracle view is the host view and the
    /// states are all "same").
    /// </summary>
    private void Classify(VbeMode m, ReadOnlySpan<byte> truth, uint[] pixels, ref uint[] oracle, ref byte[] state,
        ref int stale, ref int pending)
    {
        Array.Clear(_pendingCache);
        int width = m.Width, lineBytes = m.LineBytes, bytesPerPixel = m.BytesPerPixel;
        for (int y = 0; y < m.Height; y++)
        {
            ulong lineOffset = m.LineOffset(y);
            ReadOnlySpan<byte> source = TruthLine(truth, lineOffset, lineBytes);
            ReadOnlySpan<byte> read = _hostRaw.AsSpan(y * lineBytes, lineBytes);
            if (read.SequenceEqual(source))
                continue;
            if (ReferenceEquals(oracle, pixels))
            {
                oracle = GC.AllocateUninitializedArray<uint>(pixels.Length);
                pixels.CopyTo(oracle, 0);
                state = new byte[pixels.Length];
            }
            Span<uint> expected = oracle.AsSpan(y * width, width);
            PixelFormats.ConvertRow(source, expected, m.Bpp, m.BigEndian, _palette);
            ReadOnlySpan<uint> shown = pixels.AsSpan(y * width, width);
            int x = 0;
            while (true)
            {
                x += shown[x..].CommonPrefixLength(expected[x..]);
                if (x >= width)
                    break;
                ulong at = lineOffset + (ulong)(x * bytesPerPixel);
                bool isPending = IsPending(at >> PageShift) || IsPending((at + (ulong)bytesPerPixel - 1) >> PageShift);
                if (isPending)
                {
                    state[y * width + x] = VgaFrame.Pending;
                    pending++;
                }
                else
                {
                    state[y * width + x] = VgaFrame.Stale;
                    stale++;
                }
                x++;
            }
        }
    }

    /// <summary>The oracle's bytes of one scanline; past the end of the truth they read as zero.</summary>
    private ReadOnlySpan<byte> TruthLine(ReadOnlySpan<byte> truth, ulong offset, int length)
    {
        if (offset + (ulong)length <= (ulong)truth.Length)
            return truth.Slice((int)offset, length);
        Span<byte> row = _row.AsSpan(0, length);
        row.Clear();
        if (offset < (ulong)truth.Length)
            truth[(int)offset..].CopyTo(row);
        return row;
    }

    private bool IsPending(ulong page)
    {
        if (page >= (ulong)_pendingCache.Length)
            return false;
        byte known = _pendingCache[page];
        if (known == 0)
            _pendingCache[page] = known = _dirtyLog.IsPending(page) ? (byte)2 : (byte)1;
        return known == 2;
    }

    private int NextWanted(int from)
    {
        if (from >= _mode!.Height)
            return _mode.Height;
        int i = _wanted.AsSpan(from, _mode.Height - from).IndexOf(true);
        return i < 0 ? _mode.Height : from + i;
    }

    private bool LineTouchesDirtyPage(VbeMode m, int y)
    {
        ulong start = m.LineOffset(y);
        ulong first = start >> PageShift, last = (start + (ulong)m.LineBytes - 1) >> PageShift;
        for (ulong p = first; p <= last; p++)
            if (IsSet(_dirty, p))
                return true;
        return false;
    }

    /// <summary>Queues BeforeRead for the pages of scanline <paramref name="y"/> that need it and have not had it this frame.</summary>
    private void Maintain(VbeMode m, int y)
    {
        ulong start = m.LineOffset(y);
        ulong first = start >> PageShift, last = (start + (ulong)m.LineBytes - 1) >> PageShift;
        for (ulong p = first; p <= last; p++)
        {
            if (IsSet(_maintained, p) || !(_fullRedraw || IsSet(_dirty, p)))
                continue;
            _maintained[p >> 6] |= 1UL << (int)(p & 63);
            if (p != _runEnd || _runEnd == _runStart)
            {
                FlushMaintenance();
                _runStart = p;
            }
            _runEnd = p + 1;
        }
    }

    private void FlushMaintenance()
    {
        if (_runEnd > _runStart)
            _vram.BeforeRead(_runStart << PageShift, (_runEnd - _runStart) << PageShift);
        _runStart = _runEnd = 0;
    }

    private static bool IsSet(ulong[] bitmap, ulong page) =>
        page >> 6 < (ulong)bitmap.Length && (bitmap[page >> 6] & (1UL << (int)(page & 63))) != 0;
}
