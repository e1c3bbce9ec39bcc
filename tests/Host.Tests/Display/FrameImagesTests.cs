using Emulator.Host.Display;

using Emulator.Devices.Vga;

namespace Emulator.Host.Tests.Display;

public sealed class FrameImagesTests
{
    [Fact]
    public void Diff_is_dim_grey_with_stale_pixels_red_and_pending_yellow()
    {
        VgaFrame frame = TestFrames.Pattern(1);
        var diff = new uint[frame.Width * frame.Height];

        FrameImages.Diff(frame, diff);

        Assert.Equal(0xFF0000FFu, diff[(15 * 320) + 30]);   // stale: pure red
        Assert.Equal(0xFF00FFFFu, diff[(105 * 320) + 210]); // pending: yellow
        // Same: luma 30%. Pixel (100,50): R=100, G=50, B=(700+650)&255=70.
        uint grey = (uint)(((77 * 100) + (150 * 50) + (29 * 70)) >> 8) * 3 / 10;
        Assert.Equal(0xFF000000 | (grey << 16) | (grey << 8) | grey, diff[(50 * 320) + 100]);
        Assert.Equal(frame.StalePixels, diff.Count(p => p == FrameImages.Red));
        Assert.Equal(frame.PendingPixels, diff.Count(p => p == FrameImages.Yellow));
    }

    [Fact]
    public void DimGrey_of_white_is_30_percent()
    {
        Assert.Equal(0xFF4C4C4Cu, FrameImages.DimGrey(0xFFFFFFFF)); // 255 * 3 / 10 = 76
        Assert.Equal(0xFF000000u, FrameImages.DimGrey(0xFF000000));
    }

    [Fact]
    public void Host_view_without_overlay_is_the_host_pixels()
    {
        VgaFrame frame = TestFrames.Pattern(1);
        var image = new uint[frame.Width * frame.Height];
        FrameImages.Compose(frame, DisplayView.Host, overlay: false, image);
        Assert.Equal(frame.Pixels, image);
        FrameImages.Compose(frame, DisplayView.Oracle, overlay: false, image);
        Assert.Equal(frame.Oracle, image);
    }

    [Fact]
    public void Overlay_tints_stale_red_and_pending_yellow_and_leaves_the_rest()
    {
        VgaFrame frame = TestFrames.Pattern(1);
        var image = new uint[frame.Width * frame.Height];

        FrameImages.Compose(frame, DisplayView.Host, overlay: true, image);

        // Stale (30,15): host R=30 G=15 B=(210+195)&255=149 -> halves plus red's half.
        Assert.Equal(TestFrames.Rgba((30 / 2) + 127, 15 / 2, 149 / 2), image[(15 * 320) + 30]);
        // Pending (210,105): R=210 G=105 B=(1470+1365)&255=19 -> halves plus yellow's half.
        Assert.Equal(TestFrames.Rgba((210 / 2) + 127, (105 / 2) + 127, 19 / 2), image[(105 * 320) + 210]);
        Assert.Equal(frame.Pixels[(50 * 320) + 100], image[(50 * 320) + 100]);
    }

    [Fact]
    public void Split_view_puts_host_left_and_oracle_right()
    {
        VgaFrame frame = TestFrames.Pattern(1);
        Assert.Equal((640, 240), FrameImages.ComposedSize(frame, DisplayView.Split));
        var image = new uint[640 * 240];

        FrameImages.Compose(frame, DisplayView.Split, overlay: false, image);

        for (int y = 0; y < 240; y += 7)
        {
            for (int x = 0; x < 320; x += 3)
            {
                Assert.Equal(frame.Pixels[(y * 320) + x], image[(y * 640) + x]);
                Assert.Equal(frame.Oracle[(y * 320) + x], image[(y * 640) + 320 + x]);
            }
        }
    }

    [Fact]
    public void Destination_too_small_is_refused()
    {
        VgaFrame frame = TestFrames.Pattern(1, 8, 8);
        Assert.Throws<ArgumentException>(() => FrameImages.Compose(frame, DisplayView.Split, false, new uint[64]));
        Assert.Throws<ArgumentException>(() => FrameImages.Diff(frame, new uint[63]));
    }
}
