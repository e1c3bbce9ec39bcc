namespace Emulator.Host.Display;

/// <summary>
/// One finished frame of the VGA scanout, as the display back ends receive it: the host's view
/// (what the VMM read through its cacheable mapping), the coherent oracle's view, and per pixel
/// whether the two differ. Immutable once built, so it is shared between the simulation, the
/// window thread and the recorder without copying. Stand-in for <c>Emulator.Devices.Vga.VgaFrame</c>
/// (same members), which replaces it by a rename.
/// </summary>
public sealed class DisplayFrame
{
    /// <summary>Frame number, from 1.</summary>
    public long Number { get; init; }

    /// <summary>Simulated cycles when the scanout finished.</summary>
    public ulong Cycles { get; init; }

    public double SimulatedSeconds { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Video mode, e.g. "640x480x32".</summary>
    public string Mode { get; init; } = string.Empty;

    /// <summary>Host view, row-major RGBA: R in bits 7:0, G 15:8, B 23:16, A 31:24 (0xFF).</summary>
    public uint[] Pixels { get; init; } = [];

    /// <summary>Coherent (oracle) view, same format as <see cref="Pixels"/>.</summary>
    public uint[] Oracle { get; init; } = [];

    /// <summary>Per pixel: 0 same as the oracle, 1 stale, 2 pending (see <see cref="PixelStates"/>).</summary>
    public byte[] PixelState { get; init; } = [];

    public int StalePixels { get; init; }

    public int PendingPixels { get; init; }

    public int DirtyPages { get; init; }

    public ulong Hash { get; init; }

    public bool FullRedraw { get; init; }
}
