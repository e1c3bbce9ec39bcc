using static Emulator.Host.Display.GlfwNative;

namespace Emulator.Host.Display;

/// <summary>What a key of the window does.</summary>
public enum WindowAction
{
    /// <summary>Show or hide the help overlay.</summary>
    Help,

    /// <summary>Tint the host view's stale pixels red and pending ones yellow.</summary>
    Overlay,

    /// <summary>Show the oracle instead of the host view.</summary>
    OracleView,

    /// <summary>Show the host view and the oracle side by side.</summary>
    SplitView,

    /// <summary>Pause or resume the run (a command for the run loop).</summary>
    Pause,

    /// <summary>Run one more frame while paused (a command for the run loop).</summary>
    Step,

    /// <summary>Save a PNG of the frame in the current directory (a command for the run loop).</summary>
    Snapshot,

    /// <summary>End the run, as closing the window does (a command for the run loop).</summary>
    Close,

    /// <summary>Colour the stale pixels by cause (stale-pixel provenance, GlfwDisplay.Picking.cs).</summary>
    CauseOverlay,

    /// <summary>Move the pixel cursor or explain the pixel under it (GlfwDisplay.Picking.cs).</summary>
    Explain,
}

/// <summary>One line of the key list: the keys as a user reads them, the GLFW key codes, what they do.</summary>
public sealed record WindowKey(string Keys, int[] GlfwKeys, WindowAction Action, string Description);

/// <summary>
/// The window's keys, in one place: the window's key handling, its help overlay
/// (<see cref="HelpOverlay"/>) and `emulator run --help` all read this list.
/// </summary>
public static class WindowKeys
{
    /// <summary>Every key of the window, in the order the help lists them.</summary>
    public static IReadOnlyList<WindowKey> All { get; } =
    [
        new("H, F1", [GLFW_KEY_H, GLFW_KEY_F1], WindowAction.Help, "show or hide this help"),
        new("O", [GLFW_KEY_O], WindowAction.Overlay, "stale-pixel overlay"),
        new("V", [GLFW_KEY_V], WindowAction.OracleView, "oracle view (coherent)"),
        new("S", [GLFW_KEY_S], WindowAction.SplitView, "split: host / oracle"),
        new("P, Space", [GLFW_KEY_P, GLFW_KEY_SPACE], WindowAction.Pause, "pause / resume"),
        new("N", [GLFW_KEY_N], WindowAction.Step, "step one frame (paused)"),
        new("W, F2", [GLFW_KEY_W, GLFW_KEY_F2], WindowAction.Snapshot, "save a PNG of the frame"),
        new("C", [67], WindowAction.CauseOverlay, "stale pixels by cause"),
        new("Arrows", [GlfwInputNative.GLFW_KEY_LEFT, GlfwInputNative.GLFW_KEY_RIGHT, GlfwInputNative.GLFW_KEY_UP, GlfwInputNative.GLFW_KEY_DOWN],
            WindowAction.Explain, "move the pixel cursor"),
        new("E, Enter", [GlfwInputNative.GLFW_KEY_E, GlfwInputNative.GLFW_KEY_ENTER], WindowAction.Explain, "explain it (or click)"),
        new("Esc", [GLFW_KEY_ESCAPE], WindowAction.Close, "end the run"),
    ];

    /// <summary>The action of a GLFW key code, or null for a key the window ignores.</summary>
    public static WindowAction? ActionFor(int glfwKey)
    {
        foreach (WindowKey key in All)
        {
            if (Array.IndexOf(key.GlfwKeys, glfwKey) >= 0)
                return key.Action;
        }
        return null;
    }

    /// <summary>The list on one line, for `emulator run --help`: "H or F1: show or hide this help; O: ...".</summary>
    public static string Summary => string.Join("; ", All.Select(k => $"{k.Keys.Replace(", ", " or ", StringComparison.Ordinal)}: {k.Description.Replace("this help", "the help overlay", StringComparison.Ordinal)}"));
}
