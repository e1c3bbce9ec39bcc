using Emulator.Host.Display;
using Emulator.Host.Tests.Display;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The last frame a run recorded with <c>--record DIR</c> (the host's view, 0x00BBGGRR) and which of
/// its pixels the diff image marks stale, and the two comparisons with QEMU's screen that the
/// display tests make.
/// </summary>
internal static class RecordedFrame
{
    public static (uint[] Frame, bool[] Stale) Last(string record, int width, int height)
    {
        string last = Directory.GetFiles(record, "frame-??????.png").Order(StringComparer.Ordinal).Last();
        PngImage host = PngReader.Read(last);
        Assert.Equal((width, height), (host.Width, host.Height));
        uint[] frame = host.Pixels.Select(p => p & 0x00FF_FFFF).ToArray();
        string diffPath = last.Replace(".png", "-diff.png", StringComparison.Ordinal);
        // The diff image (written for frames with stale pixels) has a legend strip below the frame.
        bool[] stale = File.Exists(diffPath)
            ? PngReader.Read(diffPath).Pixels.Take(width * height).Select(p => p == FrameImages.Red).ToArray()
            : new bool[width * height];
        return (frame, stale);
    }

    /// <summary>QEMU's screen and ours are the same pixel for pixel.</summary>
    public static void AssertSame(uint[] qemu, uint[] ours)
    {
        int differing = 0;
        for (int i = 0; i < qemu.Length; i++)
            differing += qemu[i] != ours[i] ? 1 : 0;
        Assert.Equal(0, differing);
    }

    /// <summary>Ours differs from QEMU's screen exactly at the pixels the overlay marks stale.</summary>
    public static void AssertDiffersExactlyWhereStale(uint[] qemu, uint[] ours, bool[] stale)
    {
        int mismatches = 0;
        for (int i = 0; i < qemu.Length; i++)
            mismatches += (qemu[i] != ours[i]) != stale[i] ? 1 : 0;
        Assert.Equal(0, mismatches);
    }
}
