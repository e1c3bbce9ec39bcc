using Emulator.Host.Display;
using Emulator.Host.Tests.EndToEnd;

using Emulator.Devices.Vga;

namespace Emulator.Host.Tests.Display;

public sealed class HelpOverlayTests
{
    [Fact]
    public void Help_lists_every_key_of_the_window()
    {
        Assert.Equal("KEYS (H OR F1 CLOSES THIS)", HelpOverlay.Lines[0]);
        Assert.Equal(WindowKeys.All.Count + 1, HelpOverlay.Lines.Count);
        Assert.Equal("H, F1     SHOW OR HIDE THIS HELP", HelpOverlay.Lines[1]);
        Assert.Equal("ESC       END THE RUN", HelpOverlay.Lines[^1]);
        foreach (string line in HelpOverlay.Lines)
        {
            foreach (char c in line)
                Assert.True(BitmapFont.Has(c), $"'{c}' of \"{line}\" has no glyph");
        }
    }

    [Theory]
    [InlineData(640, 480, 2)]
    [InlineData(320, 240, 1)]
    [InlineData(64, 64, 1)]
    public void The_box_is_drawn_at_scale_2_where_it_fits(int width, int height, int scale) =>
        Assert.Equal(scale, HelpOverlay.Box(width, height).Scale);

    [Fact]
    public void Help_darkens_its_box_writes_white_text_and_leaves_the_rest_of_the_image()
    {
        VgaFrame frame = TestFrames.Pattern(1, 640, 480);
        uint[] image = (uint[])frame.Pixels.Clone();
        HelpOverlay.Draw(image, 640, 480);

        (int scale, int bx, int by, int bw, int bh) = HelpOverlay.Box(640, 480);
        Assert.Equal((2, 8, 8), (scale, bx, by));
        Assert.Equal(((33 * 8) + 12) * 2, bw); // the longest lines have 33 characters
        Assert.Equal(((HelpOverlay.Lines.Count * 10) + 12) * 2, bh); // a line per key of WindowKeys.All, plus the heading
        // The box's corner: the frame's pixel at a quarter of its brightness.
        Assert.Equal(HelpOverlay.Darken(TestFrames.HostPixel(8, 8)), image[(8 * 640) + 8]);
        Assert.Equal(TestFrames.Rgba(100 >> 2, 200 >> 2, ((100 * 7) + (200 * 13)) % 256 >> 2), HelpOverlay.Darken(TestFrames.HostPixel(100, 200)));
        // The first glyph, 'K' (row 0 = 0xc6: columns 0, 1, 5 and 6), at scale 2 from (8 + 12, 8 + 12).
        int tx = bx + (HelpOverlay.Padding * 2), ty = by + (HelpOverlay.Padding * 2);
        foreach (int column in new[] { 0, 1, 5, 6 })
        {
            for (int dy = 0; dy < 2; dy++)
            {
                for (int dx = 0; dx < 2; dx++)
                    Assert.Equal(HelpOverlay.TextColour, image[((ty + dy) * 640) + tx + (column * 2) + dx]);
            }
        }
        Assert.Equal(HelpOverlay.Darken(TestFrames.HostPixel(tx + 4, ty)), image[(ty * 640) + tx + 4]); // column 2: not set
        // Outside the box nothing changed.
        for (int y = 0; y < 480; y += 3)
        {
            for (int x = 0; x < 640; x += 5)
            {
                if (x >= bx && x < bx + bw && y >= by && y < by + bh)
                    continue;
                Assert.Equal(frame.Pixels[(y * 640) + x], image[(y * 640) + x]);
            }
        }
        Assert.Throws<ArgumentException>(() => HelpOverlay.Draw(new uint[10], 640, 480));
    }

    [Fact]
    public void Window_keys_map_each_glfw_key_to_its_action_and_every_action_has_a_key()
    {
        Assert.Equal(WindowAction.Help, WindowKeys.ActionFor(GlfwNative.GLFW_KEY_H));
        Assert.Equal(WindowAction.Help, WindowKeys.ActionFor(GlfwNative.GLFW_KEY_F1));
        Assert.Equal(WindowAction.Pause, WindowKeys.ActionFor(GlfwNative.GLFW_KEY_SPACE));
        Assert.Equal(WindowAction.Snapshot, WindowKeys.ActionFor(GlfwNative.GLFW_KEY_F2));
        Assert.Equal(WindowAction.Close, WindowKeys.ActionFor(GlfwNative.GLFW_KEY_ESCAPE));
        Assert.Null(WindowKeys.ActionFor(GlfwNative.GLFW_KEY_ESCAPE + 1000));
        foreach (WindowAction action in Enum.GetValues<WindowAction>())
            Assert.Contains(WindowKeys.All, k => k.Action == action);
    }

    [Fact]
    public void Run_help_lists_the_window_keys()
    {
        ProcessResult r = EmulatorProcess.Run("run", "--help");
        Assert.Equal(0, r.ExitCode);
        string help = string.Join(' ', r.Stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Window keys: H or F1: show or hide the help overlay; O: stale-pixel overlay;", help);
        foreach (WindowKey key in WindowKeys.All)
            Assert.Contains($"{key.Keys.Replace(", ", " or ", StringComparison.Ordinal)}: ", help);
    }
}
