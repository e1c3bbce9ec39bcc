using System.Runtime.InteropServices;

namespace Emulator.Host.Cli;

/// <summary>
/// SIGTERM (what `kill`, `timeout` and CI cancellation send) stops the run as Ctrl-C does: the
/// run loop ends at the next slice, recordings and the report are completed, and the process
/// exits with 143 (128 + 15, the status a shell shows for a process SIGTERM ended).
/// </summary>
internal sealed class TerminationSignal : IDisposable
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
