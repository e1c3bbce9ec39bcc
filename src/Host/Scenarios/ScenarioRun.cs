using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>
/// What one child `emulator run` of a scenario left behind: its exit status, standard output (the
/// guest's UART), the last lines of standard error, and its report (null when it wrote none).
/// </summary>
public sealed record ScenarioRun
{
    public required Scenario Scenario { get; init; }

    public required int ExitCode { get; init; }

    public required string Stdout { get; init; }

    public required string Stderr { get; init; }

    /// <summary>The run report's root object, or null when the child wrote none (it crashed, or timed out).</summary>
    public JsonElement? Report { get; init; }

    /// <summary>True when the child was killed at <see cref="Scenario.TimeoutSeconds"/>.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The command line run, for messages.</summary>
    public required string CommandLine { get; init; }

    /// <summary>The last non-empty line of standard error, or null.</summary>
    public string? LastErrorLine =>
        Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
