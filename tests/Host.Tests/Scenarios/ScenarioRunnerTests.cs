using Emulator.Host.Scenarios;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>The child processes: a run that does not end is killed at its timeout and judged failed.</summary>
public sealed class ScenarioRunnerTests
{
    [Fact]
    public async Task A_run_past_its_timeout_is_killed_and_fails()
    {
        var scenario = new Scenario
        {
            Name = "endless",
            Description = "the demo without frames=, for ever",
            FilePath = Path.Combine(EmulatorProcess.RepositoryRoot, "scenarios", "endless.json"),
            DisplayPath = "endless.json",
            ImagePath = EmulatorProcess.Sample("demo.elf"),
            MaxInstructions = ulong.MaxValue,
            TimeoutSeconds = 2,
            Expect = new ScenarioExpectations { Exit = new ExitExpectation("max-instructions", 3) },
        };
        var runner = new ScenarioRunner(ScenarioCatalogueFixture.Launcher, 1);

        ScenarioRun run = await runner.RunAsync(scenario);
        ScenarioVerdict verdict = ScenarioEvaluator.Evaluate(run, _ => null);

        Assert.True(run.TimedOut);
        Assert.Null(run.Report);
        Assert.False(verdict.Passed);
        Assert.Equal("timed out after 2 s (wall clock; timeout_seconds)", verdict.Figure);
    }
}
