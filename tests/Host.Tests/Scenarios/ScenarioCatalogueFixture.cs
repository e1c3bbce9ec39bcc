using Emulator.Host.Scenarios;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>
/// Runs the whole scenarios/ catalogue once, each scenario as it is and with its mutation, all in
/// parallel child processes (as `emulator check` does), so the theories only judge the results.
/// </summary>
public sealed class ScenarioCatalogueFixture
{
    private readonly Dictionary<string, ScenarioRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScenarioRun> _mutatedRuns = new(StringComparer.Ordinal);

    public ScenarioCatalogueFixture()
    {
        var errors = new List<string>();
        Batch = ScenarioBatch.Load([CatalogueDirectory], errors)
            ?? throw new InvalidOperationException("the catalogue does not load: " + string.Join(" | ", errors));
        Runner = new ScenarioRunner(Launcher, Environment.ProcessorCount);
        List<Scenario> mutated = [.. Batch.Given.Select(s => s.Mutated()).OfType<Scenario>()];
        IReadOnlyList<Task<ScenarioRun>> plain = Runner.StartAll(Batch.All);
        IReadOnlyList<Task<ScenarioRun>> broken = Runner.StartAll(mutated);
        Task.WaitAll([.. plain, .. broken]);
        foreach (Task<ScenarioRun> t in plain)
            _runs[t.Result.Scenario.FilePath] = t.Result;
        foreach (Task<ScenarioRun> t in broken)
            _mutatedRuns[t.Result.Scenario.FilePath] = t.Result;
    }

    public static string CatalogueDirectory => Path.Combine(EmulatorProcess.RepositoryRoot, "scenarios");

    /// <summary>`dotnet emulator.dll`, the program built beside this test assembly.</summary>
    public static EmulatorLauncher Launcher => EmulatorLauncher.ForAssembly(Path.Combine(AppContext.BaseDirectory, "emulator.dll"));

    public ScenarioBatch Batch { get; }

    public ScenarioRunner Runner { get; }

    public static string PathOf(string fileName) => Path.Combine(CatalogueDirectory, fileName);

    public Scenario Scenario(string fileName) => Batch.Given.Single(s => s.FilePath == PathOf(fileName));

    public ScenarioRun Run(string fileName) => _runs[PathOf(fileName)];

    /// <summary>The verdict on the scenario as written.</summary>
    public ScenarioVerdict Verdict(string fileName) => ScenarioEvaluator.Evaluate(Run(fileName), Reference);

    /// <summary>The verdict on the scenario with its mutation applied (its references run as written).</summary>
    public ScenarioVerdict MutatedVerdict(string fileName) => ScenarioEvaluator.Evaluate(_mutatedRuns[PathOf(fileName)], Reference);

    private ScenarioRun? Reference(string file) => _runs.GetValueOrDefault(file);
}
