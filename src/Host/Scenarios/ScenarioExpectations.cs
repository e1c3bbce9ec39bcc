namespace Emulator.Host.Scenarios;

/// <summary>The "expect" object of a scenario: every check is optional, at least one is given.</summary>
public sealed record ScenarioExpectations
{
    public StalePixelsExpectation? StalePixels { get; init; }

    public ExitExpectation? Exit { get; init; }

    /// <summary>Text the guest's UART output (the run's standard output) must contain.</summary>
    public string? UartContains { get; init; }

    /// <summary>The display's last frame hash (the report's display.last_frame_hash).</summary>
    public ulong? FinalFrameHash { get; init; }

    /// <summary>The cause with the most stale pixels (the report's provenance.dominant_cause, "none" without stale pixels); runs get --explain.</summary>
    public string? DominantCause { get; init; }

    /// <summary>Bounds on numeric report fields by dotted path, e.g. "cache.host.l1d.misses", in file order.</summary>
    public IReadOnlyList<ReportFieldExpectation> Report { get; init; } = [];

    /// <summary>The scenario files (absolute) whose figures the bounds compare with.</summary>
    public IEnumerable<string> ReferencedFiles
    {
        get
        {
            IEnumerable<NumberBound?> bounds = [StalePixels?.Total, StalePixels?.FramesWithStale, .. Report.Select(r => r.Bound)];
            foreach (NumberBound? b in bounds)
            {
                if (b?.BelowScenario is { } below)
                    yield return below;
                if (b?.AboveScenario is { } above)
                    yield return above;
            }
        }
    }
}

/// <summary>How many stale pixels the display may show (docs/machine.md, "Display": a stale pixel differs from the coherent oracle on a page the VMM believes up to date).</summary>
public sealed record StalePixelsExpectation
{
    /// <summary>The per-frame rule: none on any frame, at most N on every frame, or at least N on some frame.</summary>
    public PerFrameStale? PerFrame { get; init; }

    /// <summary>Bound on display.stale_pixels_total.</summary>
    public NumberBound? Total { get; init; }

    /// <summary>Bound on display.frames_with_stale.</summary>
    public NumberBound? FramesWithStale { get; init; }
}

/// <summary>The "per_frame" rule of stale_pixels.</summary>
public enum PerFrameStaleKind
{
    /// <summary>"zero": no stale pixel on any frame.</summary>
    Zero,

    /// <summary>{"max": N}: at most N on every frame (display.stale_pixels_max &lt;= N).</summary>
    Max,

    /// <summary>{"at_least_on_some_frame": N}: some frame has N or more (display.stale_pixels_max &gt;= N).</summary>
    AtLeastOnSomeFrame,
}

public readonly record struct PerFrameStale(PerFrameStaleKind Kind, long Value);

/// <summary>
/// Bounds on one figure: fixed ones (min, max, equals) and ones relative to the same figure of
/// another scenario's run (strictly below or above), which keep holding when the model's absolute
/// numbers move.
/// </summary>
public sealed record NumberBound
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? EqualTo { get; init; }

    /// <summary>Another scenario file (absolute) whose same figure this one must be strictly below.</summary>
    public string? BelowScenario { get; init; }

    /// <summary>Another scenario file (absolute) whose same figure this one must be strictly above.</summary>
    public string? AboveScenario { get; init; }
}

/// <summary>The run's exit reason (report spelling, e.g. "guest-fault") and/or status.</summary>
public sealed record ExitExpectation(string? Reason, int? Status);

/// <summary>A bound on the report field at a dotted path.</summary>
public sealed record ReportFieldExpectation(string Path, NumberBound Bound);
