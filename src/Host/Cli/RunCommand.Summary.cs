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

    /// <summary>An interruption by SIGTERM: status 143 and a message saying so.</summary>
    private static Running.RunOutcome Terminated(Running.RunOutcome outcome) =>
        outcome.Reason == ExitReason.Interrupted ? outcome with { Status = ExitStatus.Terminated, Message = "terminated by SIGTERM" } : outcome;
}
