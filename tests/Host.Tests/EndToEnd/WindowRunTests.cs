using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Emulator.Host.Tests.Display;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// `emulator run demo.elf --display window` as a user runs it, on the private Xvfb of the "glfw"
/// collection (so no other test's window is on the screen at the same time): the window shows
/// exactly the frames --record writes, closing it ends the run cleanly with a report, and without
/// an X server the run is refused with a usage error.
/// </summary>
[Collection("glfw")]
public sealed partial class WindowRunTests(XvfbServer xvfb)
{
    private const int Width = 640, Height = 480;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_window_shows_the_recorded_frames_pixel_for_pixel_and_closing_it_ends_the_run_with_a_report()
    {
        if (xvfb.Display is not { } x)
        {
            Console.WriteLine($"skipped: {xvfb.SkipReason}");
            return;
        }
        string? xdotool = EmulatorProcess.FindTool("xdotool");
        if (xdotool is null)
        {
            Console.WriteLine("skipped: xdotool is not installed");
            return;
        }
        using var temp = new TempDirectory();
        string record = temp.File("rec"), report = temp.File("report.json");
        using EmulatorChild child = EmulatorChild.Start(new Dictionary<string, string?> { ["DISPLAY"] = x, ["WAYLAND_DISPLAY"] = null },
            "run", EmulatorProcess.Sample("demo.elf"), "--display", "window", "--record", record, "--report", report,
            "--refresh", "1", "--frames", "100000", "--append", "pace=none");
        // 1 Hz of simulated time, the demo drawing without pause (pace=none: no WFI to skip ahead through),
        // so a frame takes about a billion instructions, far longer than a capture; the bound is a safety
        // net should closing fail (WaitForExit kills the run after 30 s anyway).

        // Two different frames, the second after the demo has run a few: the window follows the run.
        long first = WaitForConsistentCapture(child, x, record, 1, out int attempts);
        long shown = WaitForConsistentCapture(child, x, record, Math.Max(first + 1, 3), out int more);
        Console.WriteLine($"window showed frames {first} and {shown} exactly as recorded ({attempts} + {more} consistent captures)");

        // No window manager: the keyboard focus follows the pointer. Escape closes the window.
        if (child.HasExited)
            Assert.Fail("the emulator ended before the window was closed: " + child.WaitForExit(TimeSpan.Zero).Stderr);
        Xdotool(xdotool, x, "mousemove", "--sync", "10", "10");
        Xdotool(xdotool, x, "key", "Escape");
        ProcessResult r = child.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.True(r.ExitCode == 0, $"exit status {r.ExitCode}: {r.Stderr}");
        Assert.Equal("demo: mode 640x480x32 fb=nc\n", r.Stdout.Split("demo: frame ")[0]);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("window-closed", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(0, json.GetProperty("exit").GetProperty("status").GetInt32());
        Assert.True(json.GetProperty("instructions").GetUInt64() > 0);
        Assert.Equal("kvm", json.GetProperty("stage2").GetProperty("policy").GetString());
        JsonElement display = json.GetProperty("display");
        long frames = display.GetProperty("frames").GetInt64();
        Assert.True(frames >= shown, $"the report counts {frames} frames, the window showed frame {shown}");
        Assert.Equal("640x480x32", display.GetProperty("mode").GetString());
        List<DisplayRunTests.CsvFrame> csv = DisplayRunTests.ReadCsv(Path.Combine(record, "frames.csv"));
        Assert.Equal(frames, csv.Count);
        Assert.Equal(display.GetProperty("last_frame_hash").GetString(), csv[^1].Hash);
        Assert.Equal(display.GetProperty("stale_pixels_total").GetInt64(), csv.Sum(f => f.Stale));
        Assert.True(File.Exists(Path.Combine(record, $"frame-{frames:D6}-diff.png")), "every frame is written before the run ends");
    }

    /// <summary>DISPLAY unset, or naming a display where no X server listens.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData(":1999")]
    public void Window_without_an_X_server_is_a_usage_error_naming_display(string? displayVariable)
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorChild.Run(new Dictionary<string, string?> { ["DISPLAY"] = displayVariable, ["WAYLAND_DISPLAY"] = null },
            "run", EmulatorProcess.Sample("demo.elf"), "--display", "window", "--report", report);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--display", line);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("error", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(2, json.GetProperty("exit").GetProperty("status").GetInt32());
        Assert.Contains("--display", json.GetProperty("exit").GetProperty("message").GetString());
    }

