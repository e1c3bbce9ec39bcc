using Emulator.Host.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Tests.Logging;

/// <summary>The run's logger is built only when an enabled event is written, and then logs as the eager one did.</summary>
public sealed class LazyLoggerTests
{
    private sealed class Collector : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static (LazyLogger Root, Collector Sink, Func<int> Builds) Create(LogEventLevel minimum)
    {
        var sink = new Collector();
        int builds = 0;
        var root = new LazyLogger(() =>
        {
            builds++;
            return new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Sink(sink).CreateLogger();
        }, minimum);
        return (root, sink, () => builds);
    }

    [Fact]
    public void Events_below_the_minimum_do_not_build_the_logger()
    {
        (LazyLogger root, Collector sink, Func<int> builds) = Create(LogEventLevel.Warning);
        ILogger board = root.ForContext(Constants.SourceContextPropertyName, LogCategories.Board);
        board.Information("mapped {Count} pages", 3);
        board.Debug("{A} {B} {C}", 1, 2UL, 3UL);
        Assert.False(board.IsEnabled(LogEventLevel.Information));
        Assert.Equal(0, builds());
        Assert.False(root.Built);
        Assert.Empty(sink.Events);
        root.Dispose();
    }

    [Fact]
    public void An_enabled_event_builds_it_once_and_keeps_the_context()
    {
        (LazyLogger root, Collector sink, Func<int> builds) = Create(LogEventLevel.Warning);
        ILogger board = root.ForContext(Constants.SourceContextPropertyName, LogCategories.Board);
        ILogger hyp = root.ForContext(Constants.SourceContextPropertyName, LogCategories.Hyp);
        board.Warning("guest wrote {Value} to {Register}", 7, "CTRL");
        hyp.Error(new InvalidOperationException("x"), "exit {Reason}", "mmio");
        ((ILogger)root).Warning("plain");
        Assert.Equal(1, builds());
        Assert.True(root.Built);
        Assert.Equal(3, sink.Events.Count);
        Assert.Equal("\"board\"", sink.Events[0].Properties[Constants.SourceContextPropertyName].ToString());
        Assert.Equal("guest wrote 7 to \"CTRL\"", sink.Events[0].RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("\"hyp\"", sink.Events[1].Properties[Constants.SourceContextPropertyName].ToString());
        Assert.IsType<InvalidOperationException>(sink.Events[1].Exception);
        Assert.False(sink.Events[2].Properties.ContainsKey(Constants.SourceContextPropertyName));
        root.Dispose();
    }
}
