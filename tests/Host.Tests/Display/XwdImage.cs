using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Display;

/// <summary>
/// A screen capture with `xwd -root` (X Window Dump: a big-endian header, a colour table, then
/// ZPixmap pixels in the server's byte order), as RGBA pixels; and window geometry from `xwininfo`.
/// </summary>
internal sealed record XwdImage(int Width, int Height, uint[] Pixels)
{
    public static XwdImage CaptureRoot(string display)
    {
        string xwd = EmulatorProcess.FindTool("xwd") ?? throw new InvalidOperationException("xwd is not installed");
        var start = new ProcessStartInfo(xwd) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "-root", "-silent", "-display", display })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));
        Assert.True(r.ExitCode == 0, $"xwd failed: {r.Stderr}");
        return Parse(r.StdoutBytes);
    }

    public static XwdImage Parse(byte[] file)
    {
        uint Field(int index) => BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(index * 4));
        int headerSize = (int)Field(0);
        Assert.Equal(7u, Field(1));  // XWD_FILE_VERSION
        Assert.Equal(2u, Field(2));  // ZPixmap
        int width = (int)Field(4), height = (int)Field(5);
        bool lsbFirst = Field(7) == 0;
        int bitsPerPixel = (int)Field(11), bytesPerLine = (int)Field(12);
        uint redMask = Field(14), greenMask = Field(15), blueMask = Field(16);
        int colours = (int)Field(19);
        Assert.True(bitsPerPixel is 24 or 32, $"{bitsPerPixel} bits per pixel");
        int bytesPerPixel = bitsPerPixel / 8;
        int offset = headerSize + (colours * 12);
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                ReadOnlySpan<byte> p = file.AsSpan(offset + (y * bytesPerLine) + (x * bytesPerPixel), bytesPerPixel);
                uint value = 0;
                for (int b = 0; b < bytesPerPixel; b++)
                    value |= (uint)p[lsbFirst ? b : bytesPerPixel - 1 - b] << (8 * b);
                pixels[(y * width) + x] = 0xFF000000 | Channel(value, redMask) | (Channel(value, greenMask) << 8) | (Channel(value, blueMask) << 16);
            }
        }
        return new XwdImage(width, height, pixels);
    }

    public uint[] Crop(int left, int top, int width, int height)
    {
        var result = new uint[width * height];
        for (int y = 0; y < height; y++)
            Pixels.AsSpan(((top + y) * Width) + left, width).CopyTo(result.AsSpan(y * width));
        return result;
    }

    /// <summary>
    /// The absolute geometry (x, y, width, height) of the top-level window whose name contains
    /// <paramref name="titlePart"/>, from `xwininfo -root -tree`, or null when there is none.
    /// </summary>
    public static (int X, int Y, int Width, int Height, string Line)? FindWindow(string display, string titlePart)
    {
        string xwininfo = EmulatorProcess.FindTool("xwininfo") ?? throw new InvalidOperationException("xwininfo is not installed");
        var start = new ProcessStartInfo(xwininfo) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "-root", "-tree", "-display", display })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));
        Assert.True(r.ExitCode == 0, $"xwininfo failed: {r.Stderr}");
        foreach (string line in r.Stdout.Split('\n'))
        {
            if (!line.Contains(titlePart, StringComparison.Ordinal))
                continue;
            Match m = Regex.Match(line, @"(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+(-?\d+)\+(-?\d+)\s*$");
            if (m.Success)
            {
                return (int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value),
                    int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), line.Trim());
            }
        }
        return null;
    }

    private static uint Channel(uint value, uint mask)
    {
        if (mask == 0)
            return 0;
        int shift = System.Numerics.BitOperations.TrailingZeroCount(mask);
        return ((value & mask) >> shift) & 0xFF;
    }
}
