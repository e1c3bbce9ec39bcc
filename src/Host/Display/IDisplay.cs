using Emulator.Devices.Vga;

namespace Emulator.Host.Display;

/// <summary>
/// Where finished frames go: a window, or nowhere (headless). <see cref="Present"/> is called by
/// the simulation thread and never blocks it: a back end that shows frames at its own pace keeps
/// only the newest one and drops older frames it has not shown yet. Commands typed by the user
/// come back through <see cref="TryGetCommand"/>, which the run loop polls.
/// </summary>
public interface IDisplay : IDisposable
{
    /// <summary>Short name for logs and the report: "window", "headless".</summary>
    string Name { get; }

    /// <summary>Hands over a finished frame (immutable, shared, not copied) and the run's status line.</summary>
    void Present(VgaFrame frame, DisplayStatus status);

    /// <summary>The next command the user gave, if any, oldest first.</summary>
    bool TryGetCommand(out DisplayCommand command);
}

/// <summary>What the display shows beside the frame: coherency policy, speed, and whether the run is paused.</summary>
public readonly record struct DisplayStatus(string Policy, double GuestMips, bool Paused)
{
    /// <summary>Who paused the run when not the window's own key (e.g. "gdb"), or null.</summary>
    public string? PausedBy { get; init; }
}

/// <summary>Commands from the user that the run loop acts on (view toggles stay inside the window).</summary>
public enum DisplayCommand
{
    /// <summary>The window was closed or Escape pressed: end the run.</summary>
    Close,

    /// <summary>P or Space: pause or resume the simulation.</summary>
    TogglePause,

    /// <summary>N: run to the next frame, then pause.</summary>
    Step,

    /// <summary>F2 or W: save the current frame as a PNG.</summary>
    SaveSnapshot,

    /// <summary>A click or Enter on a pixel: explain it (<see cref="IPixelPicker"/>).</summary>
    Explain,
}
