using Emulator.Host.Cli;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Logging;

/// <summary>
/// Logging categories (Serilog source contexts) that --trace can turn up to Verbose one by one,
/// and the logger set-up: quiet (warnings and errors) by default, always on standard error so
/// that the guest's console on standard output stays clean.
/// </summary>
public static class LogCategories
{
    public const string Loader = "loader";
    public const string Board = "board";
    public const string Cpu = "cpu";
    public const string Psci = "psci";
    public const string Semihosting = "semihosting";
    public const string Run = "run";
    public const string Hyp = "hyp";
    public const string Display = "display";

    public static readonly IReadOnlyList<string> All = [Loader, Board, Cpu, Psci, Semihosting, Run, Hyp, Display];

    public static ILogger For(string category) => Serilog.Log.ForContext(Constants.SourceContextPropertyName, category);

    public static Logger CreateLogger(RunOptions options)
    {
        LogEventLevel minimum = options.LogLevel;
        LoggerConfiguration configuration = new LoggerConfiguration().MinimumLevel.Is(
            options.TraceCategories.Count > 0 ? LogEventLevel.Verbose : minimum);
        if (options.TraceCategories.Count > 0) // else every category is at the minimum already
        {
            foreach (string category in All)
            {
                configuration = configuration.MinimumLevel.Override(
                    category, options.TraceCategories.Contains(category) ? LogEventLevel.Verbose : minimum);
            }
        }
        const string template = "[{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
        configuration = configuration.WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose,
            formatProvider: global::System.Globalization.CultureInfo.InvariantCulture);
        if (options.LogFile is not null)
        {
            configuration = configuration.WriteTo.File(options.LogFile, outputTemplate: "{Timestamp:HH:mm:ss.fff} " + template,
                formatProvider: global::System.Globalization.CultureInfo.InvariantCulture);
        }
        return configuration.CreateLogger();
    }
}
