namespace Emulator.Devices.Vga;

/// <summary>
/// One finished frame of the VGA scanout: the host's view (what the VMM read through its cacheable
/// mapping), the coherent oracle's view, and per pixel whether they differ (docs/machine.md, "Display": a pixel is
/// stale when it differs on a page the VMM believes up to date, pending when its page has been
/// written since the VMM read it). Immutable once built, so it can be handed to another thread;
/// the arrays must not be modified.
/// </summary>
public sealed class VgaFrame
{
    /// <summary><see cref="PixelState"/> values.</summary>
    public const byte Same = 0, Stale = 1, Pending = 2;

    private ulong _hash;
    private int _hashKnown;

    /// <summary>Frame number, as passed to <see cref="VgaScanout.BeginFrame"/>.</summary>
    public long Number { get; init; }

    /// <summary>Simulated cycles when the frame began.</summary>
    public ulong Cycles { get; init; }

    public double SimulatedSeconds { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Video mode, e.g. "640x480x32".</summary>
    public string Mode { get; init; } = string.Empty;

    /// <summary>Host view, row-major RGBA (<see cref="PixelFormats"/>): R in bits 7:0, G 15:8, B 23:16, A 31:24 (0xFF).</summary>
    public uint[] Pixels { get; init; } = [];

    /// <summary>Coherent (oracle) view, same format; the same array as <see cref="Pixels"/> when there is no cache model.</summary>
    public uint[] Oracle { get; init; } = [];

    /// <summary>Per pixel: <see cref="Same"/>, <see cref="Stale"/> or <see cref="Pending"/>.</summary>
    public byte[] PixelState { get; init; } = [];

    public int StalePixels { get; init; }

    public int PendingPixels { get; init; }

    /// <summary>Dirty VRAM pages collected from the dirty log at the start of this frame.</summary>
    public int DirtyPages { get; init; }

    /// <summary>Scanlines the VMM read from VRAM for this frame (all of them on a full redraw).</summary>
    public int LinesRead { get; init; }

    /// <summary>Whether every scanline was read (first frame, or the mode or the 8-bpp palette changed).</summary>
    public bool FullRedraw { get; init; }

    /// <summary>
    /// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over the bytes of
    /// <see cref="Pixels"/> in order, each pixel as its four bytes R, G, B, A. Computed on first
    /// use (it costs a few milliseconds for a large frame, which the scanout does not pay), unless set.
    /// </summary>
    public ulong Hash
    {
        get
        {
            if (Volatile.Read(ref _hashKnown) == 0)
            {
                _hash = ComputeHash(Pixels);
                Volatile.Write(ref _hashKnown, 1);
            }
            return _hash;
        }
        init
        {
            _hash = value;
            _hashKnown = 1;
        }
    }

    /// <summary>Whether <see cref="Hash"/> has been computed (or given) already.</summary>
    public bool HashKnown => Volatile.Read(ref _hashKnown) != 0;

    /// <summary>This frame with its hash given (for a frame whose pixels are another frame's).</summary>
    public VgaFrame WithHash(ulong hash)
    {
        _hash = hash;
        Volatile.Write(ref _hashKnown, 1);
        return this;
    }

    /// <summary>The <see cref="Hash"/> function.</summary>
    public static ulong ComputeHash(ReadOnlySpan<uint> pixels)
    {
        const ulong offsetBasis = 0xcbf29ce484222325, prime = 0x100000001b3;
        ulong h = offsetBasis;
        foreach (uint p in pixels)
        {
            h = (h ^ (p & 0xFF)) * prime;
            h = (h ^ ((p >> 8) & 0xFF)) * prime;
            h = (h ^ ((p >> 16) & 0xFF)) * prime;
            h = (h ^ (p >> 24)) * prime;
        }
        return h;
    }
}
