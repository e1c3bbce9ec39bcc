using System.CommandLine;
using System.Runtime.InteropServices;
using Emulator.Host.Reporting;

namespace Emulator.Host.Cli;

/// <summary>`--quiet` and the end of a run: the summary on standard error, and SIGTERM handled as SIGINT is.</summary>
public static partial class RunCommand
{
    private static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "No end-of-run summary on standard error (errors are still printed)",
    };

    /// <summary>Prints the summary of a run that ran, unless --quiet.</summary>
    private static void PrintSummary(RunOptions options, RunReport report)
    {
        if (!options.Quiet)
            RunSummary.Print(Console.Error, report, options.ReportPath);
    }

    /// <summary>
    /// SIGTERM (what `kill`, `timeout` and CI cancellation send) stops the run as Ctrl-C does: the
    /// run loop ends at the next slice, recordings and the report are completed, and the process
    /// exits with 143 (128 + 15, the status a shell shows for a process SIGTERM ended).
    /// </summary>
    private sealed class TerminationSignal : IDisposable
    {
        private readonly PosixSignalRegistration? _registration;

        public TerminationSignal(CancellationTokenSource cancel)
        {
            if (OperatingSystem.IsWindows())
                return;
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true; // no default termination: the run loop stops and the report is written
                Received = true;
                cancel.Cancel();
            });
        }

        public bool Received { get; private set; }

        public void Dispose() => _registration?.Dispose();
    }

    /// <summary>An interruption by SIGTERM: status 143 and a message saying so.</summary>
    private static Running.RunOutcome Terminated(Running.RunOutcome outcome) =>
        outcome.Reason == ExitReason.Interrupted ? outcome with { Status = ExitStatus.Terminated, Message = "terminated by SIGTERM" } : outcome;
}
