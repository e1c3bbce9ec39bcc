using Emulator.Host.Display;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Tests.Display;

[Collection("glfw")]
public sealed class DisplayFactoryTests(XvfbServer xvfb)
{
    [Fact]
    public void Headless_mode_gives_a_headless_display_and_says_so_once()
    {
        var sink = new ListSink();
        using IDisplay display = DisplayFactory.Create("headless", Logger(sink));

        Assert.IsType<HeadlessDisplay>(display);
        Assert.Equal(["display: headless (--display headless)"], sink.Information());
    }

    [Fact]
    public void Auto_falls_back_to_headless_when_the_window_cannot_open_and_logs_why_once()
    {
        var sink = new ListSink();
        using IDisplay display = DisplayFactory.Create("auto", Logger(sink), new GlfwDisplayOptions { X11Display = ":1998" });

        Assert.IsType<HeadlessDisplay>(display);
        string message = Assert.Single(sink.Information());
        Assert.StartsWith("display: headless, because the window could not open: glfwInit failed", message);
    }

    [Fact]
    public void Window_mode_without_a_server_is_an_error_saying_why()
    {
        var e = Assert.Throws<DisplayUnavailableException>(() =>
            DisplayFactory.Create("window", Logger(new ListSink()), new GlfwDisplayOptions { X11Display = ":1998" }));
        Assert.Contains(":1998", e.Message);
    }

    [Fact]
    public void Auto_opens_a_window_when_an_X_server_is_there()
    {
        if (xvfb.Display is null)
        {
            Console.WriteLine($"skipped: {xvfb.SkipReason}");
            return;
        }
        var sink = new ListSink();
        using IDisplay display = DisplayFactory.Create("auto", Logger(sink), new GlfwDisplayOptions { X11Display = xvfb.Display });

        Assert.IsType<GlfwDisplay>(display);
        Assert.Equal([$"display: window (DISPLAY={xvfb.Display}, libglfw.so.3 found)"], sink.Information());
    }

    [Fact]
    public void Unknown_mode_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DisplayFactory.Create("vnc", Logger(new ListSink())));
    }

    private static ILogger Logger(ListSink sink) =>
        new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();

    private sealed class ListSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public void Emit(LogEvent logEvent)
        {
            lock (_events)
                _events.Add(logEvent);
        }

        public List<string> Information()
        {
            lock (_events)
                return [.. _events.Where(e => e.Level == LogEventLevel.Information).Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))];
        }
    }
}
