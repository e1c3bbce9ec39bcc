namespace Emulator.Host.Scenarios;

/// <summary>One expectation checked against a run: what it is, whether it held, and the figure that says so.</summary>
/// <param name="Name">The expectation, e.g. "stale_pixels.per_frame", "exit", "report.cache.l2.misses".</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Figure">The measured figure and the rule, e.g. "stale_pixels_max 5260 >= 1 on some frame (total 90148 over 20 frames)".</param>
/// <param name="Implicit">A precondition check adds to every scenario (the run ended properly, all frames were shown), not one the file asked for.</param>
public sealed record ScenarioCheck(string Name, bool Passed, string Figure, bool Implicit = false);

/// <summary>The outcome of a scenario: passed when every check held.</summary>
public sealed record ScenarioVerdict(ScenarioRun Run, IReadOnlyList<ScenarioCheck> Checks)
{
    public Scenario Scenario => Run.Scenario;

    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The figure that decided: the first failed check's, else the first explicit check's.</summary>
    public string Figure =>
        (Checks.FirstOrDefault(c => !c.Passed) ?? Checks.FirstOrDefault(c => !c.Implicit) ?? Checks.FirstOrDefault())?.Figure ?? "no checks";
}
