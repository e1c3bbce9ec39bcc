using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using static Emulator.Host.Display.GlfwInputNative;

namespace Emulator.Host.Display;

/// <summary>
/// Picking a pixel to explain (docs/provenance.md): a left click on the image, or the arrow keys
/// (a cursor, one pixel per press) and Enter or E. The pick goes to the run loop as
/// <see cref="DisplayCommand.Explain"/>; the explanation's summary comes back into the title.
/// </summary>
public sealed unsafe partial class GlfwDisplay : IPixelPicker
{
    private readonly ConcurrentQueue<(int X, int Y)> _picks = new();
    private int _cursorX, _cursorY;
    private string _explanation = string.Empty;

    public bool TryTakePick(out int x, out int y)
    {
        bool any = false;
        (x, y) = (0, 0);
        while (_picks.TryDequeue(out (int X, int Y) pick))
        {
            (x, y) = pick; // the newest pick wins
            any = true;
        }
        return any;
    }

    public void ShowExplanation(string text)
    {
        Volatile.Write(ref _explanation, text);
        _dirty = true;
    }

    /// <summary>Test hook: pick pixel (x, y) as a click would.</summary>
    internal void Pick(int x, int y)
    {
        _picks.Enqueue((x, y));
        _commands.Enqueue(DisplayCommand.Explain);
    }

    /// <summary>The title with the last explanation after it.</summary>
    private string WithExplanation(string title)
    {
        string text = Volatile.Read(ref _explanation);
        return text.Length == 0 ? title : $"{title} — {text}";
    }

    private void InstallPicker() => glfwSetMouseButtonCallback(_window, &OnMouseButton);

    /// <summary>The arrow keys move the cursor, Enter or E explains the pixel under it; false for other keys.</summary>
    private bool HandlePickKey(int key)
    {
        if (HandleOverlayKey(key))
            return true;
        VgaFrameSize size = CurrentSize();
        switch (key)
        {
            case GLFW_KEY_LEFT: _cursorX = Math.Max(0, _cursorX - 1); break;
            case GLFW_KEY_RIGHT: _cursorX = Math.Min(Math.Max(0, size.Width - 1), _cursorX + 1); break;
            case GLFW_KEY_UP: _cursorY = Math.Max(0, _cursorY - 1); break;
            case GLFW_KEY_DOWN: _cursorY = Math.Min(Math.Max(0, size.Height - 1), _cursorY + 1); break;
            case GLFW_KEY_ENTER or GLFW_KEY_E: Pick(_cursorX, _cursorY); return true;
            default: return false;
        }
        ShowExplanation($"cursor ({_cursorX}, {_cursorY}): Enter explains");
        return true;
    }

    private readonly record struct VgaFrameSize(int Width, int Height);

    private VgaFrameSize CurrentSize() => _current is { } f ? new VgaFrameSize(f.Width, f.Height) : default;

    /// <summary>The frame pixel under window position (x, y) in screen coordinates, as Render fits the image; false outside it.</summary>
    private bool PixelAt(double x, double y, out int px, out int py)
    {
        px = py = 0;
        if (_current is not { } frame || frame.Width <= 0 || frame.Height <= 0)
            return false;
        glfwGetWindowSize(_window, out int winWidth, out int winHeight);
        GlfwNative.glfwGetFramebufferSize(_window, out int fbWidth, out int fbHeight);
        if (winWidth <= 0 || winHeight <= 0)
            return false;
        double fx = x * fbWidth / winWidth, fy = y * fbHeight / winHeight;
        (int width, int height) = FrameImages.ComposedSize(frame, _view);
        double scale = Math.Min((double)fbWidth / width, (double)fbHeight / height);
        double x0 = Math.Floor((fbWidth - width * scale) / 2), y0 = Math.Floor((fbHeight - height * scale) / 2);
        int ix = (int)Math.Floor((fx - x0) / scale), iy = (int)Math.Floor((fy - y0) / scale);
        if (ix < 0 || iy < 0 || ix >= width || iy >= height)
            return false;
        px = ix % frame.Width; // the split view shows host and oracle side by side: either half names the same pixel
        py = iy % frame.Height;
        return true;
    }

    [UnmanagedCallersOnly]
    private static void OnMouseButton(nint window, int button, int action, int mods)
    {
        if (button != GLFW_MOUSE_BUTTON_LEFT || action != GlfwNative.GLFW_PRESS || From(window) is not { } display)
            return;
        glfwGetCursorPos(window, out double x, out double y);
        if (display.PixelAt(x, y, out int px, out int py))
        {
            display._cursorX = px;
            display._cursorY = py;
            display.Pick(px, py);
        }
    }
}

/// <summary>The cause overlay: C toggles it; the pipeline hands over each frame's causes before the frame.</summary>
public sealed unsafe partial class GlfwDisplay : ICauseOverlayTarget
{
    private const int GLFW_KEY_C = 67;

    private bool _causeOverlay;
    private uint[] _causeScratch = [];

    public void SetCauses(long frameNumber, byte[]? causes) => Volatile.Write(ref _causesBox, new CauseBox(frameNumber, causes));

    private sealed record CauseBox(long Frame, byte[]? Causes);

    private CauseBox? _causesBox;

    /// <summary>The image to upload: with the cause overlay on and causes known for this frame (host view only), the stale pixels coloured by cause.</summary>
    private uint[] WithCauses(Devices.Vga.VgaFrame frame, uint[] image)
    {
        if (!_causeOverlay || _view != DisplayView.Host || Volatile.Read(ref _causesBox) is not { } box || box.Frame != frame.Number)
            return image;
        int n = frame.Width * frame.Height;
        if (_causeScratch.Length < n)
            _causeScratch = new uint[n];
        CauseOverlay.Compose(frame.Pixels.AsSpan(0, n), box.Causes ?? [], _causeScratch.AsSpan(0, n));
        return _causeScratch;
    }

    private bool HandleOverlayKey(int key)
    {
        if (key != GLFW_KEY_C)
            return false;
        _causeOverlay = !_causeOverlay;
        _dirty = true;
        ShowExplanation(_causeOverlay ? "cause overlay (red stale-clean-line, magenta speculative-fill, orange clean-too-early, blue dirty-host-line, cyan dirty-host-line-evicted, green dirty-guest-line-evicted)" : "");
        return true;
    }
}
