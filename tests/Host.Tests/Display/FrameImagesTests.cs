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

    [Fact]
    public void Overlay_never_tints_the_oracle_alone_or_as_the_split_views_right_half()
    {
        VgaFrame frame = TestFrames.Pattern(1);
        var oracleView = new uint[frame.Width * frame.Height];
        FrameImages.Compose(frame, DisplayView.Oracle, overlay: true, oracleView);
        Assert.Equal(frame.Oracle, oracleView);

        var split = new uint[640 * 240];
        FrameImages.Compose(frame, DisplayView.Split, overlay: true, split);
        for (int y = 0; y < 240; y++)
        {
            for (int x = 0; x < 320; x++)
            {
                uint host = frame.Pixels[(y * 320) + x];
                uint left = TestFrames.StateAt(x, y) switch
                {
                    VgaFrame.Stale => FrameImages.Tint(host, FrameImages.Red),
                    VgaFrame.Pending => FrameImages.Tint(host, FrameImages.Yellow),
                    _ => host,
                };
                Assert.Equal(left, split[(y * 640) + x]);
                Assert.Equal(frame.Oracle[(y * 320) + x], split[(y * 640) + 320 + x]);
            }
        }
        Assert.NotEqual(frame.Pixels[(15 * 320) + 30], split[(15 * 640) + 30]); // the host half is tinted
    }

    [Fact]
    public void Diff_with_legend_is_the_diff_above_a_strip_naming_the_colours()
    {
        VgaFrame frame = TestFrames.Pattern(1);
        (int w, int h) = FrameImages.DiffWithLegendSize(frame);
        Assert.Equal((320, 240 + FrameImages.LegendHeight), (w, h));
        var image = new uint[w * h];
        var diff = new uint[320 * 240];
        FrameImages.DiffWithLegend(frame, image);
        FrameImages.Diff(frame, diff);

        Assert.Equal(diff, image[..(320 * 240)]);
        int top = 240 + ((FrameImages.LegendHeight - 8) / 2); // the strip's text row
        uint[] strip = image[(320 * 240)..];
        Assert.Equal(FrameImages.LegendBackground, strip[0]);                        // margin, black
        Assert.Equal(FrameImages.LegendBackground, strip[(16 * 320) - 1]);           // far right, black
        // The first swatch: an 8x8 square of the stale colour at x 4..11.
        for (int y = top; y < top + 8; y++)
        {
            for (int x = 4; x < 12; x++)
                Assert.Equal(FrameImages.Red, image[(y * w) + x]);
        }
        Assert.Equal(FrameImages.LegendBackground, image[(top * w) + 12]);
        // Then "STALE" from x 16: 'S' has row 0 = 0x7c (columns 1 to 5 set).
        Assert.Equal(FrameImages.LegendBackground, image[(top * w) + 16]);
        Assert.Equal(FrameImages.LegendText, image[(top * w) + 17]);
        Assert.Equal(FrameImages.LegendText, image[(top * w) + 21]);
        Assert.Equal(FrameImages.LegendBackground, image[(top * w) + 22]);
        // Every colour of the diff is named: a swatch of each entry's colour is in the strip.
        foreach ((uint colour, string meaning) in FrameImages.LegendEntries)
        {
            Assert.Contains(colour, strip);
            Assert.False(string.IsNullOrWhiteSpace(meaning));
        }
        Assert.Equal([FrameImages.Red, FrameImages.Yellow, FrameImages.DimGrey(0xFFFFFFFF)], FrameImages.LegendEntries.Select(e => e.Colour));
    }

    [Fact]
    public void Legend_is_clipped_to_a_narrow_frame()
    {
        VgaFrame frame = TestFrames.Pattern(1, 64, 48);
        var image = new uint[64 * (48 + FrameImages.LegendHeight)];
        FrameImages.DiffWithLegend(frame, image);
        Assert.Equal(FrameImages.Red, image[((48 + 4) * 64) + 4]);
        Assert.Throws<ArgumentException>(() => FrameImages.DiffWithLegend(frame, new uint[64 * 48]));
    }
}
