using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>
/// Runs scenarios as child `emulator run` processes, at most <see cref="Jobs"/> at a time, each
/// with its report in a private temporary directory that is removed afterwards.
/// </summary>
public sealed class ScenarioRunner(EmulatorLauncher launcher, int jobs)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, jobs));

    public EmulatorLauncher Launcher => launcher;

    public int Jobs => Math.Max(1, jobs);

    /// <summary>Starts every scenario (bounded by <see cref="Jobs"/>); the tasks complete in any order, their list is in the given order.</summary>
    public IReadOnlyList<Task<ScenarioRun>> StartAll(IReadOnlyList<Scenario> scenarios, CancellationToken cancel = default) =>
        [.. scenarios.Select(s => RunAsync(s, cancel))];

    /// <summary>Runs one scenario when a slot is free.</summary>
    public async Task<ScenarioRun> RunAsync(Scenario scenario, CancellationToken cancel = default)
    {
        await _slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return await RunNowAsync(scenario, cancel).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<ScenarioRun> RunNowAsync(Scenario scenario, CancellationToken cancel)
    {
        string temp = Path.Combine(Path.GetTempPath(), "emulator-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            string reportPath = Path.Combine(temp, "report.json");
            IReadOnlyList<string> args = ScenarioCommandLine.Arguments(scenario, reportPath);
            var start = new ProcessStartInfo(launcher.FileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = scenario.Directory,
            };
            foreach (string a in launcher.LeadingArguments.Concat(args))
                start.ArgumentList.Add(a);

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {launcher.FileName}");
            process.StandardInput.Close(); // the guest's UART sees end of input at once
            var stdout = new MemoryStream();
            Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancel);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancel);
            bool timedOut = false;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                limit.CancelAfter(TimeSpan.FromSeconds(scenario.TimeoutSeconds));
                try
                {
                    await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    cancel.ThrowIfCancellationRequested();
                    timedOut = true;
                }
            }
            await copyOut.ConfigureAwait(false);
            string errors = await stderr.ConfigureAwait(false);
            return new ScenarioRun
            {
                Scenario = scenario,
                ExitCode = process.ExitCode,
                Stdout = Encoding.UTF8.GetString(stdout.ToArray()),
                Stderr = errors,
                Report = timedOut ? null : ReadReport(reportPath),
                TimedOut = timedOut,
                CommandLine = ScenarioCommandLine.Quote(launcher.LeadingArguments.Prepend(launcher.FileName).Concat(args)),
            };
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary directory is harmless
            }
        }
    }

    private static JsonElement? ReadReport(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
