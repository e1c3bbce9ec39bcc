using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Emulator.Host.Logging;
using Serilog;
using Silk.NET.OpenGL;
using static Emulator.Host.Display.GlfwNative;

using Emulator.Devices.Vga;

namespace Emulator.Host.Display;

/// <summary>
/// A window showing the frames, through GLFW 3 (bound directly, <see cref="GlfwNative"/>) and
/// OpenGL through Silk.NET (<see cref="GlFrameRenderer"/>), on its own thread: that thread calls
/// glfwInit and every other GLFW and GL function, so the simulation thread only swaps a
/// reference in <see cref="Present"/> (the newest frame wins; frames not yet shown are dropped).
/// The window opens at the frame's size, so that one frame pixel is one screen pixel, and scales
/// the image (aspect kept, nearest filtering) when resized. Keys (<see cref="WindowKeys"/>): H or F1
/// help overlay, O stale-pixel overlay, V oracle view, S split view (these stay inside the window);
/// P or Space pause, N step, F2 or W snapshot, Escape or closing the window: commands for the run
/// loop. One such window per process (GLFW state is global).
/// </summary>
public sealed unsafe partial class GlfwDisplay : IDisplay
{
    /// <summary>The colour around the image when the window's shape differs from the frame's (RGBA, opaque dark grey).</summary>
    public const uint BackgroundRgba = 0xFF1A1A1A;

    private const double PollSeconds = 0.005;
    private static int s_open;

    private readonly GlfwDisplayOptions _options;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _ready = new();
    private readonly ConcurrentQueue<DisplayCommand> _commands = new();
    private readonly ConcurrentQueue<int> _injectedKeys = new();
    private readonly Lock _gate = new();
    private VgaFrame? _pending;
    private DisplayStatus _pendingStatus;
    private volatile bool _stop;
    private volatile bool _closeRequested;
    private string? _openError;
    private long _displayedNumber;
    private long _renders;
    private string _title = string.Empty;

    // Window-thread state.
    private bool _initialized;
    private nint _window;
    private GCHandle _self;
    private GL? _gl;
    private GlFrameRenderer? _renderer;
    private (int Width, int Height) _windowImageSize;
    private VgaFrame? _current;
    private DisplayStatus _status;
    private DisplayView _view;
    private bool _overlay;
    private bool _help;
    private bool _dirty;
    private bool _shown;
    private bool _closeSent;
    private uint[] _scratch = [];

    /// <summary>Opens the window (hidden until the first frame); throws <see cref="DisplayUnavailableException"/> when it cannot.</summary>
    public GlfwDisplay(GlfwDisplayOptions? options = null, ILogger? log = null)
    {
        _options = options ?? new GlfwDisplayOptions();
        _log = log ?? LogCategories.For(DisplayFactory.LogCategory);
        if (Interlocked.Exchange(ref s_open, 1) != 0)
            throw new DisplayUnavailableException("a GLFW window is already open in this process (GLFW allows one display thread)");
        _thread = new Thread(Run) { IsBackground = true, Name = "display-window" };
        _thread.Start();
        if (!_ready.Wait(TimeSpan.FromSeconds(30)))
        {
            _stop = true;
            throw new DisplayUnavailableException("the window did not open within 30 seconds (is the X server answering?)");
        }
        if (_openError is not null)
        {
            _thread.Join();
            throw new DisplayUnavailableException(_openError);
        }
    }

    public string Name => "window";

    /// <summary>Number of the frame on screen (0 before the first).</summary>
    internal long DisplayedFrameNumber => Volatile.Read(ref _displayedNumber);

    /// <summary>How many times the window has been drawn (tests wait for a redraw after a key).</summary>
    internal long Renders => Interlocked.Read(ref _renders);

    /// <summary>The window title last set.</summary>
    internal string Title => Volatile.Read(ref _title);

    /// <summary>
    /// Whether a window can be tried here: a display server named in the environment (or
    /// <paramref name="x11Display"/>) and libglfw.so.3 loadable. The reason says what is missing, or what was found.
    /// </summary>
    public static bool IsAvailable(out string reason) => IsAvailable(null, out reason);

