using Serilog;

namespace Emulator.Host.Display;

/// <summary>Chooses the display back end for <c>--display auto|window|headless</c>.</summary>
public static class DisplayFactory
{
    /// <summary>The log category (Serilog source context) of the display back ends.</summary>
    public const string LogCategory = "display";

    public static readonly IReadOnlyList<string> Modes = ["auto", "window", "headless"];

    /// <summary>
    /// headless: no window. window: a window, or <see cref="DisplayUnavailableException"/> saying
    /// why not. auto: a window when one can be opened, headless otherwise. Logs the choice and
    /// its reason once, at Information.
    /// </summary>
    public static IDisplay Create(string mode, ILogger log, GlfwDisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        switch (mode)
        {
            case "headless":
                log.Information("display: headless (--display headless)");
                return new HeadlessDisplay();
            case "window":
            {
                if (!GlfwDisplay.IsAvailable(options?.X11Display, out string reason))
                    throw new DisplayUnavailableException($"--display window: no window can be opened: {reason}");
                GlfwDisplay window;
                try
                {
                    window = new GlfwDisplay(options, log);
                }
                catch (DisplayUnavailableException e)
                {
                    throw new DisplayUnavailableException($"--display window: the window could not open: {e.Message}");
                }
                log.Information("display: window ({Reason:l})", reason);
                return window;
            }
            case "auto":
            {
                if (!GlfwDisplay.IsAvailable(options?.X11Display, out string reason))
                {
                    log.Information("display: headless, because {Reason:l}", reason);
                    TellWhyNoWindow(options, reason, libraryMissing: true);
                    return new HeadlessDisplay();
                }
                try
                {
                    var window = new GlfwDisplay(options, log);
                    log.Information("display: window ({Reason:l})", reason);
                    return window;
                }
                catch (DisplayUnavailableException e)
                {
                    log.Information("display: headless, because the window could not open: {Message:l}", e.Message);
                    TellWhyNoWindow(options, $"the window could not open: {e.Message}", libraryMissing: false);
                    return new HeadlessDisplay();
                }
            }
            default:
                throw new ArgumentException($"unknown display mode '{mode}' (known: {string.Join(", ", Modes)})", nameof(mode));
        }
    }

    /// <summary>"DISPLAY=:0" or "WAYLAND_DISPLAY=wayland-0" when a display server is named (a window is expected), else null.</summary>
    public static string? DisplayServer(GlfwDisplayOptions? options = null)
    {
        string? display = options?.X11Display ?? Environment.GetEnvironmentVariable("DISPLAY");
        string? wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        return !string.IsNullOrEmpty(display) ? $"DISPLAY={display}" : !string.IsNullOrEmpty(wayland) ? $"WAYLAND_DISPLAY={wayland}" : null;
    }

    /// <summary>
    /// --display auto with DISPLAY or WAYLAND_DISPLAY set asked for a window that cannot open: one
    /// line on standard error says why and how to fix it (the user evidently expected a window).
    /// Without either variable, headless is simply what auto means, and nothing is printed.
    /// </summary>
    private static void TellWhyNoWindow(GlfwDisplayOptions? options, string reason, bool libraryMissing)
    {
        string? where = DisplayServer(options);
        if (where is null)
            return;
        string fix = libraryMissing
            ? "install GLFW 3 and Mesa's OpenGL (Debian/Ubuntu: apt-get install libglfw3 libgl1-mesa-dri)"
            : $"check that a display server answers on {where} (e.g. xdpyinfo) and that Mesa's OpenGL is installed (apt-get install libgl1-mesa-dri)";
        Console.Error.WriteLine($"emulator: display: no window on {where}: {reason.ReplaceLineEndings(" ")}; to fix: {fix}; running headless (--display headless hides this line)");
    }
}
