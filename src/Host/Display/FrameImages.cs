using Emulator.Devices.Vga;

namespace Emulator.Host.Display;

/// <summary>
/// The images derived from a frame, shared by the window and the recorder: the composed view
/// (host, oracle or both side by side, optionally with the stale-pixel overlay) and the diff
/// image. Pixels are RGBA as in <see cref="VgaFrame.Pixels"/>.
/// </summary>
public static class FrameImages
{
    /// <summary>Opaque pure red, marking stale pixels in the diff image.</summary>
    public const uint Red = 0xFF0000FF;

    /// <summary>Opaque yellow, marking pending pixels in the diff image.</summary>
    public const uint Yellow = 0xFF00FFFF;

    private const uint Opaque = 0xFF000000;

    /// <summary>The size of the image <see cref="Compose"/> makes for a view of the frame.</summary>
    public static (int Width, int Height) ComposedSize(VgaFrame frame, DisplayView view) =>
        view == DisplayView.Split ? (frame.Width * 2, frame.Height) : (frame.Width, frame.Height);

    /// <summary>
    /// Writes the view into <paramref name="destination"/> (row-major, <see cref="ComposedSize"/>).
    /// With <paramref name="overlay"/>, the host view's stale pixels are tinted red and its pending
    /// ones yellow (half the pixel, half the tint). The oracle, alone or as the split view's right
    /// half, is never tinted: it is what a coherent machine shows, the reference the tint is about.
    /// </summary>
    public static void Compose(VgaFrame frame, DisplayView view, bool overlay, Span<uint> destination)
    {
        (int width, int height) = ComposedSize(frame, view);
        if (destination.Length < width * height)
            throw new ArgumentException($"destination holds {destination.Length} pixels, the {view} view needs {width * height}", nameof(destination));
        int w = frame.Width;
        ReadOnlySpan<uint> oracle = OracleOf(frame);
        ReadOnlySpan<byte> state = overlay ? StateOf(frame) : default;
        for (int y = 0; y < frame.Height; y++)
        {
            Span<uint> row = destination.Slice(y * width, width);
            switch (view)
            {
                case DisplayView.Host:
                    CopyRow(frame.Pixels.AsSpan(y * w, w), state, y * w, row);
                    break;
                case DisplayView.Oracle:
                    oracle.Slice(y * w, w).CopyTo(row);
                    break;
                default:
                    CopyRow(frame.Pixels.AsSpan(y * w, w), state, y * w, row[..w]);
                    oracle.Slice(y * w, w).CopyTo(row[w..]);
                    break;
            }
        }
    }

    /// <summary>
    /// The diff image: the host view turned grey and dimmed to 30% (so that the picture stays
    /// recognisable), stale pixels pure red, pending pixels yellow.
    /// </summary>
    public static void Diff(VgaFrame frame, Span<uint> destination)
    {
        int count = frame.Width * frame.Height;
        if (destination.Length < count)
            throw new ArgumentException($"destination holds {destination.Length} pixels, the frame has {count}", nameof(destination));
        ReadOnlySpan<uint> pixels = frame.Pixels.AsSpan(0, count);
        ReadOnlySpan<byte> state = StateOf(frame);
        for (int i = 0; i < count; i++)
        {
            byte s = state.IsEmpty ? VgaFrame.Same : state[i];
            destination[i] = s switch
            {
                VgaFrame.Stale => Red,
                VgaFrame.Pending => Yellow,
                _ => DimGrey(pixels[i]),
            };
        }
    }

    /// <summary>Height in pixels of the legend strip <see cref="DiffWithLegend"/> adds below the diff image.</summary>
    public const int LegendHeight = BitmapFont.Size + 8;

    /// <summary>Background of the legend strip (opaque black).</summary>
    public const uint LegendBackground = 0xFF000000;

    /// <summary>Colour of the legend's text (opaque light grey).</summary>
    public const uint LegendText = 0xFFC0C0C0;

    /// <summary>The legend's entries: the swatch colour and what it means.</summary>
    public static IReadOnlyList<(uint Colour, string Meaning)> LegendEntries { get; } =
    [
        (Red, "STALE"),
        (Yellow, "PENDING (SHOWN A FRAME LATE)"),
        (DimGrey(0xFFFFFFFF), "AS THE ORACLE (DIMMED)"),
    ];

    /// <summary>The size of the image <see cref="DiffWithLegend"/> makes: the frame with the legend strip below it.</summary>
    public static (int Width, int Height) DiffWithLegendSize(VgaFrame frame) => (frame.Width, frame.Height + LegendHeight);

    /// <summary>
    /// The diff image (<see cref="Diff"/>) with a legend strip of <see cref="LegendHeight"/> rows
    /// below it: on black, for each of <see cref="LegendEntries"/> a square of its colour and its
    /// meaning in <see cref="BitmapFont"/>, left to right, clipped to the frame's width.
    /// </summary>
    public static void DiffWithLegend(VgaFrame frame, Span<uint> destination)
    {
        (int width, int height) = DiffWithLegendSize(frame);
        if (destination.Length < width * height)
            throw new ArgumentException($"destination holds {destination.Length} pixels, the diff with its legend needs {width * height}", nameof(destination));
        Diff(frame, destination);
        Span<uint> image = destination[..(width * height)];
        BitmapFont.Fill(image, width, height, 0, frame.Height, width, LegendHeight, LegendBackground);
        int x = 4;
        int y = frame.Height + ((LegendHeight - BitmapFont.Size) / 2);
        foreach ((uint colour, string meaning) in LegendEntries)
        {
            BitmapFont.Fill(image, width, height, x, y, BitmapFont.Size, BitmapFont.Size, colour);
            x = BitmapFont.Draw(image, width, height, x + BitmapFont.Size + 4, y, meaning, LegendText) + 12;
        }
    }

    /// <summary>A pixel's luma (BT.601 weights, /256) scaled to 30%, as an opaque grey.</summary>
    public static uint DimGrey(uint rgba)
    {
        uint luma = ((77 * (rgba & 0xFF)) + (150 * ((rgba >> 8) & 0xFF)) + (29 * ((rgba >> 16) & 0xFF))) >> 8;
        uint g = luma * 3 / 10;
        return Opaque | (g << 16) | (g << 8) | g;
    }

    /// <summary>Half the pixel, half the tint, per channel; opaque.</summary>
    public static uint Tint(uint rgba, uint tint) =>
        Opaque | (((rgba & 0xFEFEFE) >> 1) + ((tint & 0xFEFEFE) >> 1));

    /// <summary>The oracle view, or the host view when the frame carries no oracle.</summary>
    private static ReadOnlySpan<uint> OracleOf(VgaFrame frame) =>
        frame.Oracle.Length >= frame.Width * frame.Height ? frame.Oracle : frame.Pixels;

    /// <summary>The pixel states, or empty (all same) when the frame carries none.</summary>
    private static ReadOnlySpan<byte> StateOf(VgaFrame frame) =>
        frame.PixelState.Length >= frame.Width * frame.Height ? frame.PixelState : default;

    private static void CopyRow(ReadOnlySpan<uint> source, ReadOnlySpan<byte> state, int stateOffset, Span<uint> destination)
    {
        if (state.IsEmpty)
        {
            source.CopyTo(destination);
            return;
        }
        ReadOnlySpan<byte> s = state.Slice(stateOffset, source.Length);
        for (int x = 0; x < source.Length; x++)
        {
            destination[x] = s[x] switch
            {
                VgaFrame.Stale => Tint(source[x], Red),
                VgaFrame.Pending => Tint(source[x], Yellow),
                _ => source[x],
            };
        }
    }
}