    public static bool IsAvailable(string? x11Display, out string reason)
    {
        string? display = x11Display ?? Environment.GetEnvironmentVariable("DISPLAY");
        string? wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        if (string.IsNullOrEmpty(display) && string.IsNullOrEmpty(wayland))
        {
            reason = "neither DISPLAY nor WAYLAND_DISPLAY is set";
            return false;
        }
        if (!NativeLibrary.TryLoad(Library, out nint handle))
        {
            reason = $"{Library} cannot be loaded (Debian: apt-get install libglfw3)";
            return false;
        }
        NativeLibrary.Free(handle);
        reason = string.IsNullOrEmpty(display) ? $"WAYLAND_DISPLAY={wayland}, {Library} found" : $"DISPLAY={display}, {Library} found";
        return true;
    }

    /// <summary>The window title for a frame: "emulator — frame N — policy P — stale S px — X MIPS", plus what is not the default.</summary>
    public static string FormatTitle(VgaFrame frame, DisplayStatus status, DisplayView view, bool overlay, bool help = false)
    {
        string title = string.Create(CultureInfo.InvariantCulture,
            $"emulator — frame {frame.Number} — policy {status.Policy} — stale {frame.StalePixels} px — {status.GuestMips:F1} MIPS");
        if (view == DisplayView.Oracle)
            title += " — oracle view";
        else if (view == DisplayView.Split)
            title += " — host | oracle";
        if (overlay)
            title += " — overlay";
        if (status.Paused)
            title += status.PausedBy is { } by ? $" — paused ({by})" : " — paused";
        if (help)
            title += " — help";
        return title;
    }

