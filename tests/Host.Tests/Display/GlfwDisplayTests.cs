using System.Diagnostics;
using Emulator.Host.Display;
using Emulator.Host.Tests.EndToEnd;

using Emulator.Devices.Vga;

namespace Emulator.Host.Tests.Display;

/// <summary>The tests that open GLFW windows: one at a time (GLFW is per process), on one private Xvfb.</summary>
[CollectionDefinition("glfw", DisableParallelization = true)]
public sealed class GlfwCollection : ICollectionFixture<XvfbServer>
{
}

/// <summary>
/// The window on a private Xvfb with no window manager: what it shows is read back with xwd and
/// compared pixel for pixel with the frame (or with the composed view after a key).
/// </summary>
[Collection("glfw")]
public sealed class GlfwDisplayTests(XvfbServer xvfb)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public void Presented_frame_appears_pixel_for_pixel_at_its_own_size_with_its_number_in_the_title()
    {
        if (Skipped())
            return;
        using GlfwDisplay display = Open();
        for (int n = 1; n <= 6; n++)
            display.Present(TestFrames.Pattern(n, 32, 24), new DisplayStatus("none", 1, false));
        VgaFrame frame = TestFrames.Pattern(7);
        display.Present(frame, new DisplayStatus("none", 12.345, false));

        WaitUntil(() => display.DisplayedFrameNumber == 7, "frame 7 to be drawn");
        Assert.Equal("emulator — frame 7 — policy none — stale 400 px — 12.3 MIPS", display.Title);
        AssertWindowShows(frame.Pixels, 320, 240, "frame 7");
    }

    [Fact]
    public void Overlay_split_and_oracle_keys_change_what_the_window_shows()
    {
        if (Skipped())
            return;
        using GlfwDisplay display = Open();
        VgaFrame frame = TestFrames.Pattern(3);
        display.Present(frame, new DisplayStatus("clean", 5, true));
        WaitUntil(() => display.DisplayedFrameNumber == 3, "frame 3 to be drawn");

        Press(display, GlfwNative.GLFW_KEY_O, t => t.EndsWith("— overlay — paused", StringComparison.Ordinal));
        AssertWindowShows(Composed(frame, DisplayView.Host, true), 320, 240, "overlay");

        Press(display, GlfwNative.GLFW_KEY_S, t => t.Contains("— host | oracle — overlay", StringComparison.Ordinal));
        AssertWindowShows(Composed(frame, DisplayView.Split, true), 640, 240, "host | oracle");

        Press(display, GlfwNative.GLFW_KEY_O, t => !t.Contains("overlay", StringComparison.Ordinal));
        Press(display, GlfwNative.GLFW_KEY_V, t => t.Contains("oracle view", StringComparison.Ordinal));
        AssertWindowShows(frame.Oracle, 320, 240, "oracle view");

        Press(display, GlfwNative.GLFW_KEY_V, t => t == "emulator — frame 3 — policy clean — stale 400 px — 5.0 MIPS — paused");
        AssertWindowShows(frame.Pixels, 320, 240, "paused");
    }

    [Fact]
    public void Split_view_with_the_overlay_tints_the_host_half_and_shows_the_oracle_half_untouched()
    {
        if (Skipped())
            return;
        using GlfwDisplay display = Open();
        VgaFrame frame = TestFrames.Pattern(4);
        display.Present(frame, new DisplayStatus("kvm", 1, false));
        WaitUntil(() => display.DisplayedFrameNumber == 4, "frame 4 to be drawn");

        Press(display, GlfwNative.GLFW_KEY_S, t => t.EndsWith("— host | oracle", StringComparison.Ordinal));
        Press(display, GlfwNative.GLFW_KEY_O, t => t.EndsWith("— host | oracle — overlay", StringComparison.Ordinal));

        // Expected pixels built here, not by FrameImages: left the host view with stale pixels
        // half red and pending ones half yellow, right the oracle exactly as the frame carries it.
        var expected = new uint[640 * 240];
        for (int y = 0; y < 240; y++)
        {
            for (int x = 0; x < 320; x++)
            {
                uint host = TestFrames.HostPixel(x, y);
                uint tint = TestFrames.StateAt(x, y) switch { VgaFrame.Stale => 0xFF0000FFu, VgaFrame.Pending => 0xFF00FFFFu, _ => 0u };
                expected[(y * 640) + x] = tint == 0 ? host : 0xFF000000 | (((host & 0xFEFEFE) >> 1) + ((tint & 0xFEFEFE) >> 1));
                expected[(y * 640) + 320 + x] = frame.Oracle[(y * 320) + x];
            }
        }
        Assert.NotEqual(frame.Oracle[(15 * 320) + 30], frame.Pixels[(15 * 320) + 30]); // a stale pixel: host and oracle differ
        AssertWindowShows(expected, 640, 240, "host | oracle — overlay");
    }

    [Fact]
    public void H_and_F1_show_and_hide_the_help_overlay_listing_the_keys()
    {
        if (Skipped())
            return;
        using GlfwDisplay display = Open();
        VgaFrame frame = TestFrames.Pattern(6, 640, 480);
        display.Present(frame, new DisplayStatus("kvm", 1, false));
        WaitUntil(() => display.DisplayedFrameNumber == 6, "frame 6 to be drawn");

        Press(display, GlfwNative.GLFW_KEY_H, t => t.EndsWith("— help", StringComparison.Ordinal));
        uint[] expected = (uint[])frame.Pixels.Clone();
        HelpOverlay.Draw(expected, 640, 480);
        // The help is there: the first glyph 'K' at scale 2 starts with two white columns, the box is
        // darkened, and the pixels right of the box are the frame's.
        Assert.Equal(HelpOverlay.TextColour, expected[(20 * 640) + 20]);
        Assert.Equal(HelpOverlay.Darken(frame.Pixels[(9 * 640) + 9]), expected[(9 * 640) + 9]);
        Assert.Equal(frame.Pixels[(9 * 640) + 630], expected[(9 * 640) + 630]);
        AssertWindowShows(expected, 640, 480, "help");

        Press(display, GlfwNative.GLFW_KEY_F1, t => !t.Contains("help", StringComparison.Ordinal));
        AssertWindowShows(frame.Pixels, 640, 480, "frame 6");
    }

    [Fact]
    public void A_resized_window_scales_the_image_with_nearest_pixels_and_keeps_its_aspect()
    {
        if (Skipped())
            return;
        string? xdotool = EmulatorProcess.FindTool("xdotool");
        if (xdotool is null)
        {
            Console.WriteLine("skipped: xdotool is not installed");
            return;
        }
        using GlfwDisplay display = Open();
        VgaFrame frame = TestFrames.Pattern(5);
        display.Present(frame, new DisplayStatus("none", 0, false));
        WaitUntil(() => display.DisplayedFrameNumber == 5, "frame 5 to be drawn");
        string id = WaitForWindow("frame 5", 320, 240)!.Value.Line.Split(' ')[0];

        // 960x480: twice the frame's size in height, so the image is 640x480 centred between 160-pixel bars.
        Xdotool(xdotool, "windowsize", id, "960", "480");
        var expected = new uint[960 * 480];
        Array.Fill(expected, GlfwDisplay.BackgroundRgba);
        for (int y = 0; y < 480; y++)
        {
            for (int x = 0; x < 640; x++)
                expected[(y * 960) + 160 + x] = frame.Pixels[((y / 2) * 320) + (x / 2)];
        }
        AssertWindowShows(expected, 960, 480, "frame 5");
    }

    [Fact]
    public void Keys_give_commands_and_closing_the_window_gives_Close()
    {
        if (Skipped())
            return;
        using GlfwDisplay display = Open();
        display.Present(TestFrames.Pattern(1, 64, 48), new DisplayStatus("none", 0, false));
        WaitUntil(() => display.DisplayedFrameNumber == 1, "frame 1 to be drawn");

        foreach (int key in new[] { GlfwNative.GLFW_KEY_P, GlfwNative.GLFW_KEY_SPACE, GlfwNative.GLFW_KEY_N, GlfwNative.GLFW_KEY_F2, GlfwNative.GLFW_KEY_W, GlfwNative.GLFW_KEY_ESCAPE })
            display.PressKey(key);
        Assert.Equal(
            [DisplayCommand.TogglePause, DisplayCommand.TogglePause, DisplayCommand.Step, DisplayCommand.SaveSnapshot, DisplayCommand.SaveSnapshot, DisplayCommand.Close],
            TakeCommands(display, 6));

        display.RequestClose();
        Assert.Equal([DisplayCommand.Close], TakeCommands(display, 1));
    }

    [Fact]
    public void Real_key_presses_through_the_X_server_reach_the_window()
    {
        if (Skipped())
            return;
        string? xdotool = EmulatorProcess.FindTool("xdotool");
        if (xdotool is null)
        {
            Console.WriteLine("skipped: xdotool is not installed");
            return;
        }
        using GlfwDisplay display = Open();
        display.Present(TestFrames.Pattern(1), new DisplayStatus("none", 0, false));
        WaitUntil(() => display.DisplayedFrameNumber == 1, "frame 1 to be drawn");
        Assert.NotNull(WaitForWindow("frame 1", 320, 240));

        // No window manager: the keyboard focus follows the pointer, so put the pointer on the window.
        Xdotool(xdotool, "mousemove", "--sync", "10", "10");
        Xdotool(xdotool, "key", "n");
        Xdotool(xdotool, "key", "Escape");

        Assert.Equal([DisplayCommand.Step, DisplayCommand.Close], TakeCommands(display, 2));
    }

    [Fact]
    public void No_X_server_at_the_display_is_a_DisplayUnavailableException_and_a_later_window_still_opens()
    {
        if (Skipped())
            return;
        var e = Assert.Throws<DisplayUnavailableException>(() => new GlfwDisplay(new GlfwDisplayOptions { X11Display = ":1999" }));
        Assert.Contains("glfwInit failed", e.Message);
        Assert.Contains(":1999", e.Message);

        using GlfwDisplay display = Open();
        Assert.Equal("window", display.Name);
    }

    [Fact]
    public void IsAvailable_needs_a_display_name()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY");
        string? wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        try
        {
            Environment.SetEnvironmentVariable("DISPLAY", null);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", null);
            Assert.False(GlfwDisplay.IsAvailable(out string reason));
            Assert.Equal("neither DISPLAY nor WAYLAND_DISPLAY is set", reason);
            if (xvfb.Display is not null)
            {
                Assert.True(GlfwDisplay.IsAvailable(xvfb.Display, out reason), reason);
                Assert.Equal($"DISPLAY={xvfb.Display}, libglfw.so.3 found", reason);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", display);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", wayland);
        }
    }

    private bool Skipped()
    {
        if (xvfb.Display is not null)
            return false;
        Console.WriteLine($"skipped: {xvfb.SkipReason}");
        return true;
    }

    private GlfwDisplay Open() =>
        new(new GlfwDisplayOptions { X11Display = xvfb.Display, Position = (0, 0), VSync = false });

    private static uint[] Composed(VgaFrame frame, DisplayView view, bool overlay)
    {
        (int w, int h) = FrameImages.ComposedSize(frame, view);
        var image = new uint[w * h];
        FrameImages.Compose(frame, view, overlay, image);
        return image;
    }

    /// <summary>Presses a key and waits until the window has been redrawn with the title it implies.</summary>
    private static void Press(GlfwDisplay display, int key, Func<string, bool> titleAfter)
    {
        display.PressKey(key);
        WaitUntil(() => titleAfter(display.Title), $"a redraw after key {key} (title now '{display.Title}')");
    }

    private static List<DisplayCommand> TakeCommands(GlfwDisplay display, int count)
    {
        var commands = new List<DisplayCommand>();
        WaitUntil(() =>
        {
            while (display.TryGetCommand(out DisplayCommand c))
                commands.Add(c);
            return commands.Count >= count;
        }, $"{count} commands (got {string.Join(", ", commands)})");
        Thread.Sleep(100);
        while (display.TryGetCommand(out DisplayCommand c))
            commands.Add(c);
        return commands;
    }

    private (int X, int Y, int Width, int Height, string Line)? WaitForWindow(string titlePart, int width, int height)
    {
        (int X, int Y, int Width, int Height, string Line)? window = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            window = XwdImage.FindWindow(xvfb.Display!, titlePart);
            if (window is { } w && w.Width == width && w.Height == height)
                return window;
            Thread.Sleep(50);
        }
        Assert.Fail($"no {width}x{height} window named '...{titlePart}...' on {xvfb.Display}; last seen: {window?.Line ?? "none"}");
        return null;
    }

    /// <summary>Polls screen captures until the window at (0,0) shows exactly the expected pixels (RGB; the screen has no alpha).</summary>
    private void AssertWindowShows(uint[] expected, int width, int height, string titlePart)
    {
        var window = WaitForWindow(titlePart, width, height)!.Value;
        Assert.Equal((0, 0), (window.X, window.Y));
        string mismatch = "no capture";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            uint[] shown = XwdImage.CaptureRoot(xvfb.Display!).Crop(window.X, window.Y, width, height);
            int bad = 0, first = -1;
            for (int i = 0; i < expected.Length; i++)
            {
                if ((shown[i] & 0xFFFFFF) != (expected[i] & 0xFFFFFF))
                {
                    bad++;
                    first = first < 0 ? i : first;
                }
            }
            if (bad == 0)
                return;
            mismatch = $"{bad} of {expected.Length} pixels differ; first at ({first % width},{first / width}): shown 0x{shown[first] & 0xFFFFFF:X6}, expected 0x{expected[first] & 0xFFFFFF:X6}";
            Thread.Sleep(100);
        }
        Assert.Fail($"the window ({window.Line}) does not show the expected image: {mismatch}");
    }

    private void Xdotool(string xdotool, params string[] args)
    {
        var start = new ProcessStartInfo(xdotool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        start.Environment["DISPLAY"] = xvfb.Display;
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));
        Assert.True(r.ExitCode == 0, $"xdotool {string.Join(' ', args)} failed (DISPLAY={start.Environment["DISPLAY"]}): {r.Stderr}");
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, $"timed out waiting for {what}");
            Thread.Sleep(10);
        }
    }
}
