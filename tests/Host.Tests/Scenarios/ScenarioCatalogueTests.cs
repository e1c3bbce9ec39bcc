using Emulator.Host.Scenarios;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>
/// The scenarios/ catalogue as tests: every scenario passes as written, and fails when the
/// behaviour it guards is broken on purpose (its "mutation": another policy, bootarg or cache), so
/// that none can pass vacuously.
/// </summary>
public sealed class ScenarioCatalogueTests(ScenarioCatalogueFixture catalogue) : IClassFixture<ScenarioCatalogueFixture>
{
    public static TheoryData<string> Files => new(FileNames());

    private static string[] FileNames() =>
        [.. Directory.GetFiles(ScenarioCatalogueFixture.CatalogueDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Scenario_passes(string file)
    {
        ScenarioVerdict verdict = catalogue.Verdict(file);
        Assert.True(verdict.Passed, $"{file}: {verdict.Figure} ({verdict.Run.CommandLine})");
        Assert.Contains(verdict.Checks, c => !c.Implicit);
    }

    /// <summary>
    /// Issue 11's determinism rule for the whole catalogue: each scenario, run twice more, gives the
    /// instructions, cycles, exit, frame count, stale total and last frame hash of its first run.
    /// </summary>
    [Fact]
    public async Task Every_scenario_run_three_times_gives_identical_counts_and_frame_hashes()
    {
        List<Scenario> scenarios = [.. catalogue.Batch.Given];
        ScenarioRun[] again = await Task.WhenAll(catalogue.Runner.StartAll([.. scenarios, .. scenarios]));
        foreach (ScenarioRun rerun in again)
        {
            string file = Path.GetFileName(rerun.Scenario.FilePath);
            Assert.Equal(Fingerprint(catalogue.Run(file)), Fingerprint(rerun));
        }
    }

    private static string Fingerprint(ScenarioRun run)
    {
        Assert.True(run.Report is not null, $"{run.Scenario.FilePath}: no report ({run.LastErrorLine})");
        System.Text.Json.JsonElement r = run.Report.Value;
        string display = r.TryGetProperty("display", out System.Text.Json.JsonElement d)
            ? $"{d.GetProperty("frames")} {d.GetProperty("stale_pixels_total")} {d.GetProperty("last_frame_hash")}"
            : "-";
        return $"{Path.GetFileName(run.Scenario.FilePath)}: {r.GetProperty("exit").GetProperty("reason")} {r.GetProperty("instructions")} {r.GetProperty("cycles")} {display} {run.ExitCode}";
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Scenario_fails_when_its_behaviour_is_broken_on_purpose(string file)
    {
        Scenario scenario = catalogue.Scenario(file);
        Assert.True(scenario.Mutation is not null, $"{file} has no mutation: nothing shows it cannot pass vacuously");

        ScenarioVerdict verdict = catalogue.MutatedVerdict(file);

        Assert.False(verdict.Passed, $"{file} still passes with {scenario.Mutation!.Summary}: {verdict.Figure}");
        // It must fail on its own expectation, with a run that worked: not because the mutated run broke.
        Assert.All(verdict.Checks.Where(c => c.Implicit), c => Assert.True(c.Passed, $"{file} with {scenario.Mutation.Summary}: {c.Figure}"));
    }

    [Fact]
    public void Catalogue_has_every_case_of_issue_9()
    {
        string[] names = FileNames();
        for (int n = 1; n <= 12; n++)
            Assert.Contains(names, f => f.StartsWith($"{n:D2}", StringComparison.Ordinal));
        Assert.True(names.Count(f => f.StartsWith("12", StringComparison.Ordinal)) >= 3, "case 12 is a sweep over several cache sizes");
    }

    [Fact]
    public async Task Same_scenario_twice_gives_identical_frames_and_cycles()
    {
        // With seeded speculation on, the most random-looking run of the catalogue.
        const string File = "04b-nc-host-cmo-speculative.json";
        ScenarioRun first = catalogue.Run(File);
        ScenarioRun second = await catalogue.Runner.RunAsync(catalogue.Scenario(File));

        foreach (string path in new[] { "display.last_frame_hash", "cycles", "instructions", "display.stale_pixels_total", "cache.host.l1d.speculative_fills", "cache.l2.misses" })
        {
            string? a = ReportPath.Find(first.Report!.Value, path)?.ToString();
            string? b = ReportPath.Find(second.Report!.Value, path)?.ToString();
            Assert.NotNull(a);
            Assert.Equal(a, b);
        }
        Assert.Equal(first.Stdout, second.Stdout);
    }
}
