namespace Emulator.Host.Reporting;

/// <summary>Why a run ended; the report's exit.reason field, a stable contract.</summary>
public enum ExitReason
{
    SystemOff,
    SystemReset,
    SemihostingExit,
    MaxInstructions,
    MaxSeconds,
    Frames,
    GuestFault,
    GuestHalted,
    WindowClosed,
    Interrupted,
    Error,
}

public static class ExitReasons
{
    /// <summary>The report spelling: system-off, semihosting-exit, ...</summary>
    public static string ToReportName(this ExitReason reason) => reason switch
    {
        ExitReason.SystemOff => "system-off",
        ExitReason.SystemReset => "system-reset",
        ExitReason.SemihostingExit => "semihosting-exit",
        ExitReason.MaxInstructions => "max-instructions",
        ExitReason.MaxSeconds => "max-seconds",
        ExitReason.Frames => "frames",
        ExitReason.GuestFault => "guest-fault",
        ExitReason.GuestHalted => "guest-halted",
        ExitReason.WindowClosed => "window-closed",
        ExitReason.Interrupted => "interrupted",
        _ => "error",
    };
}

/// <summary>The emulator's process exit statuses (docs/cli.md, "Exit statuses").</summary>
public static class ExitStatus
{
    public const int Success = 0;
    public const int GuestError = 1;
    public const int Usage = 2;
    public const int MaxInstructions = 3;
    public const int GuestFault = 4;
    public const int GuestHalted = 5;
    public const int Interrupted = 130;

    /// <summary>SIGTERM: 128 + 15, as a shell reports a process the signal ended.</summary>
    public const int Terminated = 143;
    public const int Internal = 70;
}
