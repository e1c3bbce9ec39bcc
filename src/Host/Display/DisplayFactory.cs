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
                    return new HeadlessDisplay();
                }
            }
            default:
                throw new ArgumentException($"unknown display mode '{mode}' (known: {string.Join(", ", Modes)})", nameof(mode));
        }
    }
}
