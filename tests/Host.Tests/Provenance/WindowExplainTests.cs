using System.Diagnostics;
using System.Text.RegularExpressions;
using Emulator.Devices.Vga;
using Emulator.Host.Display;
using Emulator.Host.Provenance;
using Emulator.Host.Tests.Display;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Provenance;

/// <summary>
/// Picking a pixel in the window (on the private Xvfb of the "glfw" collection, driven by
/// xdotool): the demo drawing Non-cacheable under kvm, paused; a click on a pixel that the
/// recording says is stale puts its cause in the title and its explanation in the log (stderr);
/// C turns on the cause overlay, which paints that pixel in its cause's colour.
/// </summary>
[Collection("glfw")]
public sealed partial class WindowExplainTests(XvfbServer xvfb)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Clicking_a_stale_pixel_shows_its_cause_in_the_title_and_its_explanation_in_the_log()
    {
        if (xvfb.Display is not { } x)
        {
            Console.WriteLine($"skipped: {xvfb.SkipReason}");
            return;
        }
        string? xdotool = EmulatorProcess.FindTool("xdotool");
        if (xdotool is null || EmulatorProcess.FindTool("xwininfo") is null)
        {
            Console.WriteLine("skipped: xdotool or xwininfo is not installed");
            return;
        }
        using var temp = new TempDirectory();
        string record = temp.File("rec");
        using EmulatorChild child = EmulatorChild.Start(new Dictionary<string, string?> { ["DISPLAY"] = x, ["WAYLAND_DISPLAY"] = null },
            "run", EmulatorProcess.Sample("demo.elf"), "--display", "window", "--append", "fb=nc", "--policy", "kvm",
            "--record", record, "--frames", "100000", "--log-level", "information");

        WaitForTitle(child, x, t => FrameOf(t) >= 4, "a frame with stale pixels");
        Xdotool(xdotool, x, "mousemove", "--sync", "10", "10"); // no window manager: the focus follows the pointer
        Xdotool(xdotool, x, "key", "p");
        string paused = WaitForTitle(child, x, t => t.Contains("paused", StringComparison.Ordinal), "the pause");
        long frame = FrameOf(paused);

        ProvenanceFile file = ProvenanceFile.Read(ProvenanceFile.PathOf(record, frame));
        int i = Array.IndexOf(file.PixelState, VgaFrame.Stale);
        Assert.True(i >= 0, $"frame {frame} has no stale pixel");
        int px = i % file.Frame.Width, py = i / file.Frame.Width;
        Xdotool(xdotool, x, "mousemove", "--sync", px.ToString(), py.ToString());
        Xdotool(xdotool, x, "click", "1");
        string title = WaitForTitle(child, x, t => t.Contains($"pixel ({px}, {py}):", StringComparison.Ordinal), "the explanation in the title");
        Assert.Contains($"pixel ({px}, {py}): stale: stale-clean-line", title);

        // C: the cause overlay colours the stale pixel in its cause's colour (stale-clean-line red) and dims the rest.
        Xdotool(xdotool, x, "key", "c");
        WaitForTitle(child, x, t => t.Contains("cause overlay", StringComparison.Ordinal), "the cause overlay");
        uint shown = XwdImage.CaptureRoot(x).Crop(px, py, 1, 1)[0];
        Assert.Equal(CauseOverlay.Colours[(int)StaleCause.StaleCleanLine], shown);

        Xdotool(xdotool, x, "key", "Escape");
        ProcessResult r = child.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(r.ExitCode == 0, $"exit status {r.ExitCode}: {r.Stderr}");
        Assert.Contains($"explain: frame {frame}, pixel ({px}, {py})", r.Stderr);
        Assert.Contains("stale, cause stale-clean-line", r.Stderr);
        Assert.Contains("<- the read the display shows", r.Stderr);
    }

    private static string WaitForTitle(EmulatorChild child, string display, Func<string, bool> wanted, string what)
    {
        var clock = Stopwatch.StartNew();
        string last = "no window";
        while (clock.Elapsed < Patience)
        {
            Assert.False(child.HasExited, $"the emulator ended while waiting for {what}: {last}");
            if (XwdImage.FindWindow(display, "emulator — frame ") is { } w)
            {
                last = w.Line;
                if (wanted(w.Line))
                    return w.Line;
            }
            Thread.Sleep(50);
        }
        Assert.Fail($"no {what} in {Patience}: last title {last}");
        return last;
    }

    private static long FrameOf(string title) => FrameInTitle().Match(title) is { Success: true } m ? long.Parse(m.Groups[1].Value) : 0;

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

    [GeneratedRegex(@"emulator — frame (\d+) ")]
    private static partial Regex FrameInTitle();
}