    public void Present(VgaFrame frame, DisplayStatus status)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_gate)
        {
            _pending = frame;
            _pendingStatus = status;
        }
    }

    public bool TryGetCommand(out DisplayCommand command) => _commands.TryDequeue(out command);

    /// <summary>Test hook: handle a GLFW key code as if it had been pressed in the window.</summary>
    internal void PressKey(int glfwKey) => _injectedKeys.Enqueue(glfwKey);

    /// <summary>Test hook: close the window as its close button would (glfwSetWindowShouldClose).</summary>
    internal void RequestClose() => _closeRequested = true;

    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive && !_thread.Join(TimeSpan.FromSeconds(10)))
            _log.Warning("the display window thread did not stop within 10 seconds");
        _ready.Dispose();
    }

    private void Run()
    {
        try
        {
            try
            {
                Open();
            }
            catch (Exception e) when (e is DisplayUnavailableException or DllNotFoundException or EntryPointNotFoundException)
            {
                _openError = e is DisplayUnavailableException ? e.Message : $"{Library} could not be used: {e.Message}";
                return;
            }
            finally
            {
                _ready.Set();
            }
            Loop();
        }
        catch (Exception e)
        {
            _log.Error(e, "the display window failed: {Message}", e.Message);
            _commands.Enqueue(DisplayCommand.Close);
        }
        finally
        {
            Close();
        }
    }

    private void Open()
    {
        if (_options.X11Display is { } display)
            SetNativeEnvironment("DISPLAY", display);
        if (glfwInit() == GLFW_FALSE)
            throw new DisplayUnavailableException($"glfwInit failed: {LastError("no reason given")}");
        _initialized = true;
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
        _window = glfwCreateWindow(_options.InitialWidth, _options.InitialHeight, "emulator", 0, 0);
        if (_window == 0)
            throw new DisplayUnavailableException($"could not create an OpenGL window: {LastError("no reason given")}");
        _self = GCHandle.Alloc(this);
        glfwSetWindowUserPointer(_window, GCHandle.ToIntPtr(_self));
        glfwSetKeyCallback(_window, &OnKey);
        glfwSetFramebufferSizeCallback(_window, &OnFramebufferSize);
        glfwSetWindowRefreshCallback(_window, &OnRefresh);
        InstallPicker();
        glfwMakeContextCurrent(_window);
        // OpenGL through Silk.NET, its entry points from GLFW's loader for this context.
        _gl = GL.GetApi(name => glfwGetProcAddress(name));
        _renderer = new GlFrameRenderer(_gl, BackgroundRgba);
        glfwSwapInterval(_options.VSync ? 1 : 0);
        if (_options.Position is { } position)
            glfwSetWindowPos(_window, position.X, position.Y);
        _log.Debug("window: GLFW {Glfw}, OpenGL {Version} on {Renderer}",
            Marshal.PtrToStringUTF8(glfwGetVersionString()), _renderer.Version, _renderer.Renderer);
    }

    private void Loop()
    {
        while (!_stop)
        {
            glfwWaitEventsTimeout(PollSeconds);
            while (_injectedKeys.TryDequeue(out int key))
                HandleKey(key);
            if (_closeRequested)
            {
                _closeRequested = false;
                glfwSetWindowShouldClose(_window, GLFW_TRUE);
            }
            if (!_closeSent && glfwWindowShouldClose(_window) != GLFW_FALSE)
            {
                _closeSent = true;
                _commands.Enqueue(DisplayCommand.Close);
            }
            lock (_gate)
            {
                if (_pending is not null)
                {
                    _current = _pending;
                    _status = _pendingStatus;
                    _pending = null;
                    _dirty = true;
                }
            }
            if (_dirty && _current is not null)
                Render(_current);
        }
    }

    private void HandleKey(int key)
    {
        switch (WindowKeys.ActionFor(key))
        {
            case WindowAction.Help:
                _help = !_help;
                _dirty = true;
                break;
            case WindowAction.Overlay:
                _overlay = !_overlay;
                _dirty = true;
                break;
            case WindowAction.OracleView:
                _view = _view == DisplayView.Oracle ? DisplayView.Host : DisplayView.Oracle;
                _dirty = true;
                break;
            case WindowAction.SplitView:
                _view = _view == DisplayView.Split ? DisplayView.Host : DisplayView.Split;
                _dirty = true;
                break;
            case WindowAction.Pause:
                _commands.Enqueue(DisplayCommand.TogglePause);
                break;
            case WindowAction.Step:
                _commands.Enqueue(DisplayCommand.Step);
                break;
            case WindowAction.Snapshot:
                _commands.Enqueue(DisplayCommand.SaveSnapshot);
                break;
            case WindowAction.Close:
                _commands.Enqueue(DisplayCommand.Close);
                break;
            case WindowAction.CauseOverlay:
            case WindowAction.Explain:
                HandlePickKey(key);
                break;
        }
    }

    private void Render(VgaFrame frame)
    {
        (int width, int height) = FrameImages.ComposedSize(frame, _view);
        if (width <= 0 || height <= 0 || frame.Pixels.Length < frame.Width * frame.Height)
        {
            _dirty = false;
            return;
        }
        if (!_shown || _windowImageSize != (width, height))
        {
            glfwSetWindowSize(_window, width, height);
            _windowImageSize = (width, height);
            if (!_shown)
            {
                glfwShowWindow(_window);
                _shown = true;
            }
        }

        uint[] image = frame.Pixels;
        if (_view != DisplayView.Host || _overlay || _help)
        {
            if (_scratch.Length < width * height)
                _scratch = new uint[width * height];
            FrameImages.Compose(frame, _view, _overlay, _scratch);
            if (_help)
                HelpOverlay.Draw(_scratch, width, height);
            image = _scratch;
        }
        image = WithCauses(frame, image); // C: stale pixels coloured by cause (GlfwDisplay.Picking.cs)
        if (_help && ReferenceEquals(image, _causeScratch))
            HelpOverlay.Draw(image, width, height);
        glfwGetFramebufferSize(_window, out int fbWidth, out int fbHeight);
        _renderer!.Draw(image.AsSpan(0, width * height), width, height, fbWidth, fbHeight);
        glfwSwapBuffers(_window);

        string title = WithExplanation(FormatTitle(frame, _status, _view, _overlay, _help));
        if (title != _title)
        {
            glfwSetWindowTitle(_window, title);
            Volatile.Write(ref _title, title);
        }
        _dirty = false;
        Volatile.Write(ref _displayedNumber, frame.Number);
        Interlocked.Increment(ref _renders);
    }

    private void Close()
    {
        _renderer?.Dispose();
        _renderer = null;
        _gl?.Dispose();
        _gl = null;
        if (_window != 0)
        {
            glfwDestroyWindow(_window);
            _window = 0;
        }
        if (_initialized)
        {
            glfwTerminate();
            _initialized = false;
        }
        if (_self.IsAllocated)
            _self.Free();
        Volatile.Write(ref s_open, 0);
    }

    private static GlfwDisplay? From(nint window)
    {
        nint self = glfwGetWindowUserPointer(window);
        return self == 0 ? null : GCHandle.FromIntPtr(self).Target as GlfwDisplay;
    }

    [UnmanagedCallersOnly]
    private static void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        if (action == GLFW_PRESS)
            From(window)?.HandleKey(key);
    }

    [UnmanagedCallersOnly]
    private static void OnFramebufferSize(nint window, int width, int height)
    {
        if (From(window) is { } display)
            display._dirty = true;
    }

    [UnmanagedCallersOnly]
    private static void OnRefresh(nint window)
    {
        if (From(window) is { } display)
            display._dirty = true;
    }
}
