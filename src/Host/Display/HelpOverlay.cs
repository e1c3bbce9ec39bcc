namespace Emulator.Host.Display;

/// <summary>
/// The window's help (H or F1): the key list of <see cref="WindowKeys"/> drawn in a box at the
/// top-left corner of the image, white text in <see cref="BitmapFont"/> over the image darkened to
/// a quarter. At scale 2 when the box fits the image that way, else at scale 1, clipped.
/// Deterministic: the same image gives the same pixels.
/// </summary>
public static class HelpOverlay
{
    /// <summary>Distance of the box from the image's top-left corner, in pixels.</summary>
    public const int Margin = 8;

    /// <summary>Space between the box's edge and its text, in pixels at scale 1.</summary>
    public const int Padding = 6;

    /// <summary>Pixels between two lines at scale 1 (a glyph and two blank rows).</summary>
    public const int LineHeight = BitmapFont.Size + 2;

    /// <summary>Colour of the text (opaque white).</summary>
    public const uint TextColour = 0xFFFFFFFF;

    private const int KeysColumn = 10;

    /// <summary>The lines of the help: a title, then one line per key ("H, F1     SHOW OR HIDE THIS HELP").</summary>
    public static IReadOnlyList<string> Lines { get; } = BuildLines();

    /// <summary>The box's scale, position and size on an image of the given size.</summary>
    public static (int Scale, int X, int Y, int Width, int Height) Box(int imageWidth, int imageHeight)
    {
        int longest = 0;
        foreach (string line in Lines)
            longest = Math.Max(longest, line.Length);
        int scale = 2;
        if (Margin + ((longest * BitmapFont.Size) + (2 * Padding)) * 2 > imageWidth
            || Margin + ((Lines.Count * LineHeight) + (2 * Padding)) * 2 > imageHeight)
            scale = 1;
        return (scale, Margin, Margin, ((longest * BitmapFont.Size) + (2 * Padding)) * scale, ((Lines.Count * LineHeight) + (2 * Padding)) * scale);
    }

    /// <summary>A pixel of the box's background: the image's pixel at a quarter of its brightness, opaque.</summary>
    public static uint Darken(uint rgba) => 0xFF000000 | ((rgba >> 2) & 0x003F3F3F);

    /// <summary>Draws the help into a row-major RGBA image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static void Draw(Span<uint> image, int width, int height)
    {
        if (image.Length < width * height)
            throw new ArgumentException($"the image holds {image.Length} pixels, {width}x{height} needs {width * height}", nameof(image));
        (int scale, int bx, int by, int bw, int bh) = Box(width, height);
        int x1 = Math.Min(bx + bw, width), y1 = Math.Min(by + bh, height);
        for (int y = by; y < y1; y++)
        {
            Span<uint> row = image.Slice((y * width) + bx, Math.Max(x1 - bx, 0));
            for (int x = 0; x < row.Length; x++)
                row[x] = Darken(row[x]);
        }
        int ty = by + (Padding * scale);
        foreach (string line in Lines)
        {
            BitmapFont.Draw(image, width, height, bx + (Padding * scale), ty, line, TextColour, scale);
            ty += LineHeight * scale;
        }
    }

    private static List<string> BuildLines()
    {
        var lines = new List<string> { "KEYS (H OR F1 CLOSES THIS)" };
        foreach (WindowKey key in WindowKeys.All)
            lines.Add((key.Keys.PadRight(KeysColumn) + key.Description).ToUpperInvariant());
        return lines;
    }
}
