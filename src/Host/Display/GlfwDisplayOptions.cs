namespace Emulator.Host.Display;

/// <summary>How <see cref="GlfwDisplay"/> opens its window.</summary>
public sealed record GlfwDisplayOptions
{
    /// <summary>X display to open (e.g. ":99"), set as DISPLAY before glfwInit; null: the environment's.</summary>
    public string? X11Display { get; init; }

    /// <summary>Where to put the window's client area (a window manager may override it); null: the window manager's choice.</summary>
    public (int X, int Y)? Position { get; init; }

    /// <summary>Window size before the first frame arrives (it then takes the frame's size, 1:1).</summary>
    public int InitialWidth { get; init; } = 640;

    public int InitialHeight { get; init; } = 480;

    /// <summary>Wait for the monitor's refresh when swapping (only the window thread waits).</summary>
    public bool VSync { get; init; } = true;
}
