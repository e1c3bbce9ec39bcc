namespace Emulator.Host.Tests.EndToEnd;

/// <summary>--display auto with DISPLAY set but no window possible: one line says why and how to fix it, then the run goes on headless.</summary>
public sealed class MissingWindowTests
{
    [Fact]
    public void Display_naming_no_x_server_is_one_line_with_the_reason_and_the_fix_then_headless()
    {
        ProcessResult r = EmulatorChild.Run(new Dictionary<string, string?> { ["DISPLAY"] = ":1999", ["WAYLAND_DISPLAY"] = null },
            "run", EmulatorProcess.Sample("hello.elf"), "--quiet");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Hello from the guest!", r.Stdout);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("emulator: display: no window on DISPLAY=:1999: ", line);
        Assert.Contains("to fix: ", line);
        Assert.True(line.Contains("apt-get install libglfw3 libgl1-mesa-dri", StringComparison.Ordinal)   // no libglfw3 on this machine
            || line.Contains("check that a display server answers on DISPLAY=:1999", StringComparison.Ordinal), line);
        Assert.EndsWith("running headless (--display headless hides this line)", line);
    }

    [Fact]
    public void Without_a_display_variable_auto_is_headless_without_a_word()
    {
        ProcessResult r = EmulatorChild.Run(new Dictionary<string, string?> { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null },
            "run", EmulatorProcess.Sample("hello.elf"), "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Display_headless_says_nothing_about_windows()
    {
        ProcessResult r = EmulatorChild.Run(new Dictionary<string, string?> { ["DISPLAY"] = ":1999" },
            "run", EmulatorProcess.Sample("hello.elf"), "--display", "headless", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
    }
}
