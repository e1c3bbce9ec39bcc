using Emulator.Host.Display;

using Emulator.Devices.Vga;

namespace Emulator.Host.Tests.Display;

/// <summary>Frames with a known pattern: every pixel a different colour, a stale block and a pending block.</summary>
internal static class TestFrames
{
    public static uint Rgba(int r, int g, int b) => 0xFF000000 | (uint)(b << 16) | (uint)(g << 8) | (uint)r;

    public static uint HostPixel(int x, int y) => Rgba(x & 0xFF, y & 0xFF, ((x * 7) + (y * 13)) & 0xFF);

    public static uint OraclePixel(int x, int y) => Rgba(255 - (x & 0xFF), (y * 3) & 0xFF, 0x40);

    /// <summary>Stale: rows 10..19, columns 20..59. Pending: rows 100..109, columns 200..239 (clipped to the frame).</summary>
    public static byte StateAt(int x, int y) =>
        y is >= 10 and < 20 && x is >= 20 and < 60 ? VgaFrame.Stale
        : y is >= 100 and < 110 && x is >= 200 and < 240 ? VgaFrame.Pending
        : VgaFrame.Same;

    public static VgaFrame Pattern(long number, int width = 320, int height = 240)
    {
        var pixels = new uint[width * height];
        var oracle = new uint[width * height];
        var state = new byte[width * height];
        int stale = 0, pending = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width) + x;
                state[i] = StateAt(x, y);
                pixels[i] = HostPixel(x, y);
                oracle[i] = state[i] == VgaFrame.Same ? pixels[i] : OraclePixel(x, y);
                stale += state[i] == VgaFrame.Stale ? 1 : 0;
                pending += state[i] == VgaFrame.Pending ? 1 : 0;
            }
        }
        return new VgaFrame
        {
            Number = number,
            Cycles = (ulong)number * 16_666_667,
            SimulatedSeconds = number / 60.0,
            Width = width,
            Height = height,
            Mode = $"{width}x{height}x32",
            Pixels = pixels,
            Oracle = oracle,
            PixelState = state,
            StalePixels = stale,
            PendingPixels = pending,
            DirtyPages = 3,
            Hash = 0x0123_4567_89AB_CDEFUL + (ulong)number,
        };
    }
}
