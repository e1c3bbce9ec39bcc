using System.Diagnostics.CodeAnalysis;
using Emulator.Host.Cli;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Logging;

/// <summary>
/// The run's logger, built only when an event at an enabled level is written: building Serilog's
/// pipeline (console sink, output template, level overrides, its metrics) costs a run about 30 ms
/// of start-up, most of it the JIT, and a run at the default level (warnings) usually logs nothing.
/// Levels below the least severe one any category can show are answered without building it.
/// Contexts taken from it (<see cref="LogCategories.For"/>) are lazy too and resolve through it.
/// </summary>
public sealed class LazyLogger : ILogger, IDisposable
{
    private readonly LazyLogger? _parent;
    private readonly Func<ILogger, ILogger>? _context;
    private readonly Func<Logger>? _create;
    private readonly LogEventLevel _floor;
    private readonly object _gate = new();
    private ILogger? _real;

    /// <summary>The root: builds the logger with <paramref name="create"/> when first needed; nothing below <paramref name="floor"/> is ever enabled.</summary>
    public LazyLogger(Func<Logger> create, LogEventLevel floor)
    {
        _create = create;
        _floor = floor;
    }

    private LazyLogger(LazyLogger parent, Func<ILogger, ILogger> context)
    {
        _parent = parent;
        _context = context;
        _floor = parent._floor;
    }

    /// <summary>True once the real logger has been built (for the tests).</summary>
    public bool Built => Volatile.Read(ref _real) is not null || (_parent?.Built ?? false);

    private ILogger Real
    {
        get
        {
            ILogger? real = Volatile.Read(ref _real);
            if (real is not null)
                return real;
            lock (_gate)
            {
                _real ??= _parent is null ? _create!() : _context!(_parent.Real);
                return _real;
            }
        }
    }

    public bool IsEnabled(LogEventLevel level) => level >= _floor && Real.IsEnabled(level);

    public void Write(LogEvent logEvent)
    {
        if (IsEnabled(logEvent.Level))
            Real.Write(logEvent);
    }

    public void Write(LogEventLevel level, Exception? exception, string messageTemplate, params object?[]? propertyValues)
    {
        if (IsEnabled(level))
            Real.Write(level, exception, messageTemplate, propertyValues);
    }

    public bool BindMessageTemplate(string messageTemplate, object?[]? propertyValues,
        [NotNullWhen(true)] out MessageTemplate? parsedTemplate, [NotNullWhen(true)] out IEnumerable<LogEventProperty>? boundProperties) =>
        Real.BindMessageTemplate(messageTemplate, propertyValues, out parsedTemplate, out boundProperties);

    public bool BindProperty(string? propertyName, object? value, bool destructureObjects, [NotNullWhen(true)] out LogEventProperty? property) =>
        Real.BindProperty(propertyName, value, destructureObjects, out property);

    public ILogger ForContext(ILogEventEnricher enricher) => new LazyLogger(this, l => l.ForContext(enricher));

    public ILogger ForContext(IEnumerable<ILogEventEnricher> enrichers) => new LazyLogger(this, l => l.ForContext(enrichers));

    public ILogger ForContext(string propertyName, object? value, bool destructureObjects = false) =>
        new LazyLogger(this, l => l.ForContext(propertyName, value, destructureObjects));

    public ILogger ForContext<TSource>() => new LazyLogger(this, l => l.ForContext<TSource>());

    public ILogger ForContext(Type source) => new LazyLogger(this, l => l.ForContext(source));

    /// <summary>Flushes and closes the real logger, if it was built (the root only).</summary>
    public void Dispose()
    {
        if (_parent is null)
            (Volatile.Read(ref _real) as IDisposable)?.Dispose();
    }

    /// <summary>
    /// The run's logger for <paramref name="options"/>: lazy unless it writes a log file (which is
    /// created at start, as before) or traces a category.
    /// </summary>
    public static ILogger ForRun(RunOptions options)
    {
        if (options.LogFile is not null || options.TraceCategories.Count > 0)
            return LogCategories.CreateLogger(options);
        return new LazyLogger(() => LogCategories.CreateLogger(options), options.LogLevel);
    }
}
