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
