using System.Diagnostics;
using System.Text.Json;
using Emulator.Host.Display;
using Emulator.Host.Tests.Display;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Gdb;

/// <summary>
/// The stub with the window open, on the private Xvfb of the "glfw" collection: when gdb stops
/// the run the window's title says "paused (gdb)" and the window still answers (closing it ends
/// the run, even while gdb holds it stopped).
/// </summary>
[Collection("glfw")]
public sealed class GdbWindowTests(XvfbServer xvfb)
{
    [Fact]
    public void The_title_says_paused_gdb_and_the_window_can_still_be_closed()
    {
        if (xvfb.Display is not { } x)
        {
            Console.WriteLine($"skipped: {xvfb.SkipReason}");
            return;
        }
        string? xdotool = EmulatorProcess.FindTool("xdotool");
        if (xdotool is null)
            return;
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        using GdbTarget target = GdbTarget.StartOn(x, EmulatorProcess.Sample("demo.elf"), "--frames", "1000000", "--report", report);
        Assert.True(WaitFor(() => XwdImage.FindWindow(x, "emulator — frame ") is not null), "no frame shown: " + target.Stderr);
        Assert.DoesNotContain("paused", XwdImage.FindWindow(x, "emulator — frame ")!.Value.Line);

        using RawGdbClient client = target.Connect(); // attaching stops the run, as in QEMU
        Assert.StartsWith("T05", client.Ask("?"));
        Assert.True(WaitFor(() => XwdImage.FindWindow(x, "paused (gdb)") is not null), "the title never said paused (gdb)");

        var key = new ProcessStartInfo(xdotool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "mousemove", "--sync", "10", "10", "key", "Escape" })
            key.ArgumentList.Add(a);
        key.Environment["DISPLAY"] = x;
        Assert.Equal(0, EmulatorProcess.Execute(key, null, TimeSpan.FromSeconds(30)).ExitCode);
        ProcessResult run = target.WaitForExit(30);
        Assert.Equal(0, run.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("window-closed", json.GetProperty("exit").GetProperty("reason").GetString());
    }

    [Fact]
    public void The_title_names_who_paused()
    {
        string title = GlfwDisplay.FormatTitle(TestFrames.Pattern(3), new DisplayStatus("kvm", 12.5, true) { PausedBy = "gdb" }, DisplayView.Host, false);
        Assert.EndsWith(" — paused (gdb)", title);
        Assert.EndsWith(" — paused", GlfwDisplay.FormatTitle(TestFrames.Pattern(3), new DisplayStatus("kvm", 12.5, true), DisplayView.Host, false));
    }

    private static bool WaitFor(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (condition())
                return true;
            Thread.Sleep(200);
        }
        return false;
    }
}
