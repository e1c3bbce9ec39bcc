namespace Emulator.Host.Scenarios;

/// <summary>
/// The scenarios `emulator check` was given, plus the ones their below_scenario/above_scenario
/// bounds compare with: each distinct file is run once, all in parallel, and the verdicts come
/// out in the order the files were given.
/// </summary>
public sealed class ScenarioBatch
{
    private ScenarioBatch(IReadOnlyList<Scenario> given, IReadOnlyList<Scenario> all)
    {
        Given = given;
        All = all;
    }

    /// <summary>The scenarios to judge, in the order given.</summary>
    public IReadOnlyList<Scenario> Given { get; }

    /// <summary>Every distinct scenario file to run: the given ones, then those only referenced.</summary>
    public IReadOnlyList<Scenario> All { get; }

    /// <summary>
    /// Loads scenario files; a directory stands for the *.json files directly in it, in name order.
    /// Every file that fails to load adds one line to <paramref name="errors"/>; the batch is null then.
    /// </summary>
    public static ScenarioBatch? Load(IEnumerable<string> paths, List<string> errors)
    {
        var given = new List<Scenario>();
        var byFile = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (string path in paths.SelectMany(Expand))
        {
            if (TryLoad(path, byFile, errors) is { } scenario)
                given.Add(scenario);
        }
        var all = new List<Scenario>(byFile.Values);
        foreach (Scenario s in given.ToList())
        {
            foreach (string reference in s.Expect.ReferencedFiles)
            {
                if (!byFile.ContainsKey(reference) && TryLoad(Path.GetRelativePath(Environment.CurrentDirectory, reference), byFile, errors) is { } loaded)
                    all.Add(loaded);
            }
        }
        if (given.Count == 0 && errors.Count == 0)
            errors.Add("no scenario files given");
        return errors.Count > 0 ? null : new ScenarioBatch(given, all);
    }

    /// <summary>Runs every scenario and reports each verdict, in the given order, as soon as it and everything before it are known.</summary>
    public async Task<IReadOnlyList<ScenarioVerdict>> RunAsync(ScenarioRunner runner, Action<ScenarioVerdict>? each = null, CancellationToken cancel = default)
    {
        IReadOnlyList<Task<ScenarioRun>> tasks = runner.StartAll(All, cancel);
        var byFile = new Dictionary<string, Task<ScenarioRun>>(StringComparer.Ordinal);
        for (int i = 0; i < All.Count; i++)
            byFile[All[i].FilePath] = tasks[i];
        var verdicts = new List<ScenarioVerdict>();
        foreach (Scenario s in Given)
        {
            ScenarioRun run = await byFile[s.FilePath].ConfigureAwait(false);
            foreach (string reference in s.Expect.ReferencedFiles)
                await byFile[reference].ConfigureAwait(false);
            ScenarioVerdict verdict = ScenarioEvaluator.Evaluate(run, f => byFile.TryGetValue(f, out Task<ScenarioRun>? t) ? t.Result : null);
            verdicts.Add(verdict);
            each?.Invoke(verdict);
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return verdicts;
    }

    private static Scenario? TryLoad(string path, Dictionary<string, Scenario> byFile, List<string> errors)
    {
        string full = Path.GetFullPath(path);
        if (byFile.TryGetValue(full, out Scenario? known))
            return known;
        try
        {
            Scenario scenario = ScenarioLoader.Load(path);
            byFile[full] = scenario;
            return scenario;
        }
        catch (ScenarioException e)
        {
            errors.Add(e.Message);
            return null;
        }
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal)
            : [path];
}