    /// <summary>
    /// Reads the window's title, captures the screen, reads the title again, until both titles name
    /// the same frame N, at least <paramref name="atLeast"/>; then the captured 640x480 at (0,0) must
    /// equal DIR/frame-N.png. The window
    /// swaps its buffers before it sets the title, so a capture between frame N+1's swap and its
    /// title shows frame N+1 under two titles saying N: such a capture is retried, any other
    /// difference fails. Returns N.
    /// </summary>
    private static long WaitForConsistentCapture(EmulatorChild child, string display, string record, long atLeast, out int attempts)
    {
        var clock = Stopwatch.StartNew();
        string last = "no window seen";
        attempts = 0;
        while (clock.Elapsed < Patience)
        {
            Assert.False(child.HasExited, "the emulator ended before a capture: " + last);
            long before = ShownFrame(display, out string line);
            XwdImage screen = XwdImage.CaptureRoot(display);
            long after = ShownFrame(display, out _);
            if (before < atLeast || before != after)
            {
                last = before <= 0 ? "no window: " + line
                    : before != after ? $"title changed from frame {before} to {after} during the capture" : $"waiting for frame {atLeast}, at {before}";
                Thread.Sleep(20);
                continue;
            }
            attempts++;
            uint[] captured = screen.Crop(0, 0, Width, Height);
            uint[] expected = WaitForPng(record, before).Pixels;
            string? mismatch = Compare(captured, expected);
            if (mismatch is null)
                return before;
            string next = Path.Combine(record, $"frame-{before + 1:D6}.png");
            bool nextShown = WaitForFile(next, TimeSpan.FromSeconds(5)) && Compare(captured, PngReader.Read(next).Pixels) is null;
            Assert.True(nextShown, $"the window titled frame {before} ({line}) does not show frame-{before:D6}.png: {mismatch}");
            last = $"capture {attempts} caught frame {before + 1} before its title";
        }
        Assert.Fail($"no consistent capture in {Patience}: {last}");
        return 0;
    }

    /// <summary>The frame number in the emulator window's title (at 0,0 and 640x480), or 0 when there is no such window.</summary>
    private static long ShownFrame(string display, out string line)
    {
        var window = XwdImage.FindWindow(display, "emulator — frame ");
        line = window?.Line ?? "none";
        if (window is not { } w || (w.X, w.Y, w.Width, w.Height) != (0, 0, Width, Height))
            return 0;
        Match m = FrameInTitle().Match(w.Line);
        return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static PngImage WaitForPng(string record, long number)
    {
        string path = Path.Combine(record, $"frame-{number:D6}.png");
        Assert.True(WaitForFile(path, TimeSpan.FromSeconds(10)), $"{path} was not written");
        return PngReader.Read(path);
    }

    private static bool WaitForFile(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (clock.Elapsed > timeout)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }

    /// <summary>Null when the RGB of every pixel agrees (the screen has no alpha), else a description of the difference.</summary>
    private static string? Compare(uint[] shown, uint[] expected)
    {
        int bad = 0, first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if ((shown[i] & 0xFFFFFF) != (expected[i] & 0xFFFFFF))
            {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        return bad == 0 ? null
            : $"{bad} of {expected.Length} pixels differ; first at ({first % Width},{first / Width}): shown 0x{shown[first] & 0xFFFFFF:X6}, recorded 0x{expected[first] & 0xFFFFFF:X6}";
    }

    private static void Xdotool(string xdotool, string display, params string[] args)
    {
        var start = new ProcessStartInfo(xdotool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        start.Environment["DISPLAY"] = display;
        start.Environment["EMULATOR_TEST_KEEP_DISPLAY"] = "1"; // else Execute removes DISPLAY
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(30));
        Assert.True(r.ExitCode == 0, $"xdotool {string.Join(' ', args)} failed: {r.Stderr}");
    }

    [GeneratedRegex(@"emulator — frame (\d+) —")]
    private static partial Regex FrameInTitle();
}
